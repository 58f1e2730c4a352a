import type { NamedElement } from '../references/qualified-names.js';
import { qualifiedNameOf } from '../references/qualified-names.js';
import type { ArchitectureGraph, EdgeKind, GraphEdge, GraphNode, ViewKind } from './graph-model.js';

/**
 * Collects the nodes and edges of one view. Edges are kept only when both ends are nodes of the
 * view, and each (kind, source, target) triple appears once, so views never hold dangling or
 * duplicate edges.
 */
export class GraphAccumulator {

    private readonly nodes = new Map<string, GraphNode>();
    private readonly edges = new Map<string, GraphEdge>();

    /**
     * @param view the view being built
     * @param edgeKinds the edge kinds the view shows; all kinds when absent
     */
    constructor(private readonly view: ViewKind, private readonly edgeKinds?: ReadonlySet<EdgeKind>) { }

    addNode(node: GraphNode): void {
        if (!this.nodes.has(node.id)) {
            this.nodes.set(node.id, node);
        }
    }

    hasNode(id: string): boolean {
        return this.nodes.has(id);
    }

    addEdge(kind: EdgeKind, source: NamedElement | undefined, target: NamedElement | undefined, label?: string): void {
        if (!source || !target) {
            return;
        }
        this.addEdgeBetween(kind, qualifiedNameOf(source), qualifiedNameOf(target), label);
    }

    /** Adds an edge between two node ids, for nodes that are not elements, such as workflow steps. */
    addEdgeBetween(kind: EdgeKind, sourceId: string, targetId: string, label?: string): void {
        if (this.edgeKinds && !this.edgeKinds.has(kind)) {
            return;
        }
        const id = `${kind}:${sourceId}->${targetId}`;
        if (this.edges.has(id)) {
            return;
        }
        const edge: GraphEdge = { id, source: sourceId, target: targetId, kind };
        if (label) {
            edge.label = label;
        }
        this.edges.set(id, edge);
    }

    /** Returns the graph, without edges whose ends are missing from the view. */
    toGraph(): ArchitectureGraph {
        const edges = [...this.edges.values()].filter(edge =>
            edge.source !== edge.target && this.nodes.has(edge.source) && this.nodes.has(edge.target));
        return { view: this.view, nodes: [...this.nodes.values()], edges };
    }
}
