/**
 * Layout stability: after a small edit, the diagram keeps its shape. The test lays out a
 * generated 200-node lineage graph and adds one job. It lays the graph out again with the first
 * layout as hints, as the preview does, and counts the nodes that changed layer or changed order
 * with another node of their layer (see test/layout-change.ts). A second case does the same with
 * a compound view of the Netflix example, where ELK lays out nested nodes.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import type { ArchitectureGraph, GraphNode } from '../../language/src/graph/graph-model.js';
import { layoutGraph, positionsOf, type LaidOutGraph } from '../../language/src/graph/layout.js';
import { addSyntheticJob, generateLineageGraph } from '../../language/src/graph/synthetic-graph.js';
import { collectMlArchFiles, loadWorkspace } from '../../language/src/workspace/load-workspace.js';
import { compareLayouts as compareNodes, type LayoutChange, type PlacedNode } from '../layout-change.js';
import { EXAMPLES_DIR } from './workspace-helpers.js';

/** Largest share of the other nodes that may change layer or order after one added element. */
const MAX_CHANGED_SHARE = 0.05;

function compareLayouts(first: LaidOutGraph, second: LaidOutGraph): LayoutChange {
    return compareNodes(placedNodesOf(first), placedNodesOf(second));
}

function placedNodesOf(layout: LaidOutGraph): PlacedNode[] {
    return layout.nodes.map(({ node, x, y, width, height }) => ({ id: node.id, parent: node.parent, x, y, width, height }));
}

function assertStable(change: LayoutChange, name: string): void {
    const share = change.changed.length / change.compared;
    assert.ok(
        share <= MAX_CHANGED_SHARE,
        `${name}: ${change.changed.length} of ${change.compared} nodes (${(share * 100).toFixed(1)} %) changed layer or order, `
        + `more than ${MAX_CHANGED_SHARE * 100} %: ${change.changed.slice(0, 20).join(', ')}`
    );
}

describe('layout stability', () => {
    describe('generated lineage graph', () => {
        let graph: ArchitectureGraph;
        let changedGraph: ArchitectureGraph;
        let original: LaidOutGraph;

        before(async () => {
            graph = generateLineageGraph(200);
            changedGraph = addSyntheticJob(graph);
            original = await layoutGraph(graph);
        });

        test('200 nodes plus one job', async () => {
            assert.equal(graph.nodes.length, 200);
            assert.equal(changedGraph.nodes.length, 201);
            const after = await layoutGraph(changedGraph, { previous: positionsOf(original) });
            const change = compareLayouts(original, after);
            assert.equal(change.compared, 200);
            assertStable(change, 'lineage graph with hints');
        });

        test('metric detects a reshuffle', async () => {
            // Without hints ELK minimises crossings from scratch, which reorders most layers of this
            // graph. The metric must see that, or the test above could pass for the wrong reason.
            const after = await layoutGraph(changedGraph);
            const change = compareLayouts(original, after);
            assert.ok(change.changed.length / change.compared > MAX_CHANGED_SHARE,
                `expected a layout without hints to move more than ${MAX_CHANGED_SHARE * 100} % of the nodes, it moved ${change.changed.length}`);
        });
    });

    describe('compound view of examples/netflix', () => {
        let graph: ArchitectureGraph;

        before(async () => {
            const workspace = await loadWorkspace(await collectMlArchFiles([path.join(EXAMPLES_DIR, 'netflix')]));
            graph = buildArchitectureGraph(workspace.documents, 'building-blocks');
        });

        test('building blocks plus one component', async () => {
            const parent = graph.nodes.find(node => node.kind === 'group' && graph.nodes.some(child => child.parent === node.id));
            assert.ok(parent, 'expected a group with children in the Netflix building-block view');
            const added: GraphNode = { id: `${parent.id}.AddedService`, kind: 'component', label: 'Added Service', parent: parent.id, details: {} };
            const sibling = graph.nodes.find(node => node.parent === parent.id)!;
            const nodes = [...graph.nodes];
            nodes.splice(nodes.indexOf(sibling) + 1, 0, added);
            const changedGraph: ArchitectureGraph = {
                ...graph,
                nodes,
                edges: [...graph.edges, { id: `uses:${added.id}->${sibling.id}`, source: added.id, target: sibling.id, kind: 'uses' }]
            };

            const original = await layoutGraph(graph);
            const after = await layoutGraph(changedGraph, { previous: positionsOf(original) });
            assertStable(compareLayouts(original, after), 'building-block view with hints');
        });
    });
});
