/**
 * Lays out an architecture graph with ELK Layered (elkjs 0.12.1). The caller passes the ELK
 * engine: layout.ts passes the bundled build for Node.js, and the preview webview passes an
 * engine that runs in a Web Worker. Pure: no DOM and no vscode.
 *
 * Every coordinate of the result is absolute, relative to the diagram's top-left corner:
 * nested nodes included, because ELK is asked for ROOT shape and edge coordinates.
 *
 * Stable layout. A small edit of the model must not reshuffle the diagram. Two things keep it in
 * place. First, node order is model order: graph-builder.ts takes documents in URI order, views
 * add nodes in source order, and ELK considers that order (on the root graph only, see the NOTE
 * below, and in graphs of up to LARGE_GRAPH_NODES nodes). That alone does not suffice, because ELK's layer-sweep crossing minimisation reorders
 * most of a layer when a node is added: for a 200-node lineage graph nearly every node moved.
 * Second, so the caller can pass the positions of the previous layout of the same view
 * (LayoutHints.previous). Then nodes get those positions as their start positions and ELK
 * orders each layer by them (INTERACTIVE crossing minimisation), so known nodes keep their
 * relative order and new nodes start next to the nodes they connect to. Layering stays
 * automatic, so a node still changes layer when its edges require it. test/unit/layout-stability.test.ts
 * measures the result. Without hints (first layout, another view, a mostly new graph) ELK
 * minimises crossings from scratch.
 */
