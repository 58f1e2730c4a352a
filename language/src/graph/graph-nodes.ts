import type { AstNode } from 'langium';
import { isEndpoint, isFeatureGroup, isJob, isModel, isWorkflow, type Job } from '../generated/ast.js';
import { qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
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

function detailsOf(element: NamedElement): NodeDetails {
    const details: NodeDetails = {};
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
