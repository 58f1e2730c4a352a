/**
 * Browser test of the preview with a generated 200-node lineage graph. Layout runs in a worker,
 * so the page keeps responding, and a slow layout shows the spinner. A newer graph replaces an
 * older one that is still being laid out, and adding one element keeps the layout in place.
 * See harness.ts for the page setup and test/layout-change.ts for the stability measure.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { ArchitectureGraph } from '../../language/src/graph/graph-model.js';
import { addSyntheticJob, generateLineageGraph } from '../../language/src/graph/synthetic-graph.js';
import { compareLayouts, type PlacedNode } from '../layout-change.js';
import { openPreview, readDrawing, renderCount, showGraph, startHarness, stopHarness, waitForRender, type OpenPreview } from './harness.js';

/** Largest share of the other nodes that may change layer or order after one added element. */
const MAX_CHANGED_SHARE = 0.05;

/** Time after which the preview shows its spinner, as preview.ts sets it. */
const SPINNER_DELAY_MS = 500;

/**
 * Maximum pause of the page's main thread while the worker lays out 200 nodes. The main
 * thread still builds the ELK input and draws the result: its longest pause was 285 ms on a
 * busy 2-core machine, where the layout itself took about 5 s and would block the page that
 * long on the main thread.
 */
const MAX_MAIN_THREAD_PAUSE_MS = 800;

interface Timing {
    /** Maximum gap between two ticks of a 10 ms interval timer during the layout. */
    longestPause: number;
    /** Milliseconds from posting the graph to the next drawing. */
    total: number;
    spinnerShown: boolean;
}

/** Posts a graph and measures how the page behaved until it was drawn. */
async function timeGraph(page: Page, graph: ArchitectureGraph): Promise<Timing> {
    const count = await renderCount(page);
    await page.evaluate(message => {
        const probe = { longestPause: 0, spinnerShown: false, started: performance.now(), last: performance.now(), timer: 0 };
        (window as unknown as { __probe: typeof probe }).__probe = probe;
        const spinner = document.querySelector('.spinner')!;
        new MutationObserver(() => {
            if (!spinner.hasAttribute('hidden')) {
                probe.spinnerShown = true;
            }
        }).observe(spinner, { attributes: true });
        probe.timer = window.setInterval(() => {
            const now = performance.now();
            probe.longestPause = Math.max(probe.longestPause, now - probe.last);
            probe.last = now;
        }, 10);
        window.postMessage(message, '*');
    }, { type: 'graph', graph });
    await waitForRender(page, count, 120_000);
    return page.evaluate(() => {
        const probe = (window as unknown as { __probe: { longestPause: number; spinnerShown: boolean; started: number; timer: number } }).__probe;
        clearInterval(probe.timer);
        return { longestPause: probe.longestPause, spinnerShown: probe.spinnerShown, total: performance.now() - probe.started };
    });
}

async function placedNodes(page: Page): Promise<PlacedNode[]> {
    return (await readDrawing(page)).nodes.map(node => ({ id: node.id, ...node.box }));
}

before(async () => {
    await startHarness();
});

after(async () => {
    await stopHarness();
});

describe('preview with a 200-node graph', () => {
    let preview: OpenPreview;
    const graph = generateLineageGraph(200);
    let first: Timing;
    let firstDrawing: PlacedNode[];

    before(async () => {
        preview = await openPreview();
        first = await timeGraph(preview.page, graph);
        firstDrawing = await placedNodes(preview.page);
    });

    after(async () => {
        await preview?.page.close();
    });

    test('layout leaves the main thread free', context => {
        context.diagnostic(`layout and drawing took ${first.total.toFixed(0)} ms; longest main-thread pause ${first.longestPause.toFixed(0)} ms; spinner ${first.spinnerShown ? 'shown' : 'not shown'}`);
        assert.equal(firstDrawing.length, 200);
        assert.ok(first.longestPause < MAX_MAIN_THREAD_PAUSE_MS,
            `the main thread paused for ${first.longestPause.toFixed(0)} ms during a ${first.total.toFixed(0)} ms layout`);
    });

    test('spinner appears only for slow layouts', async () => {
        // The layout's duration depends on the machine, so the expectation follows it.
        if (first.total > SPINNER_DELAY_MS + 300) {
            assert.ok(first.spinnerShown, `a ${first.total.toFixed(0)} ms layout showed no spinner`);
        } else if (first.total < SPINNER_DELAY_MS - 100) {
            assert.ok(!first.spinnerShown, `a ${first.total.toFixed(0)} ms layout showed the spinner`);
        }
        assert.equal(await preview.page.locator('.spinner:not([hidden])').count(), 0, 'the spinner is gone once the diagram is drawn');
    });

    test('one added job keeps the layout', async () => {
        await showGraph(preview.page, addSyntheticJob(graph), 120_000);
        const second = await placedNodes(preview.page);
        assert.equal(second.length, 201);
        const change = compareLayouts(firstDrawing, second);
        assert.equal(change.compared, 200);
        const share = change.changed.length / change.compared;
        assert.ok(share <= MAX_CHANGED_SHARE,
            `${change.changed.length} of 200 nodes (${(share * 100).toFixed(1)} %) changed layer or order: ${change.changed.slice(0, 20).join(', ')}`);
    });

    test('newer graph replaces one being laid out', async () => {
        const page = preview.page;
        const small: ArchitectureGraph = {
            view: 'lineage',
            nodes: [
                { id: 'Events', kind: 'stream', label: 'Events', details: {}, column: 0 },
                { id: 'Ingest', kind: 'job', label: 'Ingest', details: {}, column: 1 }
            ],
            edges: [{ id: 'reads:Events->Ingest', source: 'Events', target: 'Ingest', kind: 'reads' }]
        };
        const count = await renderCount(page);
        // Force a layout from scratch, so the big graph takes long enough to be overtaken.
        await page.evaluate(message => window.postMessage(message, '*'), { type: 'graph', graph: generateLineageGraph(200, 7) });
        await page.waitForFunction(() => document.getElementById('mlarch-preview')?.dataset.state === 'layout');
        await page.evaluate(message => window.postMessage(message, '*'), { type: 'graph', graph: small });
        await waitForRender(page, count, 120_000);
        assert.deepEqual((await readDrawing(page)).nodes.map(node => node.id).sort(), ['Events', 'Ingest']);
        // The big graph's layout was cancelled: nothing is drawn after the small graph.
        await page.waitForTimeout(1500);
        assert.equal(await renderCount(page), count + 1);
        assert.deepEqual((await readDrawing(page)).nodes.map(node => node.id).sort(), ['Events', 'Ingest']);
        assert.deepEqual(preview.problems, []);
    });
});
