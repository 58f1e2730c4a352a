/**
 * Layout stability: after a small edit, the diagram keeps its shape. The test lays out a
 * generated 200-node lineage graph, adds one job, lays it out again with the first layout as
 * hints (as the preview does), and counts the nodes that changed layer or changed order with
 * another node of their layer. A second case does the same with a compound view of the Netflix
 * example, where ELK lays out nested nodes.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import type { ArchitectureGraph, GraphNode } from '../../language/src/graph/graph-model.js';
import { layoutGraph, positionsOf, type LaidOutGraph } from '../../language/src/graph/layout.js';
import { addSyntheticJob, generateLineageGraph } from '../../language/src/graph/synthetic-graph.js';
import { collectMlArchFiles, loadWorkspace } from '../../language/src/workspace/load-workspace.js';
import { EXAMPLES_DIR } from './workspace-helpers.js';

/** Largest share of the other nodes that may change layer or order after one added element. */
const MAX_CHANGED_SHARE = 0.05;

/** Horizontal distance between node centres above which two nodes are in different layers; layers are at least 40 apart. */
const LAYER_GAP = 20;

interface LayoutChange {
    /** Nodes of both layouts whose layer or order within the layer changed. */
    changed: string[];
    /** Nodes of both layouts. */
    compared: number;
}

/**
 * Assigns each node a layer index from the horizontal position of its centre, for diagrams
 * that flow left to right. Nested nodes are compared with the other children of their parent.
 */
function layersOf(layout: LaidOutGraph, ids: ReadonlySet<string>): Map<string, number> {
    const layers = new Map<string, number>();
    const byParent = new Map<string, LaidOutGraph['nodes']>();
    for (const node of layout.nodes.filter(candidate => ids.has(candidate.node.id))) {
        const parent = node.node.parent ?? '';
        byParent.set(parent, [...byParent.get(parent) ?? [], node]);
    }
    for (const siblings of byParent.values()) {
        const sorted = [...siblings].sort((a, b) => (a.x + a.width / 2) - (b.x + b.width / 2));
        let layer = -1;
        let previous = -Infinity;
        for (const node of sorted) {
            const center = node.x + node.width / 2;
            if (center - previous > LAYER_GAP) {
                layer++;
            }
            previous = center;
            layers.set(node.node.id, layer);
        }
    }
    return layers;
}

/**
 * Compares two layouts on the nodes they share. A node changed when its layer index differs
 * (layers holding only new nodes are not counted) or when another node of the same parent and
 * layer, in both layouts, is above it in one and below it in the other.
 */
function compareLayouts(before: LaidOutGraph, after: LaidOutGraph): LayoutChange {
    const afterIds = new Set(after.nodes.map(node => node.node.id));
    const shared = new Set(before.nodes.map(node => node.node.id).filter(id => afterIds.has(id)));
    const layersBefore = layersOf(before, shared);
    const layersAfter = layersOf(after, shared);
    const yBefore = new Map(before.nodes.map(node => [node.node.id, node.y]));
    const yAfter = new Map(after.nodes.map(node => [node.node.id, node.y]));
    const parents = new Map(before.nodes.map(node => [node.node.id, node.node.parent ?? '']));

    const changed = new Set<string>();
    for (const id of shared) {
        if (layersBefore.get(id) !== layersAfter.get(id)) {
            changed.add(id);
        }
    }
    const ids = [...shared];
    for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
            const a = ids[i];
            const b = ids[j];
            const sameLayer = parents.get(a) === parents.get(b)
                && layersBefore.get(a) === layersBefore.get(b) && layersAfter.get(a) === layersAfter.get(b);
            if (!sameLayer) {
                continue;
            }
            if (Math.sign(yBefore.get(a)! - yBefore.get(b)!) !== Math.sign(yAfter.get(a)! - yAfter.get(b)!)) {
                changed.add(a);
                changed.add(b);
            }
        }
    }
    return { changed: [...changed].sort(), compared: shared.size };
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
