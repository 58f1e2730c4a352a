/**
 * Lays out an architecture graph with ELK Layered (elkjs 0.12.1, the bundled build without a
 * worker, so the same code runs in Node.js and in the webview). Pure: no DOM and no vscode.
 *
 * Every coordinate of the result is absolute, relative to the diagram's top-left corner:
 * nested nodes included, because ELK is asked for ROOT shape and edge coordinates.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkLabel, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { ArchitectureGraph, GraphEdge, GraphNode, ViewKind } from './graph-model.js';
import { COMPOUND_PADDING, describeCompoundNode, describeLeafNode, measureEdgeLabel, type NodeContent } from './node-content.js';

export interface Point {
    x: number;
    y: number;
}

export interface LaidOutNode {
    node: GraphNode;
    x: number;
    y: number;
    width: number;
    height: number;
    /** True for a node drawn as a container of other nodes. */
    compound: boolean;
    /** Nesting depth: 0 for top-level nodes. */
    depth: number;
    content: NodeContent;
}

export interface EdgeSection {
    start: Point;
    end: Point;
    bendPoints: Point[];
}

export interface LaidOutEdge {
    edge: GraphEdge;
    /** Route from the source's border to the target's border, as computed by ELK. */
    sections: EdgeSection[];
    label?: { text: string; x: number; y: number; width: number; height: number };
}

export interface LaidOutGraph {
    view: ViewKind;
    width: number;
    height: number;
    /** Parents come before their children, so drawing in this order keeps children on top. */
    nodes: LaidOutNode[];
    edges: LaidOutEdge[];
}

const COMMON_OPTIONS: LayoutOptions = {
    'elk.algorithm': 'layered',
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    'elk.spacing.nodeNode': '24',
    'elk.layered.spacing.nodeNodeBetweenLayers': '48',
    'elk.spacing.edgeNode': '14',
    'elk.spacing.edgeEdge': '8',
    'elk.layered.spacing.edgeNodeBetweenLayers': '18',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '8',
    'elk.spacing.edgeLabel': '3',
    'elk.spacing.componentComponent': '36',
    'elk.padding': '[top=20,left=20,bottom=20,right=20]',
    'elk.json.shapeCoords': 'ROOT',
    'elk.json.edgeCoords': 'ROOT'
};

const VIEW_OPTIONS: Readonly<Record<ViewKind, LayoutOptions>> = {
    'building-blocks': {
        'elk.direction': 'RIGHT',
        // Relations between layers often run both ways. Depth-first cycle breaking and merged
        // edges gave the Netflix example about a third less area and edge length than the
        // defaults, with fewer edges routed around whole groups.
        'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
        'elk.layered.mergeEdges': 'true'
    },
    lineage: {
        'elk.direction': 'RIGHT',
        'elk.layered.spacing.nodeNodeBetweenLayers': '64',
        // Columns must line up across the whole view, which ELK only does within one component.
        'elk.separateConnectedComponents': 'false'
    }
};

let sharedElk: InstanceType<typeof ELK> | undefined;

/**
 * Computes positions and sizes of all nodes and the routes of all edges. Nodes with children
 * become compound nodes laid out together with their contents (hierarchy handling
 * INCLUDE_CHILDREN). When every node has a lineage column, columns become ELK partitions, so
 * column 0 is leftmost and back edges such as feedback loops are routed against the flow.
 * Node and edge order of the model is kept where it adds no crossings.
 */
export async function layoutGraph(graph: ArchitectureGraph): Promise<LaidOutGraph> {
    sharedElk ??= new ELK();
    const tree = new NodeTree(graph.nodes);
    const partitioned = graph.nodes.length > 0 && graph.nodes.every(node => node.column !== undefined);

    const globalOptions: LayoutOptions = { ...COMMON_OPTIONS, ...VIEW_OPTIONS[graph.view] };
    if (tree.hasNesting) {
        globalOptions['elk.hierarchyHandling'] = 'INCLUDE_CHILDREN';
    }
    if (partitioned) {
        globalOptions['elk.partitioning.activate'] = 'true';
    }

    const contents = new Map<string, NodeContent>();
    const toElkNode = (node: GraphNode): ElkNode => {
        const children = tree.childrenOf(node.id);
        const content = children.length > 0 ? describeCompoundNode(node) : describeLeafNode(node);
        contents.set(node.id, content);
        const elkNode: ElkNode = { id: node.id, width: content.width, height: content.height, layoutOptions: {} };
        if (children.length > 0) {
            elkNode.children = children.map(toElkNode);
            elkNode.layoutOptions = {
                'elk.padding': `[top=${content.headerHeight},left=${COMPOUND_PADDING},bottom=${COMPOUND_PADDING},right=${COMPOUND_PADDING}]`,
                'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
                'elk.nodeSize.minimum': `(${content.width},${content.height})`
            };
        }
        if (partitioned) {
            elkNode.layoutOptions!['elk.partitioning.partition'] = String(node.column);
        }
        return elkNode;
    };

    // NOTE: elkjs 0.12.1 fails with a TypeError when a compound node of an INCLUDE_CHILDREN layout
    // has a model order strategy, because ELK computes model order bounds for the root graph only.
    // So model order is set on the root only and orders the top-level nodes alone.
    const rootOptions: LayoutOptions = { 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' };
    const root: ElkNode = { id: ROOT_ID, layoutOptions: rootOptions, children: tree.roots.map(toElkNode), edges: [] };
    const containers = new Map<string, ElkNode>([[ROOT_ID, root]]);
    collectContainers(root, containers);
    for (const edge of graph.edges) {
        if (!tree.get(edge.source) || !tree.get(edge.target)) {
            continue;
        }
        const container = containers.get(tree.commonContainer(edge.source, edge.target)) ?? root;
        container.edges ??= [];
        container.edges.push(toElkEdge(edge));
    }

    // Options passed here apply to every node, compound nodes included, unless the node sets them itself.
    const result = await sharedElk.layout(root, { layoutOptions: globalOptions });
    return readLayout(graph, result, tree, contents);
}

/** Identifier of the synthetic root; model identifiers are qualified names and never contain a space. */
const ROOT_ID = 'mlarch root';

function toElkEdge(edge: GraphEdge): ElkExtendedEdge {
    const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [edge.source], targets: [edge.target] };
    if (edge.label) {
        const label = measureEdgeLabel(edge.label);
        elkEdge.labels = [{ text: label.text, width: label.width, height: label.height }];
    }
    return elkEdge;
}

