import { CstUtils, type AstNode } from 'langium';
import { isEndpoint, isFeatureGroup, isJob, isModel, isWorkflow, type Job, type Step } from '../generated/ast.js';
import { isNamedElement, qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import type { ElementKind, GraphNode, NodeDetails } from './graph-model.js';
import { sourceLocationOf } from './source-location.js';

const KIND_BY_TYPE: Record<string, ElementKind> = {
    Platform: 'platform',
    Group: 'group',
    Component: 'component',
    Datastore: 'datastore',
    Stream: 'stream',
    Dataset: 'dataset',
    Job: 'job',
    FeatureStore: 'featurestore',
    FeatureGroup: 'featuregroup',
    Model: 'model',
    Workflow: 'workflow',
    Step: 'step',
    Signal: 'signal',
    Endpoint: 'endpoint',
    Experiment: 'experiment',
    Monitor: 'monitor'
};

export function elementKindOf(node: AstNode): ElementKind {
    return KIND_BY_TYPE[node.$type] ?? 'component';
}

/** Creates the graph node of an element: identity, label, badges and source location. */
export function createGraphNode(element: NamedElement, parent?: string): GraphNode {
    const node: GraphNode = {
        id: qualifiedNameOf(element),
        kind: elementKindOf(element),
        label: element.title ?? element.name,
        details: detailsOf(element)
    };
    if (parent) {
        node.parent = parent;
    }
    const source = sourceLocationOf(element);
    if (source) {
        node.source = source;
    }
    return node;
}

/**
 * Returns the node id of a workflow step: the workflow's qualified name and the step name,
 * joined by a dot. Step names are unique within their workflow, and a workflow has no nested
 * elements, so no element has the same id.
 */
export function stepIdOf(step: Step): string {
    return `${qualifiedNameOf(step.$container)}.${step.name}`;
}

/** A declaration that views draw as a node: an element or a workflow step. */
export type DrawableDeclaration = NamedElement | Step;

/** Returns the node id of an element or a workflow step. */
export function graphNodeIdOf(node: DrawableDeclaration): string {
    return isNamedElement(node) ? qualifiedNameOf(node) : stepIdOf(node);
}

/** Creates the graph node of a workflow step inside the node of its workflow. */
export function createStepNode(step: Step, workflowId: string): GraphNode {
    const node: GraphNode = {
        id: stepIdOf(step),
        kind: 'step',
        label: step.title ?? step.name,
        parent: workflowId,
        details: {}
    };
    const runs = step.runs?.ref;
    if (isNamedElement(runs)) {
        node.details.runs = qualifiedNameOf(runs);
    }
    assign(node.details, 'description', step.description ?? docCommentOf(step));
    const source = sourceLocationOf(step);
    if (source) {
        node.source = source;
    }
    return node;
}

function detailsOf(element: NamedElement): NodeDetails {
    const details: NodeDetails = {};
    assign(details, 'description', ('description' in element ? element.description : undefined) ?? docCommentOf(element));
    if (isModel(element)) {
        assign(details, 'version', element.version);
        assign(details, 'status', element.status);
        assign(details, 'task', element.task);
        if (element.servingModes.length > 0) {
            details.serving = [...element.servingModes];
        }
        if (element.frameworks.length > 0) {
            details.technology = element.frameworks.join(', ');
        }
    } else if (isJob(element)) {
        assign(details, 'mode', element.mode);
        assign(details, 'state', stateOf(element));
        assign(details, 'technology', element.engine);
    } else if (isEndpoint(element)) {
        if (element.modes.length > 0) {
            details.serving = [...element.modes];
        }
        assign(details, 'technology', element.technology);
    } else if (isWorkflow(element)) {
        assign(details, 'technology', element.engine);
    } else if (isFeatureGroup(element)) {
        const serving = [element.online ? 'online' : undefined, element.offline ? 'offline' : undefined].filter(isDefined);
        if (serving.length > 0) {
            details.serving = serving;
        }
    } else if ('technology' in element) {
        assign(details, 'technology', element.technology);
    }
    return details;
}

/** Returns the text of the `/** … *\/` comment right before a declaration, without the comment markers. */
function docCommentOf(node: AstNode): string | undefined {
    const comment = CstUtils.findCommentNode(node.$cstNode, ['ML_COMMENT']);
    if (!comment || !comment.text.startsWith('/**')) {
        return undefined;
    }
    const text = comment.text
        .replace(/^\/\*\*+/, '')
        .replace(/\*+\/$/, '')
        .split(/\r?\n/)
        .map(line => line.replace(/^\s*\*\s?/, '').trim())
        .filter(line => line.length > 0)
        .join(' ');
    return text || undefined;
}

function stateOf(job: Job): string | undefined {
    return job.state?.kind;
}

function assign<K extends keyof NodeDetails>(details: NodeDetails, key: K, value: NodeDetails[K] | undefined): void {
    if (value !== undefined) {
        details[key] = value;
    }
}

function isDefined<T>(value: T | undefined): value is T {
    return value !== undefined;
}
