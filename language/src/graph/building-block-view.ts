import { AstUtils } from 'langium';
import { isSignal, type Workspace } from '../generated/ast.js';
import { isNamedElement, isTopLevel, qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import { GraphAccumulator } from './graph-accumulator.js';
import type { ArchitectureGraph, EdgeKind } from './graph-model.js';
import { createGraphNode } from './graph-nodes.js';
import { addRelationEdges } from './relation-edges.js';

/**
 * The relations a building-block view draws: the generic `uses` and feedback relations, which
 * is what an arc42 building-block diagram shows, plus model dependencies and serving. Data flow
 * (reads, writes, training data) is the lineage view's subject and would bury the structure here.
 */
const BUILDING_BLOCK_EDGE_KINDS: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['uses', 'feedback', 'depends', 'serves', 'consumer']);

/**
 * Builds the building-block view: every element except signals, nested as written or as placed
 * with `in`, and the structural relations between them.
 */
export function buildBuildingBlockView(workspaces: Workspace[]): ArchitectureGraph {
    const graph = new GraphAccumulator('building-blocks', BUILDING_BLOCK_EDGE_KINDS);
    const elements: NamedElement[] = [];

    for (const workspace of workspaces) {
        for (const node of AstUtils.streamAllContents(workspace)) {
            if (isNamedElement(node) && node.name && !isSignal(node)) {
                elements.push(node);
            }
        }
    }

    const ids = new Set(elements.map(qualifiedNameOf));
    for (const element of elements) {
        const parent = parentOf(element);
        graph.addNode(createGraphNode(element, parent && ids.has(parent) ? parent : undefined));
    }
    for (const element of elements) {
        addRelationEdges(element, graph);
    }
    return graph.toGraph();
}

/** Returns the qualified name of the enclosing element, or of the `in` container of a top-level element. */
function parentOf(element: NamedElement): string | undefined {
    if (!isTopLevel(element)) {
        const container = AstUtils.getContainerOfType(element.$container, isNamedElement);
        return container ? qualifiedNameOf(container) : undefined;
    }
    const placement = 'container' in element ? element.container?.ref : undefined;
    return placement ? qualifiedNameOf(placement) : undefined;
}
