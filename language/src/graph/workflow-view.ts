import { AstUtils, type AstNode, type Reference } from 'langium';
import {
    isJob, isMonitor, isSignal, isStep, isWorkflow, type Signal, type Step, type Workflow, type Workspace
} from '../generated/ast.js';
import { isNamedElement, qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import { GraphAccumulator } from './graph-accumulator.js';
import type { ArchitectureGraph, EdgeKind, ViewParameters } from './graph-model.js';
import { createGraphNode, createStepNode, stepIdOf } from './graph-nodes.js';
import { findByName } from './name-lookup.js';

/** An element or workflow step that emits a signal or starts when something happens. */
type Actor = NamedElement | Step;

/** Emitters and subscribers of each signal, as the workspace declares them. */
interface SignalTables {
    emitters: Map<Signal, Actor[]>;
    subscribers: Map<Signal, NamedElement[]>;
    /** For each workflow, the workflows and jobs declared to start `after` it. */
    followers: Map<Workflow, NamedElement[]>;
}

/**
 * Builds the workflow view: each workflow as a compound node that contains its steps, with
 * `next` edges for the step order. Edges show how workflows start each other. A signal is a
 * node between the elements or steps that emit it and the workflows and jobs that start on it.
 * `trigger after` draws an edge from the earlier workflow, and a step that runs another workflow
 * an edge to that workflow. A monitor's `triggers` draws an edge from the monitor, unless the
 * monitor reaches the workflow through a signal.
 *
 * With `parameters.workflow`, only that workflow is expanded, and the view keeps the signals and
 * edges with one end in it. The workflows at their other ends appear as plain nodes. Throws an
 * error naming the workflow when none or several fit the name.
 */
export function buildWorkflowView(workspaces: Workspace[], parameters: ViewParameters): ArchitectureGraph {
    const nodes: AstNode[] = workspaces.flatMap(workspace => AstUtils.streamAllContents(workspace).toArray());
    const workflows = nodes.filter(isWorkflow).filter(workflow => workflow.name);
    const parameterChoices = workflows.map(qualifiedNameOf);
    const focus = parameters.workflow === undefined ? undefined : findByName(workflows, parameters.workflow, 'workflow');
    const expanded = new Set<Workflow>(focus ? [focus] : workflows);

    const graph = new GraphAccumulator('workflows');
    const builder = new WorkflowGraphBuilder(graph, expanded);
    for (const workflow of workflows) {
        if (expanded.has(workflow)) {
            builder.addExpandedWorkflow(workflow);
        }
    }

    const tables = collectSignalTables(nodes);
    const touchesFocus = (actor: Actor): boolean => expanded.has(workflowOfActor(actor) as Workflow);

    for (const [signal, emitters] of mergedSignals(tables)) {
        const subscribers = tables.subscribers.get(signal) ?? [];
        const focusEmits = emitters.some(touchesFocus);
        const focusSubscribes = subscribers.some(touchesFocus);
        if (!focusEmits && !focusSubscribes) {
            continue;
        }
        // In the full view every workflow is expanded, so both flags are true whenever a workflow takes part.
        const shownEmitters = focusSubscribes ? emitters : emitters.filter(touchesFocus);
        const shownSubscribers = focusEmits ? subscribers : subscribers.filter(touchesFocus);
        const signalId = builder.addLeaf(signal);
        for (const emitter of shownEmitters) {
            builder.addEdge('emits', builder.addActor(emitter), signalId);
        }
        for (const subscriber of shownSubscribers) {
            builder.addEdge('signal', signalId, builder.addActor(subscriber));
        }
    }

    for (const [workflow, followers] of tables.followers) {
        for (const follower of followers) {
            if (touchesFocus(workflow) || touchesFocus(follower)) {
                builder.addEdge('after', builder.addActor(workflow), builder.addActor(follower), 'after');
            }
        }
    }

    for (const node of nodes) {
        if (isMonitor(node) && node.name) {
            const signalled = new Set(resolved(node.emits).flatMap(signal => tables.subscribers.get(signal) ?? []));
            for (const triggered of node.triggers.map(ref => ref.ref).filter(isWorkflow)) {
                // A monitor that emits a signal the workflow starts on reaches it through the signal node already.
                if (touchesFocus(triggered) && !signalled.has(triggered)) {
                    builder.addEdge('signal', builder.addActor(node), builder.addActor(triggered), 'triggers');
                }
            }
        } else if (isStep(node) && node.name && node.$container.name) {
            const runs = node.runs?.ref;
            if (isWorkflow(runs) && (touchesFocus(node) || touchesFocus(runs))) {
                builder.addEdge('runs', builder.addActor(node), builder.addActor(runs), 'runs');
            }
        }
    }

    const result = graph.toGraph();
    if (focus) {
        const focusId = qualifiedNameOf(focus);
        return { ...result, parameters: { workflow: focusId }, focus: focusId, parameterChoices };
    }
    return { ...result, parameters: {}, parameterChoices };
}

/** Adds nodes on first use, so every element appears once whichever relation reaches it first. */
class WorkflowGraphBuilder {

    constructor(private readonly graph: GraphAccumulator, private readonly expanded: ReadonlySet<Workflow>) { }

    /** Adds a workflow as a compound node with one child per step, and the edges of the step order. */
    addExpandedWorkflow(workflow: Workflow): void {
        const workflowId = this.addLeaf(workflow);
        const steps = workflow.steps.filter(step => step.name);
        for (const step of steps) {
            this.graph.addNode(createStepNode(step, workflowId));
        }
        for (const step of steps) {
            for (const next of step.next) {
                if (next.ref?.name) {
                    this.graph.addEdgeBetween('next', stepIdOf(step), stepIdOf(next.ref));
                }
            }
        }
    }

    /**
     * Adds the node of an element or step and returns its id. A step of a workflow that is not
     * expanded is shown by its workflow's node.
     */
    addActor(actor: Actor): string {
        if (isStep(actor)) {
            return this.expanded.has(actor.$container) ? stepIdOf(actor) : this.addLeaf(actor.$container);
        }
        return this.addLeaf(actor);
    }

    /** Adds an element as a node without parent, unless it is there already, and returns its id. */
    addLeaf(element: NamedElement): string {
        const node = createGraphNode(element);
        this.graph.addNode(node);
        return node.id;
    }

    addEdge(kind: EdgeKind, sourceId: string, targetId: string, label?: string): void {
        this.graph.addEdgeBetween(kind, sourceId, targetId, label);
    }
}

function collectSignalTables(nodes: AstNode[]): SignalTables {
    const tables: SignalTables = { emitters: new Map(), subscribers: new Map(), followers: new Map() };
    for (const node of nodes) {
        if (isActor(node) && 'emits' in node) {
            for (const signal of resolved(node.emits)) {
                push(tables.emitters, signal, node);
            }
        }
        if ((isWorkflow(node) || isJob(node)) && node.name) {
            for (const trigger of node.triggers) {
                const signal = trigger.signal?.ref;
                const after = trigger.workflow?.ref;
                if (isSignal(signal) && signal.name) {
                    push(tables.subscribers, signal, node);
                } else if (isWorkflow(after) && after.name) {
                    push(tables.followers, after, node);
                }
            }
        }
    }
    return tables;
}

/** Returns every signal that something emits or starts on, with its emitters. */
function mergedSignals(tables: SignalTables): Map<Signal, Actor[]> {
    const merged = new Map(tables.emitters);
    for (const signal of tables.subscribers.keys()) {
        if (!merged.has(signal)) {
            merged.set(signal, []);
        }
    }
    return merged;
}

/** Returns the workflow of a step, or the element itself. */
function workflowOfActor(actor: Actor): NamedElement {
    return isStep(actor) ? actor.$container : actor;
}

function isActor(node: AstNode): node is Actor {
    return (isNamedElement(node) && Boolean(node.name)) || (isStep(node) && Boolean(node.name) && Boolean(node.$container.name));
}

function resolved(references: Array<Reference<Signal>>): Signal[] {
    return references.map(ref => ref.ref).filter((signal): signal is Signal => isSignal(signal) && Boolean(signal.name));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) {
        list.push(value);
    } else {
        map.set(key, [value]);
    }
}
