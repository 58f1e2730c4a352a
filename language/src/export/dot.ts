/**
 * Writes a view as a Graphviz DOT digraph: compound nodes become clusters, leaf nodes get a shape
 * per element kind, and back edges (feedback loops, experiment results) are dashed.
 *
 * Graphviz cannot draw an edge to a cluster itself, so each cluster contains an invisible anchor
 * node with the compound node's id. Edges to the compound node end at the anchor, clipped at the
 * cluster's border with `lhead` or `ltail` (which needs `compound=true`).
 */
import { BACK_EDGE_KINDS, type ArchitectureGraph, type ElementKind, type GraphEdge, type GraphNode } from '../graph/graph-model.js';
import { GraphTree } from '../graph/graph-tree.js';
import { nodeCaption } from './node-caption.js';

const SHAPES: Readonly<Record<ElementKind, string>> = {
    platform: 'box',
    group: 'box',
    component: 'box',
    datastore: 'cylinder',
    dataset: 'cylinder',
    stream: 'parallelogram',
    job: 'box',
    workflow: 'box',
    step: 'box',
    featurestore: 'cylinder',
    featuregroup: 'cylinder',
    model: 'hexagon',
    endpoint: 'box',
    experiment: 'diamond',
    monitor: 'note',
    signal: 'cds'
};

/** Node kinds drawn with rounded corners, to tell processes and services from plain components. */
const ROUNDED_KINDS: ReadonlySet<ElementKind> = new Set<ElementKind>(['job', 'workflow', 'step', 'endpoint']);

const FONT = 'Helvetica,Arial,sans-serif';

/** Writes the graph as a DOT digraph whose node ids are the qualified names of the elements. */
export function toDot(graph: ArchitectureGraph): string {
    const tree = new GraphTree(graph);
    const lines: string[] = [
        `digraph ${quoteDot(`MLArch ${graph.view} view`)} {`,
        `    graph [rankdir=LR, compound=true, fontname=${quoteDot(FONT)}, fontsize=12, nodesep=0.3, ranksep=0.6];`,
        `    node [shape=box, style=filled, fillcolor="#ffffff", fontname=${quoteDot(FONT)}, fontsize=11];`,
        `    edge [fontname=${quoteDot(FONT)}, fontsize=9, color="#6b7280"];`
    ];

    const writeNode = (node: GraphNode, depth: number): void => {
        const indent = '    '.repeat(depth + 1);
        const children = tree.childrenOf(node.id);
        if (children.length === 0) {
            lines.push(`${indent}${quoteDot(node.id)} [${leafAttributes(node)}];`);
            return;
        }
        lines.push(`${indent}subgraph ${quoteDot(clusterId(node.id))} {`);
        lines.push(`${indent}    label=${quoteDot(`${node.label}\n${nodeCaption(node)}`)};`);
        lines.push(`${indent}    style=${node.kind === 'platform' || node.kind === 'group' ? '"dashed,rounded"' : 'rounded'};`);
        lines.push(`${indent}    ${quoteDot(node.id)} [shape=point, style=invis, width=0, height=0, label=""];`);
        for (const child of children) {
            writeNode(child, depth + 1);
        }
        lines.push(`${indent}}`);
    };
    for (const root of tree.roots) {
        writeNode(root, 0);
    }

    for (const edge of graph.edges) {
        if (!tree.get(edge.source) || !tree.get(edge.target)) {
            continue;
        }
        lines.push(`    ${quoteDot(edge.source)} -> ${quoteDot(edge.target)} [${edgeAttributes(edge, tree).join(', ')}];`);
    }
    lines.push('}');
    return lines.join('\n') + '\n';
}

function leafAttributes(node: GraphNode): string {
    const style = ROUNDED_KINDS.has(node.kind) ? '"rounded,filled"' : 'filled';
    return `label=${quoteDot(`${node.label}\n${nodeCaption(node)}`)}, shape=${SHAPES[node.kind] ?? 'box'}, style=${style}`;
}

function edgeAttributes(edge: GraphEdge, tree: GraphTree): string[] {
    const attributes = [`class=${quoteDot(`kind-${edge.kind}`)}`];
    if (edge.label) {
        attributes.push(`label=${quoteDot(edge.label)}`);
    }
    if (BACK_EDGE_KINDS.has(edge.kind)) {
        attributes.push('style=dashed', 'color="#ea580c"', 'constraint=false');
    } else if (edge.kind === 'signal' || edge.kind === 'store' || edge.kind === 'experiment') {
        attributes.push('style=dotted');
    }
    // An edge between a compound node and a node inside it stays at the anchor, because Graphviz
    // cannot clip it at a cluster that contains its other end.
    if (tree.isCompound(edge.target) && !tree.isInside(edge.source, edge.target)) {
        attributes.push(`lhead=${quoteDot(clusterId(edge.target))}`);
    }
    if (tree.isCompound(edge.source) && !tree.isInside(edge.target, edge.source)) {
        attributes.push(`ltail=${quoteDot(clusterId(edge.source))}`);
    }
    return attributes;
}

/** Graphviz draws a subgraph as a box only when its name starts with `cluster`. */
function clusterId(id: string): string {
    return `cluster_${id}`;
}

/**
 * Quotes a DOT id or label. Inside quotes DOT reads `\"` as a quote, and labels read
 * backslash sequences such as `\n` and `\l` as line breaks, so backslashes are doubled,
 * quotes are escaped and line breaks become `\n`.
 */
export function quoteDot(text: string): string {
    const escaped = text
        .replace(/\\/g, '\\\\')
        .replace(/"/g, '\\"')
        .replace(/\r\n|[\r\n]/g, '\\n');
    return `"${escaped}"`;
}
