/**
 * Browser test of navigating the preview: highlight from the editor, zoom, fit, search, the
 * kind filter, double-click, the model-dependency controls, state restored after a reload,
 * theme changes and diagnostic badges. See harness.ts for the page setup.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import { attachDiagnostics } from '../../language/src/graph/graph-diagnostics.js';
import type { ArchitectureGraph } from '../../language/src/graph/graph-model.js';
import { collectMlArchFiles, loadWorkspace } from '../../language/src/workspace/load-workspace.js';
import { buildWorkspace } from '../unit/workspace-helpers.js';
import {
    applyTheme, canvasRect, contains, NETFLIX, nodeScreenRect, openPreview, postedMessages, readDrawing, renderCount, showGraph,
    startHarness, stopHarness, waitForRender, type Box, type OpenPreview
} from './harness.js';

let lineage: ArchitectureGraph;
let buildingBlocks: ArchitectureGraph;
let modelView: ArchitectureGraph;

before(async () => {
    const workspace = await loadWorkspace(await collectMlArchFiles([NETFLIX]));
    lineage = buildArchitectureGraph(workspace.documents, 'lineage');
    buildingBlocks = buildArchitectureGraph(workspace.documents, 'building-blocks');
    modelView = buildArchitectureGraph(workspace.documents, 'model-dependencies', { model: 'RecommendationEnsemble', hops: 1 });
    await startHarness();
});

after(async () => {
    await stopHarness();
});

async function viewBox(page: Page): Promise<Box> {
    const [x, y, width, height] = (await page.locator('svg.mlarch-diagram').getAttribute('viewBox'))!.split(' ').map(Number);
    return { x, y, width, height };
}

async function classesOf(page: Page, id: string): Promise<string[]> {
    return page.evaluate(nodeId => {
        const group = [...document.querySelectorAll<SVGGElement>('g.node[data-id]')].find(candidate => candidate.dataset.id === nodeId);
        return group ? [...group.classList] : [];
    }, id);
}

async function nodesWithClass(page: Page, name: string): Promise<string[]> {
    return page.evaluate(className => [...document.querySelectorAll<SVGGElement>(`g.node.${className}`)].map(group => group.dataset.id!).sort(), name);
}

describe('preview navigation of the Netflix lineage view', () => {
    let preview: OpenPreview;

    before(async () => {
        preview = await openPreview();
        await showGraph(preview.page, lineage);
    });

    after(async () => {
        await preview?.page.close();
    });

    test('fit shows every node', async () => {
        const page = preview.page;
        await page.getByRole('button', { name: 'Zoom in' }).click();
        await page.getByRole('button', { name: 'Fit the diagram to the panel' }).click();
        const canvas = await canvasRect(page);
        for (const node of lineage.nodes) {
            const rect = await nodeScreenRect(page, node.id);
            assert.ok(rect, `${node.id} is drawn`);
            assert.ok(contains(canvas, rect), `${node.id} ${JSON.stringify(rect)} lies outside the canvas ${JSON.stringify(canvas)} after fit`);
        }
    });

    test('zoom buttons scale the view', async () => {
        const page = preview.page;
        const before = await viewBox(page);
        await page.getByRole('button', { name: 'Zoom in' }).click();
        const zoomedIn = await viewBox(page);
        assert.ok(Math.abs(zoomedIn.width - before.width / 1.25) < 0.01, `zoom in: ${before.width} -> ${zoomedIn.width}`);
        await page.getByRole('button', { name: 'Zoom out' }).click();
        const zoomedOut = await viewBox(page);
        assert.ok(Math.abs(zoomedOut.width - before.width) < 0.01, `zoom out: ${zoomedIn.width} -> ${zoomedOut.width}`);
    });

    test('wheel zooms around the pointer', async () => {
        const page = preview.page;
        const canvas = await canvasRect(page);
        const pointer = { x: canvas.x + canvas.width * 0.3, y: canvas.y + canvas.height * 0.4 };
        const before = await viewBox(page);
        const scaleBefore = canvas.width / before.width;
        const diagramPoint = { x: before.x + (pointer.x - canvas.x) / scaleBefore, y: before.y + (pointer.y - canvas.y) / scaleBefore };
        await page.mouse.move(pointer.x, pointer.y);
        await page.mouse.wheel(0, -200);
        await page.waitForFunction(width => Number(document.querySelector('svg.mlarch-diagram')!.getAttribute('viewBox')!.split(' ')[2]) < width, before.width);
        const after = await viewBox(page);
        const scaleAfter = canvas.width / after.width;
        assert.ok(scaleAfter > scaleBefore, 'the wheel zoomed in');
        const pointAfter = { x: after.x + (pointer.x - canvas.x) / scaleAfter, y: after.y + (pointer.y - canvas.y) / scaleAfter };
        assert.ok(Math.hypot(pointAfter.x - diagramPoint.x, pointAfter.y - diagramPoint.y) < 1, 'the point under the pointer stays in place');
    });

    test('highlight selects and scrolls into view', async () => {
        const page = preview.page;
        const canvas = await canvasRect(page);
        // Zoom in on the top-left corner, so that the bottom-right node is out of view.
        await page.getByRole('button', { name: 'Fit the diagram to the panel' }).click();
        for (let step = 0; step < 4; step++) {
            await page.mouse.move(canvas.x + 5, canvas.y + 5);
            await page.mouse.wheel(0, -400);
        }
        const drawing = await readDrawing(page);
        const far = drawing.nodes.reduce((best, node) => node.box.x + node.box.y > best.box.x + best.box.y ? node : best);
        const before = await nodeScreenRect(page, far.id);
        assert.ok(before, `${far.id} is drawn`);
        assert.ok(!contains(canvas, before), `${far.id} should be out of view before the highlight`);

        await page.evaluate(id => window.postMessage({ type: 'highlight', id }, '*'), far.id);
        await page.waitForFunction(id => [...document.querySelectorAll<SVGGElement>('g.node.selected')].some(group => group.dataset.id === id), far.id);
        const after = await nodeScreenRect(page, far.id);
        assert.ok(after, `${far.id} is drawn`);
        assert.ok(contains(canvas, after), `${far.id} ${JSON.stringify(after)} should be inside the canvas ${JSON.stringify(canvas)}`);
        assert.deepEqual(await nodesWithClass(page, 'selected'), [far.id]);
    });

    test('highlight of an undrawn element marks its parent', async () => {
        const page = preview.page;
        // Steps are not drawn in the lineage view; their workflow is.
        await page.evaluate(() => window.postMessage({ type: 'highlight', id: 'rec_model_training.train_ensemble' }, '*'));
        await page.waitForFunction(() => document.querySelector('g.node.selected')?.getAttribute('data-id') === 'rec_model_training');
        await page.evaluate(() => window.postMessage({ type: 'highlight', id: null }, '*'));
        await page.waitForFunction(() => document.querySelectorAll('g.node.selected').length === 0);
    });

    test('search marks matches and Enter centres them', async () => {
        const page = preview.page;
        const search = page.getByRole('searchbox', { name: /Search elements/ });
        await search.fill('recommendation');
        const expected = lineage.nodes
            .filter(node => node.label.toLowerCase().includes('recommendation') || node.id.toLowerCase().includes('recommendation'))
            .map(node => node.id).sort();
        assert.ok(expected.length >= 3, 'the example has several matching elements');
        assert.deepEqual(await nodesWithClass(page, 'search-match'), expected);
        assert.equal(await page.locator('.search-count').textContent(), `${expected.length} matches`);
        assert.ok(await page.locator('svg.mlarch-diagram.searching').count() === 1, 'other nodes are dimmed');

        await search.press('Enter');
        const [first] = await nodesWithClass(page, 'search-current');
        assert.ok(expected.includes(first));
        assert.equal(await page.locator('.search-count').textContent(), `1 of ${expected.length}`);
        const canvas = await canvasRect(page);
        const rect = (await nodeScreenRect(page, first))!;
        assert.ok(Math.abs(rect.x + rect.width / 2 - (canvas.x + canvas.width / 2)) < 2, 'the match is centred horizontally');
        assert.ok(Math.abs(rect.y + rect.height / 2 - (canvas.y + canvas.height / 2)) < 2, 'the match is centred vertically');

        await search.press('Enter');
        const [second] = await nodesWithClass(page, 'search-current');
        assert.notEqual(second, first, 'Enter moves to the next match');
        await search.press('Escape');
        assert.deepEqual(await nodesWithClass(page, 'search-match'), []);
        assert.equal(await page.locator('svg.mlarch-diagram.searching').count(), 0);
    });

    test('kind filter hides and shows a kind', async () => {
        const page = preview.page;
        const jobs = lineage.nodes.filter(node => node.kind === 'job').length;
        assert.ok(jobs > 0);
        await page.getByRole('button', { name: 'Show or hide element kinds' }).click();
        const count = await renderCount(page);
        await page.getByRole('checkbox', { name: /^Job/ }).uncheck();
        await waitForRender(page, count);
        const drawing = await readDrawing(page);
        assert.equal(drawing.nodes.filter(node => node.kind === 'job').length, 0, 'no job is drawn');
        assert.equal(drawing.nodes.length, lineage.nodes.length - jobs);
        const drawn = new Set(drawing.nodes.map(node => node.id));
        assert.ok(drawing.edges.every(edge => drawn.has(edge.source) && drawn.has(edge.target)), 'edges of hidden nodes are gone');
        assert.match(await page.getByRole('status').textContent() ?? '', new RegExp(`${jobs} hidden`));
        assert.deepEqual((await page.evaluate(() => window.__mlarch.state as { hiddenKinds: string[] })).hiddenKinds, ['job']);

        const again = await renderCount(page);
        await page.getByRole('checkbox', { name: /^Job/ }).check();
        await waitForRender(page, again);
        assert.equal((await readDrawing(page)).nodes.length, lineage.nodes.length);
        await page.keyboard.press('Escape');
    });

    test('double-click on a model opens its dependencies', async () => {
        const page = preview.page;
        await page.getByRole('button', { name: 'Fit the diagram to the panel' }).click();
        const rect = (await nodeScreenRect(page, 'SearchRanking'))!;
        await page.mouse.dblclick(rect.x + rect.width / 2, rect.y + rect.height / 2);
        const posted = await postedMessages(page);
        assert.deepEqual(posted.at(-1), { type: 'setView', view: 'model-dependencies', model: 'SearchRanking' });
        assert.equal(posted.at(-2)?.type, 'reveal', 'the clicks of the double-click reveal the model too');
    });

    test('edit slides moved nodes into place', async () => {
        const page = preview.page;
        await showGraph(page, lineage);
        // Removing the first source moves the nodes below it; the preview animates the change.
        const removed = lineage.nodes.find(node => node.column === 0)!;
        const edited: ArchitectureGraph = {
            ...lineage,
            nodes: lineage.nodes.filter(node => node !== removed),
            edges: lineage.edges.filter(edge => edge.source !== removed.id && edge.target !== removed.id)
        };

        await page.evaluate(() => {
            const record = { moved: 0, animating: false };
            (window as unknown as { __motion: typeof record }).__motion = record;
            new MutationObserver(mutations => {
                for (const mutation of mutations) {
                    const target = mutation.target as Element;
                    if (mutation.attributeName === 'style' && target.matches('g.node') && (target as SVGGElement).style.transform) {
                        record.moved++;
                    }
                    if (mutation.attributeName === 'data-animating' && target.hasAttribute('data-animating')) {
                        record.animating = true;
                    }
                }
            }).observe(document.body, { attributes: true, subtree: true, attributeFilter: ['style', 'data-animating'] });
        });
        await showGraph(page, edited);

        const motion = await page.evaluate(() => (window as unknown as { __motion: { moved: number; animating: boolean } }).__motion);
        assert.ok(motion.animating, 'the preview marked the transition');
        assert.ok(motion.moved > 0, 'moved nodes slid from their old positions');
        const leftover = await page.evaluate(() => [...document.querySelectorAll<SVGGElement>('g.node')].filter(group => group.style.transform !== '').length);
        assert.equal(leftover, 0, 'once drawn, nodes sit at their layout positions');
    });

    test('theme change restyles without a redraw', async () => {
        const page = preview.page;
        await showGraph(page, lineage);
        const count = await renderCount(page);
        const fill = (): Promise<string> => page.evaluate(() => getComputedStyle(document.querySelector('g.node.kind-model > .node-shape')!).fill);
        const light = await fill();
        await applyTheme(page, 'dark');
        const dark = await fill();
        assert.notEqual(dark, light, 'the node fill follows the theme variables');
        assert.equal(await renderCount(page), count, 'the diagram was not drawn again');
        await applyTheme(page, 'light');
        assert.equal(await fill(), light);
    });
});

describe('preview of the model dependency view', () => {
    let preview: OpenPreview;

    before(async () => {
        preview = await openPreview();
        await showGraph(preview.page, { ...modelView, parameterChoices: ['RecommendationEnsemble', 'SearchRanking'] });
    });

    after(async () => {
        await preview?.page.close();
    });

    test('focus model is marked', async () => {
        assert.ok((await classesOf(preview.page, 'RecommendationEnsemble')).includes('focus'));
        assert.match(await preview.page.getByRole('status').textContent() ?? '', /RecommendationEnsemble, 1 hop/);
    });

    test('hop count posts setView', async () => {
        const hops = preview.page.getByRole('spinbutton', { name: /Hops/ });
        assert.equal(await hops.inputValue(), '1');
        await hops.fill('3');
        await hops.press('Enter');
        assert.deepEqual((await postedMessages(preview.page)).at(-1), { type: 'setView', view: 'model-dependencies', model: 'RecommendationEnsemble', hops: 3 });
    });

    test('model picker posts setView', async () => {
        await preview.page.getByRole('combobox', { name: /Model/ }).selectOption('SearchRanking');
        const last = (await postedMessages(preview.page)).at(-1);
        assert.equal(last?.type, 'setView');
        assert.equal(last?.view, 'model-dependencies');
        assert.equal(last?.model, 'SearchRanking');
    });
});

describe('preview state after a reload', () => {
    test('view, zoom and hidden kinds return', async () => {
        // The first page stores its state; the second starts with it, as after a window reload.
        const first = await openPreview();
        await showGraph(first.page, buildingBlocks);
        await first.page.getByRole('button', { name: 'Zoom in' }).click();
        await first.page.getByRole('button', { name: 'Zoom in' }).click();
        const zoomed = await viewBox(first.page);
        await first.page.waitForTimeout(400);
        const state = await first.page.evaluate(() => window.__mlarch.state) as { request: unknown; viewport: { area: Box } };
        await first.page.close();
        assert.deepEqual(state.request, { view: 'building-blocks' });
        assert.ok(Math.abs(state.viewport.area.width - zoomed.width) < 0.01, 'the zoom is stored');

        const second = await openPreview({ state: { ...state, hiddenKinds: ['dataset'] } });
        assert.equal(await second.page.getByRole('button', { name: 'Show the building blocks view' }).getAttribute('aria-pressed'), 'true');
        await showGraph(second.page, buildingBlocks);
        const restored = await viewBox(second.page);
        assert.ok(Math.abs(restored.width - zoomed.width) < 0.5, `zoom restored: ${zoomed.width} vs ${restored.width}`);
        assert.ok(Math.abs(restored.x + restored.width / 2 - (zoomed.x + zoomed.width / 2)) < 0.5, 'centre restored');
        const drawing = await readDrawing(second.page);
        assert.equal(drawing.nodes.filter(node => node.kind === 'dataset').length, 0, 'hidden kinds stay hidden');
        await second.page.close();
    });
});

describe('preview diagnostic badges', () => {
    test('badge counts and lists problems', async () => {
        const workspace = await buildWorkspace({
            'main.mlarch': [
                'platform P {',
                '    component Broken {',
                '        uses Missing',
                '        uses AlsoMissing',
                '    }',
                '    component Fine',
                '}'
            ].join('\n')
        });
        const documents = workspace.services.shared.workspace.LangiumDocuments.all;
        const graph = attachDiagnostics(buildArchitectureGraph(documents, 'building-blocks'), documents);
        const preview = await openPreview();
        await showGraph(preview.page, graph);
        const badges = await preview.page.evaluate(() => [...document.querySelectorAll('.diagnostic-badge')].map(badge => ({
            node: badge.closest<SVGGElement>('g.node')?.dataset.id,
            text: badge.querySelector('text')?.textContent,
            title: badge.querySelector('title')?.textContent ?? '',
            severity: badge.classList.contains('severity-error') ? 'error' : 'warning'
        })));
        assert.equal(badges.length, 1);
        assert.equal(badges[0].node, 'P.Broken');
        assert.equal(badges[0].text, '2');
        assert.equal(badges[0].severity, 'error');
        assert.match(badges[0].title, /^2 errors/);
        assert.match(badges[0].title, /Error \(line 3\): .*Missing/);
        assert.match(badges[0].title, /Error \(line 4\): .*AlsoMissing/);
        await preview.page.close();
    });
});
