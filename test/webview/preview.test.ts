/**
 * Browser test of the preview webview with the four views of examples/netflix. Each view is
 * drawn without overlapping nodes, every edge connects its nodes, and clicking a node posts
 * `reveal` with its source range. The test writes a screenshot of each view in a light and a
 * dark theme to test-results/screenshots (MLARCH_SCREENSHOT_DIR overrides the folder).
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import { attachDiagnostics } from '../../language/src/graph/graph-diagnostics.js';
import type { ArchitectureGraph, ViewKind, ViewParameters } from '../../language/src/graph/graph-model.js';
import { generateLineageGraph } from '../../language/src/graph/synthetic-graph.js';
import { collectMlArchFiles, loadWorkspace } from '../../language/src/workspace/load-workspace.js';
import {
    ancestorsOf, applyTheme, contains, NETFLIX, openPreview, overlaps, readDrawing, saveScreenshot, showGraph, signedDistanceToBorder,
    startHarness, stopHarness, type DrawnEdge, type DrawnNode, type OpenPreview
} from './harness.js';

/** Largest distance, in diagram units, between an edge end and the border of its node's box. */
const END_TOLERANCE = 2;

/** Edge ends move this far into a node's box at most, onto outlines such as a hexagon's tip (see node-shapes.ts). */
const MAX_OUTLINE_INSET = 14;

const VIEWS: ReadonlyArray<{ view: ViewKind; parameters: ViewParameters; minNodes: number; minEdges: number }> = [
    { view: 'building-blocks', parameters: {}, minNodes: 10, minEdges: 10 },
    { view: 'lineage', parameters: {}, minNodes: 10, minEdges: 10 },
    { view: 'model-dependencies', parameters: { model: 'RecommendationEnsemble', hops: 2 }, minNodes: 10, minEdges: 10 },
    { view: 'workflows', parameters: {}, minNodes: 30, minEdges: 30 }
];

const graphs = new Map<ViewKind, ArchitectureGraph>();

before(async () => {
    const workspace = await loadWorkspace(await collectMlArchFiles([NETFLIX]));
    for (const { view, parameters } of VIEWS) {
        graphs.set(view, attachDiagnostics(buildArchitectureGraph(workspace.documents, view, parameters), workspace.documents));
    }
    await startHarness();
});

after(async () => {
    await stopHarness();
});