function collectContainers(node: ElkNode, containers: Map<string, ElkNode>): void {
    for (const child of node.children ?? []) {
        containers.set(child.id, child);
        collectContainers(child, containers);
    }
}

function readLayout(graph: ArchitectureGraph, root: ElkNode, tree: NodeTree, contents: Map<string, NodeContent>): LaidOutGraph {
    const nodes: LaidOutNode[] = [];
    const edges: LaidOutEdge[] = [];
    const edgesById = new Map(graph.edges.map(edge => [edge.id, edge]));

    const visit = (elkNode: ElkNode, depth: number): void => {
        for (const child of elkNode.children ?? []) {
            const node = tree.get(child.id)!;
            nodes.push({
                node,
                x: child.x ?? 0,
                y: child.y ?? 0,
                width: child.width ?? 0,
                height: child.height ?? 0,
                compound: (child.children?.length ?? 0) > 0,
                depth,
                content: contents.get(child.id)!
            });
        }
        for (const child of elkNode.children ?? []) {
            visit(child, depth + 1);
        }
        for (const elkEdge of elkNode.edges ?? []) {
            const edge = edgesById.get(elkEdge.id);
            if (edge) {
                edges.push(readEdge(edge, elkEdge));
            }
        }
    };
    visit(root, 0);

    const order = new Map(graph.edges.map((edge, index) => [edge.id, index]));
    edges.sort((a, b) => order.get(a.edge.id)! - order.get(b.edge.id)!);
    return { view: graph.view, width: root.width ?? 0, height: root.height ?? 0, nodes, edges };
}

function readEdge(edge: GraphEdge, elkEdge: ElkExtendedEdge): LaidOutEdge {
    const sections = (elkEdge.sections ?? []).map(section => ({
        start: { x: section.startPoint.x, y: section.startPoint.y },
        end: { x: section.endPoint.x, y: section.endPoint.y },
        bendPoints: (section.bendPoints ?? []).map(point => ({ x: point.x, y: point.y }))
    }));
    const laidOut: LaidOutEdge = { edge, sections };
    const label: ElkLabel | undefined = elkEdge.labels?.[0];
    if (label?.text) {
        laidOut.label = { text: label.text, x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 };
    }
    return laidOut;
}

/** Parent and child relations of the graph's nodes, with parents missing from the graph treated as absent. */
class NodeTree {

    readonly roots: GraphNode[] = [];
    readonly hasNesting: boolean;
    private readonly byId = new Map<string, GraphNode>();
    private readonly children = new Map<string, GraphNode[]>();
    private readonly parents = new Map<string, string>();

    constructor(nodes: GraphNode[]) {
        for (const node of nodes) {
            this.byId.set(node.id, node);
        }
        for (const node of nodes) {
            const parent = node.parent;
            if (parent !== undefined && this.byId.has(parent) && !this.isAncestor(node.id, parent)) {
                this.parents.set(node.id, parent);
                const siblings = this.children.get(parent) ?? [];
                siblings.push(node);
                this.children.set(parent, siblings);
            } else {
                this.roots.push(node);
            }
        }
        this.hasNesting = this.parents.size > 0;
    }

    get(id: string): GraphNode | undefined {
        return this.byId.get(id);
    }

    childrenOf(id: string): GraphNode[] {
        return this.children.get(id) ?? [];
    }

    /**
     * Returns the node that should contain an edge between the two nodes in the ELK graph: the
     * nearest common ancestor, which is one of the ends when it contains the other end.
     */
    commonContainer(source: string, target: string): string {
        const sourceChain = new Set(this.chainOf(source));
        for (const id of this.chainOf(target)) {
            if (sourceChain.has(id)) {
                return id;
            }
        }
        return ROOT_ID;
    }

    /** Returns the node and its ancestors, nearest first. */
    private chainOf(id: string): string[] {
        const chain: string[] = [];
        for (let current: string | undefined = id; current !== undefined; current = this.parents.get(current)) {
            chain.push(current);
        }
        return chain;
    }

    /** Tells whether making `parent` the parent of `id` would close a cycle of parents. */
    private isAncestor(id: string, parent: string): boolean {
        return this.chainOf(parent).includes(id);
    }
}
