/**
 * Writes a view as a Mermaid flowchart: compound nodes become subgraphs, leaf nodes get a shape
 * per element kind, and back edges (feedback loops, experiment results) are dotted.
 */
import { BACK_EDGE_KINDS, type ArchitectureGraph, type ElementKind, type GraphEdge, type GraphNode } from '../graph/graph-model.js';
import { GraphTree } from '../graph/graph-tree.js';
import { nodeCaption } from './node-caption.js';

/** Opening and closing brackets of the Mermaid node shape of each element kind. */
const SHAPES: Readonly<Record<ElementKind, readonly [string, string]>> = {
    platform: ['[', ']'],
    group: ['[', ']'],
    component: ['[', ']'],
    datastore: ['[(', ')]'],
    dataset: ['[(', ')]'],
    stream: ['[/', '/]'],
    job: ['[[', ']]'],
    workflow: ['[[', ']]'],
    step: ['(', ')'],
    featurestore: ['[(', ')]'],
    featuregroup: ['[(', ')]'],
    model: ['{{', '}}'],
    endpoint: ['([', '])'],
    experiment: ['{', '}'],
    monitor: ['[\\', '\\]'],
    signal: ['>', ']']
};

/**
 * Keywords of Mermaid's flowchart syntax. A node id equal to one of them, ignoring case, gets a
 * prefix, because some of them (`end`, `style`, `graph`) end or change the statement.
 */
const RESERVED_IDS = new Set([
    'end', 'graph', 'flowchart', 'flowchart-elk', 'subgraph', 'direction', 'style', 'linkstyle', 'classdef',
    'class', 'click', 'call', 'href', 'callback', 'default', 'interpolate', 'acctitle', 'accdescr'
]);

export interface MermaidOptions {
    /** Flow direction of the chart. Default: LR, as the preview lays out its views. */
    direction?: 'LR' | 'TB';
}

/** Writes the graph as a Mermaid flowchart. Node ids are the qualified names with dots replaced, made unique. */
export function toMermaid(graph: ArchitectureGraph, options: MermaidOptions = {}): string {
    const tree = new GraphTree(graph);
    const ids = mermaidIds(graph.nodes);
    const lines: string[] = [`flowchart ${options.direction ?? 'LR'}`];

    const writeNode = (node: GraphNode, depth: number): void => {
        const indent = '    '.repeat(depth + 1);
        const children = tree.childrenOf(node.id);
        if (children.length === 0) {
            const [open, close] = SHAPES[node.kind] ?? SHAPES.component;
            lines.push(`${indent}${ids.get(node.id)}${open}"${nodeLabel(node)}"${close}`);
            return;
        }
        lines.push(`${indent}subgraph ${ids.get(node.id)} ["${nodeLabel(node)}"]`);
        for (const child of children) {
            writeNode(child, depth + 1);
        }
        lines.push(`${indent}end`);
    };
    for (const root of tree.roots) {
        writeNode(root, 0);
    }

    for (const edge of graph.edges) {
        const source = ids.get(edge.source);
        const target = ids.get(edge.target);
        if (source === undefined || target === undefined) {
            continue;
        }
        lines.push(`    ${source} ${arrowOf(edge)} ${target}`);
    }
    return lines.join('\n') + '\n';
}

function arrowOf(edge: GraphEdge): string {
    const dotted = BACK_EDGE_KINDS.has(edge.kind) || edge.kind === 'signal' || edge.kind === 'store' || edge.kind === 'experiment';
    const arrow = dotted ? '-.->' : '-->';
    return edge.label ? `${arrow}|"${escapeMermaidText(edge.label)}"|` : arrow;
}

/** Returns the label of a node: its title, and below it the kind and the details the preview shows as badges. */
function nodeLabel(node: GraphNode): string {
    return `${escapeMermaidText(node.label)}<br><small>${escapeMermaidText(nodeCaption(node))}</small>`;
}

/**
 * Escapes text for a double-quoted Mermaid label. Mermaid reads `#code;` as a character
 * reference and the label as HTML, so quotes, `#`, `&`, angle brackets and backticks become
 * numeric references. Line breaks and tabs become spaces.
 */
export function escapeMermaidText(text: string): string {
    return text
        .replace(/\r\n|[\r\n\t]/g, ' ')
        .replace(/["#&<>`]/g, character => `#${character.codePointAt(0)};`);
}

/** Gives every node a Mermaid id: its qualified name with characters other than letters, digits and `_` replaced by `_`. */
function mermaidIds(nodes: GraphNode[]): Map<string, string> {
    const ids = new Map<string, string>();
    const used = new Set<string>();
    for (const node of nodes) {
        let base = node.id.replace(/[^A-Za-z0-9_]/g, '_');
        if (base === '' || /^\d/.test(base) || RESERVED_IDS.has(base.toLowerCase())) {
            base = `n_${base}`;
        }
        let id = base;
        for (let suffix = 2; used.has(id); suffix++) {
            id = `${base}_${suffix}`;
        }
        used.add(id);
        ids.set(node.id, id);
    }
    return ids;
}