for (const { view, minNodes, minEdges } of VIEWS) {
    describe(`preview of the Netflix ${view} view`, () => {
        let preview: OpenPreview;
        let graph: ArchitectureGraph;
        let drawing: { nodes: DrawnNode[]; edges: DrawnEdge[] };

        before(async () => {
            graph = graphs.get(view)!;
            preview = await openPreview();
            await showGraph(preview.page, graph);
            drawing = await readDrawing(preview.page);
            await saveScreenshot(preview.page, `${view}-light`);
            await applyTheme(preview.page, 'dark');
            await saveScreenshot(preview.page, `${view}-dark`);
            await applyTheme(preview.page, 'light');
        });

        after(async () => {
            await preview?.page.close();
        });

        test('example graph has content', () => {
            assert.ok(graph.nodes.length >= minNodes, `expected the Netflix ${view} view to have at least ${minNodes} nodes, got ${graph.nodes.length}`);
            assert.ok(graph.edges.length >= minEdges, `expected the Netflix ${view} view to have at least ${minEdges} edges, got ${graph.edges.length}`);
        });

        test('page runs without errors or CSP violations', async () => {
            const record = await preview.page.evaluate(() => window.__mlarch);
            assert.deepEqual(preview.problems, []);
            assert.deepEqual(record.cspViolations, []);
            assert.deepEqual(record.posted[0], { type: 'ready' });
            assert.deepEqual((record.state as { request: unknown }).request, { view, ...graph.parameters });
            const state = await preview.page.evaluate(() => document.getElementById('mlarch-preview')?.dataset.state);
            assert.equal(state, 'ready');
        });

        test('stylesheet applies under the CSP', async () => {
            const styles = await preview.page.evaluate(() => ({
                canvasOverflow: getComputedStyle(document.querySelector('.canvas')!).overflow,
                edgeFill: getComputedStyle(document.querySelector('.edge-line')!).fill
            }));
            assert.equal(styles.canvasOverflow, 'hidden');
            assert.equal(styles.edgeFill, 'none');
        });

        test('every node is drawn once', () => {
            const drawn = drawing.nodes.map(node => node.id).sort();
            assert.deepEqual(drawn, graph.nodes.map(node => node.id).sort());
        });

        test('no two nodes overlap', () => {
            for (let i = 0; i < drawing.nodes.length; i++) {
                for (let j = i + 1; j < drawing.nodes.length; j++) {
                    const a = drawing.nodes[i];
                    const b = drawing.nodes[j];
                    if (ancestorsOf(graph, a.id).has(b.id) || ancestorsOf(graph, b.id).has(a.id)) {
                        continue;
                    }
                    assert.ok(!overlaps(a.box, b.box), `${a.id} ${JSON.stringify(a.box)} overlaps ${b.id} ${JSON.stringify(b.box)}`);
                }
            }
        });

        test('children lie inside their parent', () => {
            const boxes = new Map(drawing.nodes.map(node => [node.id, node.box]));
            for (const node of graph.nodes.filter(candidate => candidate.parent !== undefined)) {
                const child = boxes.get(node.id)!;
                const parent = boxes.get(node.parent!)!;
                assert.ok(contains(parent, child), `${node.id} ${JSON.stringify(child)} lies outside ${node.parent} ${JSON.stringify(parent)}`);
            }
        });

        test('every edge connects its nodes', () => {
            const boxes = new Map(drawing.nodes.map(node => [node.id, node.box]));
            const drawn = drawing.edges.map(edge => `${edge.kind}:${edge.source}->${edge.target}`).sort();
            assert.deepEqual(drawn, graph.edges.map(edge => `${edge.kind}:${edge.source}->${edge.target}`).sort());

            for (const edge of drawing.edges) {
                const name = `${edge.kind} edge ${edge.source} -> ${edge.target}`;
                const start = signedDistanceToBorder(edge.start, boxes.get(edge.source)!);
                const end = signedDistanceToBorder(edge.end, boxes.get(edge.target)!);
                assert.ok(start <= END_TOLERANCE, `${name} starts ${start.toFixed(1)} outside the source box`);
                assert.ok(start >= -MAX_OUTLINE_INSET, `${name} starts ${(-start).toFixed(1)} inside the source box`);
                assert.ok(end <= END_TOLERANCE, `${name} ends ${end.toFixed(1)} outside the target box`);
                assert.ok(end >= -MAX_OUTLINE_INSET, `${name} ends ${(-end).toFixed(1)} inside the target box`);
            }
        });

        test('clicking a node posts reveal with its source', async () => {
            const page = preview.page;
            await page.getByRole('button', { name: 'Fit the diagram to the panel' }).click();
            const withSource = graph.nodes.filter(node => node.source);
            assert.ok(withSource.length > 0, 'expected nodes with a source location');
            let clicked = 0;

            for (const node of withSource) {
                // A point of the node that no child, edge label or other node covers: the centre of a
                // leaf, the caption of a compound.
                const point = await page.evaluate(id => {
                    const group = [...document.querySelectorAll<SVGGElement>('g.node[data-id]')].find(candidate => candidate.dataset.id === id);
                    const target = group?.classList.contains('compound') ? group.querySelector('.t-caption') : group?.querySelector('.node-shape');
                    const rect = target?.getBoundingClientRect();
                    if (!rect) {
                        return undefined;
                    }
                    const x = rect.left + rect.width / 2;
                    const y = rect.top + rect.height / 2;
                    const hit = document.elementFromPoint(x, y)?.closest<SVGGElement>('g.node');
                    return hit?.dataset.id === id ? { x, y } : undefined;
                }, node.id);
                if (!point) {
                    continue;
                }
                await page.mouse.click(point.x, point.y);
                const last = await page.evaluate(() => window.__mlarch.posted.at(-1));
                assert.deepEqual(last, { type: 'reveal', uri: node.source!.uri, range: node.source!.range }, `click on ${node.id}`);
                clicked++;
            }
            assert.ok(clicked >= withSource.length * 0.9, `only ${clicked} of ${withSource.length} nodes could be clicked at an uncovered point`);
        });
    });
}

