import type { ArchitectureGraph, ElementKind, GraphNode } from '../../language/src/graph/graph-model.js';

/**
 * Returns the graph without the nodes of the hidden kinds. Children of a hidden node move to
 * its nearest shown ancestor, and edges with a hidden end are dropped. The input is not changed.
 */
export function withoutKinds(graph: ArchitectureGraph, hidden: ReadonlySet<ElementKind>): ArchitectureGraph {
    if (hidden.size === 0) {
        return graph;
    }
    const byId = new Map(graph.nodes.map(node => [node.id, node]));
    const shown = (node: GraphNode): boolean => !hidden.has(node.kind);

    const nodes: GraphNode[] = [];
    for (const node of graph.nodes.filter(shown)) {
        const parent = shownAncestor(node, byId, shown);
        if (parent === node.parent) {
            nodes.push(node);
        } else {
            const { parent: _hiddenParent, ...rest } = node;
            nodes.push(parent === undefined ? rest : { ...rest, parent });
        }
    }
    const ids = new Set(nodes.map(node => node.id));
    const edges = graph.edges.filter(edge => ids.has(edge.source) && ids.has(edge.target));
    return { ...graph, nodes, edges };
}

/** Counts the nodes of each kind, in the order kinds first appear. */
export function countKinds(graph: ArchitectureGraph): Map<ElementKind, number> {
    const counts = new Map<ElementKind, number>();
    for (const node of graph.nodes) {
        counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
    }
    return counts;
}

function shownAncestor(node: GraphNode, byId: Map<string, GraphNode>, shown: (node: GraphNode) => boolean): string | undefined {
    const visited = new Set<string>();
    for (let parent = node.parent; parent !== undefined && !visited.has(parent); parent = byId.get(parent)?.parent) {
        visited.add(parent);
        const candidate = byId.get(parent);
        if (!candidate) {
            return undefined;
        }
        if (shown(candidate)) {
            return parent;
        }
    }
    return undefined;
}
