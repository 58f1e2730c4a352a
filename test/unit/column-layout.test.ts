/**
 * Layout of views whose nodes have lineage columns. columnLayers turns columns into layers, and
 * the laid-out graph keeps every column to the left of the next one, for graphs below and above
 * the size at which layout switches to its cheaper strategies.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import type { ArchitectureGraph, GraphEdge, GraphNode } from '../../language/src/graph/graph-model.js';
import { columnLayers, LARGE_GRAPH_NODES, layoutGraph, type LaidOutGraph } from '../../language/src/graph/layout.js';
import { generateLineageGraph } from '../../language/src/graph/synthetic-graph.js';
import { collectMlArchFiles, loadWorkspace } from '../../language/src/workspace/load-workspace.js';
import { EXAMPLES_DIR } from './workspace-helpers.js';

function node(id: string, column: number): GraphNode {
    return { id, kind: 'model', label: id, column } as GraphNode;
}

function edge(source: string, target: string): GraphEdge {
    return { id: `${source}->${target}`, source, target, kind: 'depends' };
}

function graphOf(nodes: GraphNode[], edges: GraphEdge[]): ArchitectureGraph {
    return { view: 'lineage', nodes, edges };
}

/** Asserts that every node of a column lies left of every node of a later column. */
function assertColumnsInOrder(layout: LaidOutGraph): void {
    const spans = new Map<number, { left: number; right: number }>();
    for (const laidOut of layout.nodes) {
        const column = laidOut.node.column!;
        const span = spans.get(column) ?? { left: Infinity, right: -Infinity };
        span.left = Math.min(span.left, laidOut.x);
        span.right = Math.max(span.right, laidOut.x + laidOut.width);
        spans.set(column, span);
    }
    const columns = [...spans.keys()].sort((a, b) => a - b);
    for (let index = 1; index < columns.length; index++) {
        const previous = spans.get(columns[index - 1])!;
        const current = spans.get(columns[index])!;
        assert.ok(previous.right < current.left,
            `column ${columns[index - 1]} ends at x ${previous.right}, after column ${columns[index]} starts at x ${current.left}`);
    }
}

describe('column layers', () => {
    test('one layer per plain column', () => {
        const layers = columnLayers(graphOf([node('a', 0), node('b', 2), node('c', 1), node('d', 2)], [edge('a', 'b'), edge('d', 'c')]));
        assert.deepEqual(Object.fromEntries(layers), { a: 0, c: 1, b: 2, d: 2 });
    });

    test('inner chains widen their column', () => {
        const graph = graphOf([node('s', 0), node('m1', 1), node('m2', 1), node('m3', 1), node('e', 2)],
            [edge('m1', 'm2'), edge('m2', 'm3'), edge('m1', 'm3'), edge('s', 'm1'), edge('m3', 'e')]);
        assert.deepEqual(Object.fromEntries(columnLayers(graph)), { s: 0, m1: 1, m2: 2, m3: 3, e: 4 });
    });

    test('cycle within a column', () => {
        const graph = graphOf([node('a', 0), node('b', 0), node('c', 0), node('d', 1)],
            [edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'c'), edge('a', 'd')]);
        const layers = columnLayers(graph);
        assert.deepEqual([layers.get('a'), layers.get('b'), layers.get('c')], [0, 1, 2]);
        assert.equal(layers.get('d'), 3);
    });

    test('empty graph has no layers', () => {
        assert.equal(columnLayers(graphOf([], [])).size, 0);
    });
});

describe('column order after layout', () => {
    test('netflix lineage view', async () => {
        const workspace = await loadWorkspace(await collectMlArchFiles([path.join(EXAMPLES_DIR, 'netflix')]));
        const graph = buildArchitectureGraph(workspace.documents, 'lineage');
        assert.ok(graph.nodes.length <= LARGE_GRAPH_NODES, `the example has ${graph.nodes.length} nodes`);
        assertColumnsInOrder(await layoutGraph(graph));
    });

    test('large generated lineage graph', async () => {
        const graph = generateLineageGraph(LARGE_GRAPH_NODES + 50);
        const layout = await layoutGraph(graph);
        assert.equal(layout.nodes.length, graph.nodes.length);
        assert.equal(layout.edges.length, graph.edges.length);
        assertColumnsInOrder(layout);
    });

    test('600-node generated lineage graph', async () => {
        const graph = generateLineageGraph(LARGE_GRAPH_NODES * 4);
        const layout = await layoutGraph(graph);
        assert.equal(layout.nodes.length, graph.nodes.length);
        assert.ok(layout.edges.every(laidOut => laidOut.sections.length > 0), 'every edge has a route');
        assertColumnsInOrder(layout);
    });
});