describe('preview toolbar and states', () => {
    let preview: OpenPreview;

    before(async () => {
        preview = await openPreview();
    });

    after(async () => {
        await preview?.page.close();
    });

    test('view switch posts setView', async () => {
        const page = preview.page;
        await page.getByRole('button', { name: 'Show the lineage view' }).click();
        const record = await page.evaluate(() => window.__mlarch);
        assert.deepEqual(record.posted.at(-1), { type: 'setView', view: 'lineage' });
        assert.deepEqual((record.state as { request: unknown }).request, { view: 'lineage' });
        assert.equal(await page.getByRole('button', { name: 'Show the lineage view' }).getAttribute('aria-pressed'), 'true');
    });

    test('every view has a switch button', async () => {
        const page = preview.page;
        for (const name of ['building blocks', 'lineage', 'model dependencies', 'workflows']) {
            assert.equal(await page.getByRole('button', { name: `Show the ${name} view` }).count(), 1, name);
        }
        await page.getByRole('button', { name: 'Show the workflows view' }).click();
        assert.deepEqual(await page.evaluate(() => window.__mlarch.posted.at(-1)), { type: 'setView', view: 'workflows' });
    });

    test('error message shows in the status line', async () => {
        const page = preview.page;
        await page.evaluate(() => window.postMessage({
            type: 'error',
            message: 'The model-dependencies view could not be built: No model named \'Gone\' was found in the workspace.',
            request: { view: 'model-dependencies', model: 'Gone' }
        }, '*'));
        await page.waitForFunction(() => document.getElementById('mlarch-preview')?.dataset.state === 'error');
        assert.match(await page.getByRole('status').textContent() ?? '', /No model named 'Gone'/);
        assert.equal(await page.getByRole('button', { name: 'Show the model dependencies view' }).getAttribute('aria-pressed'), 'true');
        assert.equal(await page.locator('select').first().inputValue(), 'Gone', 'the model picker shows the requested model');
    });

    test('oversized graph asks for a smaller view', async () => {
        const page = preview.page;
        const graph = generateLineageGraph(2_001);
        await showGraph(page, graph);

        assert.equal(await page.evaluate(() => document.getElementById('mlarch-preview')?.dataset.state), 'too-large');
        assert.match(await page.locator('.placeholder').textContent() ?? '', /has 2,001 elements, more than the 2,000 that the preview lays out\. Hide kinds/);
        assert.match(await page.getByRole('status').textContent() ?? '', /2001 elements, more than 2,000/);
        assert.equal(await page.locator('svg.mlarch-diagram').count(), 0);

        await showGraph(page, { view: 'lineage', nodes: graph.nodes.slice(0, 3), edges: [] });
        assert.equal(await page.evaluate(() => document.getElementById('mlarch-preview')?.dataset.state), 'ready');
        assert.equal(await page.locator('svg.mlarch-diagram g.node').count(), 3);
    });

    test('empty graph shows a placeholder', async () => {
        const page = preview.page;
        await showGraph(page, { view: 'building-blocks', nodes: [], edges: [] });
        assert.equal(await page.evaluate(() => document.getElementById('mlarch-preview')?.dataset.state), 'empty');
        assert.match(await page.locator('.placeholder').textContent() ?? '', /has no elements yet/);
        assert.equal(await page.locator('svg.mlarch-diagram').count(), 0);
    });
});
