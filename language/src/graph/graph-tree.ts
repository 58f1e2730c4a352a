import type { ArchitectureGraph, GraphNode } from './graph-model.js';

/**
 * The nesting of a graph's nodes, as the layout and the exports read it: a node's parent counts
 * only when it is a node of the graph and does not make the parents form a cycle. Roots and
 * children keep the order of the graph's node list.
 */
export class GraphTree {

    readonly roots: GraphNode[] = [];
    protected readonly byId = new Map<string, GraphNode>();
    private readonly children = new Map<string, GraphNode[]>();
    protected readonly parents = new Map<string, string>();

    constructor(graph: ArchitectureGraph) {
        for (const node of graph.nodes) {
            this.byId.set(node.id, node);
        }
        for (const node of graph.nodes) {
            const parent = node.parent;
            if (parent !== undefined && this.byId.has(parent) && !this.ancestorsOf(parent).includes(node.id) && parent !== node.id) {
                this.parents.set(node.id, parent);
                const siblings = this.children.get(parent) ?? [];
                siblings.push(node);
                this.children.set(parent, siblings);
            } else {
                this.roots.push(node);
            }
        }
    }

    /** True when at least one node has a parent in the graph. */
    get hasNesting(): boolean {
        return this.parents.size > 0;
    }

    get(id: string): GraphNode | undefined {
        return this.byId.get(id);
    }

    childrenOf(id: string): GraphNode[] {
        return this.children.get(id) ?? [];
    }

    isCompound(id: string): boolean {
        return this.childrenOf(id).length > 0;
    }

    /** Returns the node's parent and the parent's ancestors, nearest first. */
    ancestorsOf(id: string): string[] {
        const chain: string[] = [];
        for (let current = this.parents.get(id); current !== undefined; current = this.parents.get(current)) {
            chain.push(current);
        }
        return chain;
    }

    /** Tells whether `id` lies inside the compound node `container`, at any depth. */
    isInside(id: string, container: string): boolean {
        return this.ancestorsOf(id).includes(container);
    }
}