import type { ELK, ElkExtendedEdge, ElkLabel, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import type { ArchitectureGraph, GraphEdge, GraphNode, ViewKind, ViewParameters } from './graph-model.js';
import { GraphTree } from './graph-tree.js';
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
    /** The graph's parameters and focus node, copied from the ArchitectureGraph. */
    parameters?: ViewParameters;
    focus?: string;
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

/**
 * Node count above which a graph counts as large. A large graph is laid out with cheaper
 * strategies: Brandes-Köpf node placement with one fixed alignment, polyline edge routing, one
 * crossing minimisation pass and no model order. On a 2-core machine, a 200-node lineage layout
 * took 2 s with network simplex placement instead of 0.3 s, and a 1,000-node one 7.8 s with
 * orthogonal routing instead of 1.4 s.
 */
export const LARGE_GRAPH_NODES = 150;

const LARGE_GRAPH_OPTIONS: LayoutOptions = {
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'LEFTDOWN',
    'elk.edgeRouting': 'POLYLINE',
    'elk.layered.thoroughness': '1'
};

/**
 * Options that make ELK take the layers from the nodes' x positions (see columnLayers). Edges
 * from a later layer to an earlier one are reversed, so they run against the flow.
 */
const COLUMN_LAYER_OPTIONS: LayoutOptions = {
    'elk.layered.cycleBreaking.strategy': 'INTERACTIVE',
    'elk.layered.layering.strategy': 'INTERACTIVE'
};

/** Options of views that read left to right in lineage columns. */
const LINEAGE_OPTIONS: LayoutOptions = {
    'elk.direction': 'RIGHT',
    'elk.layered.spacing.nodeNodeBetweenLayers': '64',
    // Columns must line up across the whole view, which ELK only does within one component.
    'elk.separateConnectedComponents': 'false'
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
    lineage: LINEAGE_OPTIONS,
    'model-dependencies': LINEAGE_OPTIONS,
    workflows: {
        'elk.direction': 'RIGHT',
        // Workflows and the signals between them run left to right.
        'elk.layered.spacing.nodeNodeBetweenLayers': '40',
        'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST'
    }
};

/**
 * Views whose compound nodes are laid out on their own (hierarchy handling SEPARATE_CHILDREN),
 * with the direction of their contents. ELK's INCLUDE_CHILDREN layout uses one direction for
 * the whole hierarchy, and with steps running left to right inside workflows that also run left
 * to right, the Netflix workflow view was ten times as wide as high. Laid out on their own,
 * steps run top to bottom. An edge between nodes in different compounds then passes through a
 * port on each compound border it crosses, and its pieces are joined again after layout.
 */
const SEPARATE_COMPOUND_DIRECTION: Readonly<Partial<Record<ViewKind, 'DOWN' | 'RIGHT'>>> = {
    workflows: 'DOWN'
};

/** The part of an ELK instance that layout uses: elk.bundled.js in Node.js, a worker-backed elk-api.js instance in the webview. */
export type LayoutEngine = Pick<ELK, 'layout'>;

export interface LayoutHints {
    /**
     * Top-left corners of the nodes in the previous layout of the same view, by node id. Used
     * when at least MIN_HINTED_SHARE of the graph's nodes have one.
     */
    previous?: ReadonlyMap<string, Point>;
}

/** Share of nodes with a previous position below which the graph counts as new and is laid out from scratch. */
export const MIN_HINTED_SHARE = 0.5;

/** Returns the top-left corner of every node of a layout, by node id, as LayoutHints.previous takes them. */
export function positionsOf(layout: LaidOutGraph): Map<string, Point> {
    return new Map(layout.nodes.map(node => [node.node.id, { x: node.x, y: node.y }]));
}

/**
 * Computes positions and sizes of all nodes and the routes of all edges. Nodes with children
 * become compound nodes laid out together with their contents (hierarchy handling
 * INCLUDE_CHILDREN). When every node has a lineage column, column 0 is leftmost and back edges
 * such as feedback loops are routed against the flow. In a flat graph the columns give the
 * layers directly (columnLayers), and in a nested one they become ELK partitions. Node and edge
 * order of the model is kept where it adds no crossings, except in large graphs.
 */
export async function layoutWithEngine(engine: LayoutEngine, graph: ArchitectureGraph, hints: LayoutHints = {}): Promise<LaidOutGraph> {
    const tree = new NodeTree(graph);
    const partitioned = graph.nodes.length > 0 && graph.nodes.every(node => node.column !== undefined);

    const large = graph.nodes.length > LARGE_GRAPH_NODES;
    const globalOptions: LayoutOptions = { ...COMMON_OPTIONS, ...VIEW_OPTIONS[graph.view], ...(large ? LARGE_GRAPH_OPTIONS : {}) };
    const compoundDirection = SEPARATE_COMPOUND_DIRECTION[graph.view];
    if (tree.hasNesting) {
        globalOptions['elk.hierarchyHandling'] = compoundDirection ? 'SEPARATE_CHILDREN' : 'INCLUDE_CHILDREN';
    }
    // With ELK's partitions, layering took 3 s of a 200-node layout and partition processing 2 s
    // of a 1,000-node one. A flat graph gets its layers from columnLayers instead.
    const layers = partitioned && !tree.hasNesting ? columnLayers(graph) : undefined;
    if (layers) {
        Object.assign(globalOptions, COLUMN_LAYER_OPTIONS);
    } else if (partitioned) {
        globalOptions['elk.partitioning.activate'] = 'true';
    }
    const start = startPositions(graph, hints.previous);
    if (start) {
        globalOptions['elk.layered.crossingMinimization.strategy'] = 'INTERACTIVE';
    }

    const contents = new Map<string, NodeContent>();
    const toElkNode = (node: GraphNode): ElkNode => {
        const children = tree.childrenOf(node.id);
        const content = children.length > 0 ? describeCompoundNode(node) : describeLeafNode(node);
        contents.set(node.id, content);
        const elkNode: ElkNode = { id: node.id, width: content.width, height: content.height, layoutOptions: {} };
        const position = start?.get(node.id);
        if (position) {
            elkNode.x = position.x;
            elkNode.y = position.y;
        }
        if (children.length > 0) {
            elkNode.children = children.map(toElkNode);
            elkNode.layoutOptions = {
                'elk.padding': `[top=${content.headerHeight},left=${COMPOUND_PADDING},bottom=${COMPOUND_PADDING},right=${COMPOUND_PADDING}]`,
                'elk.nodeSize.constraints': '[MINIMUM_SIZE]',
                'elk.nodeSize.minimum': `(${content.width},${content.height})`
            };
            if (compoundDirection) {
                // A compound laid out on its own may use model order, unlike one of an INCLUDE_CHILDREN layout (see the NOTE below).
                elkNode.layoutOptions['elk.direction'] = compoundDirection;
                elkNode.layoutOptions['elk.portConstraints'] = 'FIXED_SIDE';
                elkNode.layoutOptions['elk.layered.considerModelOrder.strategy'] = 'NODES_AND_EDGES';
            }
        }
        if (partitioned && !layers) {
            elkNode.layoutOptions!['elk.partitioning.partition'] = String(node.column);
        }
        return elkNode;
    };

    // NOTE: elkjs 0.12.1 fails with a TypeError when a compound node of an INCLUDE_CHILDREN layout
    // has a model order strategy, because ELK computes model order bounds for the root graph only.
    // So model order is set on the root only and orders the top-level nodes alone.
    // Sorting by model order took 0.3 s of a 200-node layout, so large graphs go without it.
    const rootOptions: LayoutOptions = large ? {} : { 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' };
    const root: ElkNode = { id: ROOT_ID, layoutOptions: rootOptions, children: tree.roots.map(toElkNode), edges: [] };
    if (layers) {
        // A graph with given layers is flat, so every node is a child of the root.
        const pitch = Math.max(0, ...root.children!.map(child => child.width ?? 0)) + LAYER_PITCH_MARGIN;
        for (const child of root.children!) {
            child.x = layers.get(child.id)! * pitch;
            child.y ??= 0;
        }
    }
    const containers = new Map<string, ElkNode>([[ROOT_ID, root]]);
    collectContainers(root, containers);
    /** For each edge split at compound borders, the ids of its ELK pieces from source to target. */
    const pieces = new Map<string, string[]>();
    for (const edge of graph.edges) {
        if (!tree.get(edge.source) || !tree.get(edge.target)) {
            continue;
        }
        const common = tree.commonContainer(edge.source, edge.target);
        if (compoundDirection && (tree.parentOf(edge.source) !== common || tree.parentOf(edge.target) !== common)) {
            pieces.set(edge.id, addEdgeThroughPorts(edge, common, tree, containers));
        } else {
            addElkEdge(containers.get(common) ?? root, toElkEdge(edge, layers ? 'TAIL' : 'CENTER'));
        }
    }

    // Options passed here apply to every node, compound nodes included, unless the node sets them itself.
    const result = await engine.layout(root, { layoutOptions: globalOptions });
    return readLayout(graph, result, tree, contents, pieces);
}

/**
 * Adds an edge whose ends lie in different compounds of a SEPARATE_CHILDREN layout as a chain
 * of pieces. The chain runs from the source to a port on the east side of each compound that
 * the edge leaves, then across the common container. It enters each compound around the target
 * through a port on the west side. Returns the ids of the pieces in order.
 */
function addEdgeThroughPorts(edge: GraphEdge, common: string, tree: NodeTree, containers: Map<string, ElkNode>): string[] {
    const ids: string[] = [];
    const piece = (container: string, source: string, target: string, label?: string): void => {
        const elkEdge: ElkExtendedEdge = { id: `${edge.id}${PIECE_SEPARATOR}${ids.length}`, sources: [source], targets: [target] };
        if (label) {
            const measured = measureEdgeLabel(label);
            elkEdge.labels = [{ text: measured.text, width: measured.width, height: measured.height }];
        }
        ids.push(elkEdge.id);
        addElkEdge(containers.get(container)!, elkEdge);
    };
    const port = (compound: string, side: 'EAST' | 'WEST'): string => {
        const id = `${compound}${PIECE_SEPARATOR}${side}${PIECE_SEPARATOR}${edge.id}`;
        const elkNode = containers.get(compound)!;
        elkNode.ports ??= [];
        elkNode.ports.push({ id, width: 1, height: 1, layoutOptions: { 'elk.port.side': side } });
        return id;
    };

    let from = edge.source;
    for (let parent = tree.parentOf(edge.source); parent !== common; parent = tree.parentOf(parent)) {
        const exit = port(parent, 'EAST');
        piece(parent, from, exit);
        from = exit;
    }
    const entries: Array<{ container: string; port: string }> = [];
    for (let parent = tree.parentOf(edge.target); parent !== common; parent = tree.parentOf(parent)) {
        entries.push({ container: parent, port: port(parent, 'WEST') });
    }
    const middleTarget = entries.length > 0 ? entries[entries.length - 1].port : edge.target;
    piece(common, from, middleTarget, edge.label);
    for (let index = entries.length - 1; index >= 0; index--) {
        const target = index === 0 ? edge.target : entries[index - 1].port;
        piece(entries[index].container, entries[index].port, target);
    }
    return ids;
}

function addElkEdge(container: ElkNode, edge: ElkExtendedEdge): void {
    container.edges ??= [];
    container.edges.push(edge);
}

/** Separates an edge id from its piece number, and a compound id from its port names. Never part of a node or edge id. */
const PIECE_SEPARATOR = '#';

/**
 * Returns start positions for an INTERACTIVE layout: the previous position of each known node,
 * and for a new node the mean position of its known neighbours, or of its parent, so it joins
 * the layer order next to them. Returns undefined when too few nodes are known. ELK reads the
 * positions of siblings relative to each other only, so absolute positions serve for nested
 * nodes too.
 */
function startPositions(graph: ArchitectureGraph, previous: ReadonlyMap<string, Point> | undefined): Map<string, Point> | undefined {
    if (!previous || graph.nodes.length === 0) {
        return undefined;
    }
    const known = graph.nodes.filter(node => previous.has(node.id)).length;
    if (known < graph.nodes.length * MIN_HINTED_SHARE) {
        return undefined;
    }

    const positions = new Map<string, Point>();
    for (const node of graph.nodes) {
        const position = previous.get(node.id);
        if (position) {
            positions.set(node.id, position);
        }
    }
    const neighbours = new Map<string, string[]>();
    for (const edge of graph.edges) {
        neighbours.set(edge.source, [...neighbours.get(edge.source) ?? [], edge.target]);
        neighbours.set(edge.target, [...neighbours.get(edge.target) ?? [], edge.source]);
    }
    for (const node of graph.nodes) {
        if (positions.has(node.id)) {
            continue;
        }
        const anchors = (neighbours.get(node.id) ?? []).map(id => previous.get(id)).filter(point => point !== undefined);
        const parent = node.parent === undefined ? undefined : previous.get(node.parent);
        if (anchors.length > 0) {
            positions.set(node.id, {
                x: anchors.reduce((sum, point) => sum + point.x, 0) / anchors.length,
                y: anchors.reduce((sum, point) => sum + point.y, 0) / anchors.length
            });
        } else if (parent) {
            positions.set(node.id, parent);
        }
    }
    return positions;
}

/** Space between pseudo layers beyond the widest node, so that no two layers overlap horizontally. */
const LAYER_PITCH_MARGIN = 100;

/**
 * Assigns each node of a flat graph whose nodes all have a lineage column to a layer: the
 * columns in order, each as many layers wide as its longest chain of edges within the column.
 * An edge within a column that closes a cycle is left out of the chains and ends up pointing
 * backwards. ELK's interactive layering reads the layers from x positions that are this index
 * times a pitch wider than every node.
 */
export function columnLayers(graph: ArchitectureGraph): Map<string, number> {
    const columnOf = new Map(graph.nodes.map(node => [node.id, node.column ?? 0]));
    const successors = new Map<string, string[]>();
    for (const edge of graph.edges) {
        const column = columnOf.get(edge.source);
        if (edge.source !== edge.target && column !== undefined && column === columnOf.get(edge.target)) {
            const following = successors.get(edge.source);
            if (following) {
                following.push(edge.target);
            } else {
                successors.set(edge.source, [edge.target]);
            }
        }
    }
    const depth = depthsWithinColumns(graph.nodes, successors);

    const widths = new Map<number, number>();
    for (const node of graph.nodes) {
        const column = columnOf.get(node.id)!;
        widths.set(column, Math.max(widths.get(column) ?? 0, depth.get(node.id)! + 1));
    }
    const offsets = new Map<number, number>();
    let offset = 0;
    for (const column of [...widths.keys()].sort((a, b) => a - b)) {
        offsets.set(column, offset);
        offset += widths.get(column)!;
    }
    return new Map(graph.nodes.map(node => [node.id, offsets.get(columnOf.get(node.id)!)! + depth.get(node.id)!]));
}

/**
 * Returns the depth of each node in the chains of edges within its column: 0 for a node that no
 * such edge enters, and otherwise one more than its deepest predecessor. Edges that close a
 * cycle in a depth-first search are left out.
 */
function depthsWithinColumns(nodes: readonly GraphNode[], successors: ReadonlyMap<string, string[]>): Map<string, number> {
    // Depth-first finishing order. Reversed, it is a topological order of the edges that do not close a cycle.
    const finished: string[] = [];
    const visited = new Set<string>();
    for (const node of nodes) {
        if (visited.has(node.id)) {
            continue;
        }
        visited.add(node.id);
        const stack: Array<{ id: string; next: number }> = [{ id: node.id, next: 0 }];
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            const following = successors.get(top.id) ?? [];
            if (top.next < following.length) {
                const successor = following[top.next++];
                if (!visited.has(successor)) {
                    visited.add(successor);
                    stack.push({ id: successor, next: 0 });
                }
            } else {
                finished.push(top.id);
                stack.pop();
            }
        }
    }

    const rank = new Map(finished.map((id, index) => [id, index]));
    const depth = new Map(nodes.map(node => [node.id, 0]));
    for (let index = finished.length - 1; index >= 0; index--) {
        const id = finished[index];
        for (const successor of successors.get(id) ?? []) {
            // A successor that finished later is an ancestor in the search, so the edge closes a cycle.
            if (rank.get(successor)! < index) {
                depth.set(successor, Math.max(depth.get(successor)!, depth.get(id)! + 1));
            }
        }
    }
    return depth;
}

/** Identifier of the synthetic root; model identifiers are qualified names and never contain a space. */
const ROOT_ID = 'mlarch root';

/**
 * Converts an edge. A label sits in the middle of the edge unless `placement` is TAIL.
 * ELK lays out a middle label as a node of its own layer, so graphs with given layers (see
 * columnLayers) put labels at an end.
 */
function toElkEdge(edge: GraphEdge, placement: 'CENTER' | 'TAIL'): ElkExtendedEdge {
    const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [edge.source], targets: [edge.target] };
    if (edge.label) {
        const label = measureEdgeLabel(edge.label);
        const layoutOptions: LayoutOptions | undefined = placement === 'CENTER' ? undefined : { 'elk.edgeLabels.placement': placement };
        elkEdge.labels = [{ text: label.text, width: label.width, height: label.height, layoutOptions }];
    }
    return elkEdge;
}

