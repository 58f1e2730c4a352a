import { AstUtils } from 'langium';
import { isModel, type Model, type Workspace } from '../generated/ast.js';
import { isNamedElement, qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import { GraphAccumulator } from './graph-accumulator.js';
import { DEFAULT_DEPENDENCY_HOPS, type ArchitectureGraph, type EdgeKind, type GraphEdge, type ViewParameters } from './graph-model.js';
import { createGraphNode } from './graph-nodes.js';
import { LINEAGE_COLUMNS, lineageColumnOf } from './lineage-view.js';
import { addRelationEdges } from './relation-edges.js';
import { findByName } from './name-lookup.js';

/**
 * Edge kinds that the view follows from the model: the lineage relations, which all point
 * downstream. Back edges (an experiment's `feeds`, feedback loops), generic `uses` relations and
 * signals are drawn between the nodes the walk reached, but the walk does not follow them,
 * because they would pull unrelated parts of the platform into the view.
 */
const WALKED_EDGE_KINDS: ReadonlySet<EdgeKind> = new Set<EdgeKind>([
    'reads', 'writes', 'source', 'trains', 'trained-by', 'consumes', 'depends', 'serves', 'consumer', 'experiment', 'store'
]);

/**
 * Builds the dependency view of one model. It shows the elements up to `hops` lineage edges
 * upstream of the model, such as training data, the jobs that write it and the models it depends
 * on. It also shows those up to `hops` edges downstream: endpoints, experiments, dependent
 * models and their consumers. Upstream and downstream are walked separately, so an element
 * that is only a sibling (upstream of a downstream element) is not included. Nodes carry their
 * lineage column, so the layout reads left to right as the lineage view does.
 *
 * Throws an error naming the model when no model has that name, or when a simple name fits
 * several models.
 */
export function buildModelDependencyView(workspaces: Workspace[], parameters: ViewParameters): ArchitectureGraph {
    const elements: NamedElement[] = [];
    for (const workspace of workspaces) {
        for (const node of AstUtils.streamAllContents(workspace)) {
            if (isNamedElement(node) && node.name) {
                elements.push(node);
            }
        }
    }
    const models = elements.filter(isModel);
    const parameterChoices = models.map(qualifiedNameOf);
    const hops = parameters.hops ?? DEFAULT_DEPENDENCY_HOPS;
    if (!Number.isSafeInteger(hops) || hops < 1) {
        throw new Error(`Invalid hop count ${hops} for the model-dependency view. Use a positive whole number.`);
    }

    const model = parameters.model === undefined ? models[0] : findModel(models, parameters.model);
    if (!model) {
        return { view: 'model-dependencies', nodes: [], edges: [], parameters: { hops }, parameterChoices };
    }

    // All edges of the workspace, so the walk can follow them; the view keeps those between the nodes it reaches.
    const everything = new GraphAccumulator('model-dependencies');
    for (const element of elements) {
        everything.addNode(createGraphNode(element));
    }
    for (const element of elements) {
        addRelationEdges(element, everything);
    }
    const all = everything.toGraph();

    const focus = qualifiedNameOf(model);
    const reached = new Set<string>([focus]);
    walk(focus, hops, all.edges, 'upstream', reached);
    walk(focus, hops, all.edges, 'downstream', reached);

    const byId = new Map(elements.map(element => [qualifiedNameOf(element), element]));
    const nodes = all.nodes
        .filter(node => reached.has(node.id))
        // Only an endpoint's consumers can be of a kind without a lineage column, such as a group.
        .map(node => ({ ...node, column: lineageColumnOf(byId.get(node.id)!) ?? LINEAGE_COLUMNS.consumer }));
    const edges = all.edges.filter(edge => reached.has(edge.source) && reached.has(edge.target));
    return {
        view: 'model-dependencies',
        nodes,
        edges,
        parameters: { model: focus, hops },
        focus,
        parameterChoices
    };
}

/** Adds to `reached` the nodes at most `hops` walked edges away from `start` in one direction. */
function walk(start: string, hops: number, edges: GraphEdge[], direction: 'upstream' | 'downstream', reached: Set<string>): void {
    const next = new Map<string, string[]>();
    for (const edge of edges) {
        if (!WALKED_EDGE_KINDS.has(edge.kind)) {
            continue;
        }
        const [from, to] = direction === 'downstream' ? [edge.source, edge.target] : [edge.target, edge.source];
        const list = next.get(from) ?? [];
        list.push(to);
        next.set(from, list);
    }

    const seen = new Set<string>([start]);
    let frontier = [start];
    for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
        const following: string[] = [];
        for (const id of frontier) {
            for (const neighbour of next.get(id) ?? []) {
                if (!seen.has(neighbour)) {
                    seen.add(neighbour);
                    following.push(neighbour);
                }
            }
        }
        frontier = following;
    }
    for (const id of seen) {
        reached.add(id);
    }
}

function findModel(models: Model[], name: string): Model {
    return findByName(models, name, 'model');
}