function collectContainers(node: ElkNode, containers: Map<string, ElkNode>): void {
    for (const child of node.children ?? []) {
        containers.set(child.id, child);
        collectContainers(child, containers);
    }
}

function readLayout(
    graph: ArchitectureGraph, root: ElkNode, tree: NodeTree, contents: Map<string, NodeContent>, pieces: Map<string, string[]>
): LaidOutGraph {
    const nodes: LaidOutNode[] = [];
    const edges: LaidOutEdge[] = [];
    const edgesById = new Map(graph.edges.map(edge => [edge.id, edge]));
    const piecesById = new Map<string, ElkExtendedEdge>();

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
            } else {
                piecesById.set(elkEdge.id, elkEdge);
            }
        }
    };
    visit(root, 0);
    for (const [id, pieceIds] of pieces) {
        const parts = pieceIds.map(pieceId => piecesById.get(pieceId)).filter(part => part !== undefined);
        if (parts.length === pieceIds.length) {
            edges.push(readEdge(edgesById.get(id)!, {
                id,
                sources: parts[0].sources,
                targets: parts[parts.length - 1].targets,
                sections: parts.flatMap(part => part.sections ?? []),
                labels: parts.flatMap(part => part.labels ?? [])
            }));
        }
    }

    const order = new Map(graph.edges.map((edge, index) => [edge.id, index]));
    edges.sort((a, b) => order.get(a.edge.id)! - order.get(b.edge.id)!);
    const laidOut: LaidOutGraph = { view: graph.view, width: root.width ?? 0, height: root.height ?? 0, nodes, edges };
    if (graph.parameters) {
        laidOut.parameters = graph.parameters;
    }
    if (graph.focus !== undefined) {
        laidOut.focus = graph.focus;
    }
    return laidOut;
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

/** The graph's nesting (see GraphTree), with the synthetic root of the ELK graph as the parent of top-level nodes. */
class NodeTree extends GraphTree {

    /** Returns the id of the node's parent, or ROOT_ID for a top-level node. */
    parentOf(id: string): string {
        return this.parents.get(id) ?? ROOT_ID;
    }

    /**
     * Returns the node that should contain an edge between the two nodes in the ELK graph: the
     * nearest common ancestor, which is one of the ends when it contains the other end.
     */
    commonContainer(source: string, target: string): string {
        const sourceChain = new Set([source, ...this.ancestorsOf(source)]);
        for (const id of [target, ...this.ancestorsOf(target)]) {
            if (sourceChain.has(id)) {
                return id;
            }
        }
        return ROOT_ID;
    }
}
