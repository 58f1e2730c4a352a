/**
 * Browser test of the preview's image export: SVG and PNG, in the theme's colours and in the
 * light print palette, from the toolbar menu and on request of the extension. See harness.ts
 * for the page setup.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { parseWebviewMessage } from '../../extension/src/webview-messages.js';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import type { ArchitectureGraph } from '../../language/src/graph/graph-model.js';
import { collectMlArchFiles, loadWorkspace } from '../../language/src/workspace/load-workspace.js';
import { applyTheme, NETFLIX, openPreview, postedMessages, showGraph, startHarness, stopHarness, THEMES, type OpenPreview } from './harness.js';

/** Pixels per diagram unit of an exported PNG, as image-export.ts sets it. */
const PNG_SCALE = 2;

interface ExportMessage {
    type: 'exportImage';
    format: 'svg' | 'png';
    theme: 'theme' | 'print';
    view: string;
    data: string;
    width: number;
    height: number;
}

let graph: ArchitectureGraph;

before(async () => {
    const workspace = await loadWorkspace(await collectMlArchFiles([NETFLIX]));
    graph = buildArchitectureGraph(workspace.documents, 'model-dependencies', { model: 'RecommendationEnsemble', hops: 2 });
    await startHarness();
});

after(async () => {
    await stopHarness();
});

/** Parses SVG markup with a real XML parser, failing the test on any error or warning. */
function parseSvg(markup: string): XmlElement {
    const problems: string[] = [];
    const parser = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) });
    const document = parser.parseFromString(markup, 'image/svg+xml');
    assert.deepEqual(problems, []);
    return document.documentElement!;
}

/** Chooses an entry of the toolbar's export menu and returns the message the page posts. */
async function exportFromMenu(page: Page, label: string): Promise<ExportMessage> {
    const before = (await postedMessages(page)).length;
    await page.getByRole('button', { name: 'Export the view as an image' }).click();
    await page.getByRole('menuitem', { name: `Export the view as ${label}` }).click();
    return waitForExport(page, before);
}

async function waitForExport(page: Page, before: number): Promise<ExportMessage> {
    await page.waitForFunction(count => window.__mlarch.posted.slice(count).some(message => message.type === 'exportImage' || message.type === 'exportFailed'), before);
    const message = (await postedMessages(page)).slice(before).find(candidate => candidate.type === 'exportImage' || candidate.type === 'exportFailed')!;
    assert.equal(message.type, 'exportImage', `export failed: ${JSON.stringify(message)}`);
    return message as unknown as ExportMessage;
}

/** Decodes a PNG data URL. */
function decodePng(dataUrl: string): PNG {
    const prefix = 'data:image/png;base64,';
    assert.ok(dataUrl.startsWith(prefix), `expected a PNG data URL, got ${dataUrl.slice(0, 40)}`);
    return PNG.sync.read(Buffer.from(dataUrl.slice(prefix.length), 'base64'));
}

function hexOf(png: PNG, x: number, y: number): string {
    const index = (png.width * y + x) * 4;
    return `#${[0, 1, 2].map(channel => png.data[index + channel].toString(16).padStart(2, '0')).join('')}`;
}

describe('preview export', () => {
    let preview: OpenPreview;

    before(async () => {
        preview = await openPreview();
        await showGraph(preview.page, graph);
    });

    after(async () => {
        await preview?.page.close();
    });

    test('SVG in print colours is valid XML', async () => {
        const message = await exportFromMenu(preview.page, 'SVG in light print colours');
        assert.equal(message.format, 'svg');
        assert.equal(message.theme, 'print');
        assert.equal(message.view, 'model-dependencies');
        assert.ok(parseWebviewMessage(message), 'the extension accepts the message');

        const root = parseSvg(message.data);
        assert.equal(root.tagName, 'svg');
        assert.equal(root.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
        assert.equal(Number(root.getAttribute('width')), message.width);
        assert.equal(Number(root.getAttribute('height')), message.height);
        const nodeIds = Array.from(root.getElementsByTagName('g'))
            .filter(group => /\bnode\b/.test(group.getAttribute('class') ?? ''))
            .map(group => group.getAttribute('data-id'));
        assert.deepEqual(nodeIds.sort(), graph.nodes.map(node => node.id).sort());
        const css = root.getElementsByTagName('style')[0]?.textContent ?? '';
        assert.doesNotMatch(css, /var\(|color-mix\(/, 'literal colours only');
        assert.match(css, /\.mlarch-diagram \{ background: #ffffff; \}/);
        assert.equal(root.getElementsByTagName('title')[0]?.textContent, 'MLArch model dependency view of RecommendationEnsemble (2 hops)');
    });

    test('SVG in theme colours uses the theme', async () => {
        await applyTheme(preview.page, 'dark');
        const message = await exportFromMenu(preview.page, 'SVG in theme colours');
        await applyTheme(preview.page, 'light');
        const css = parseSvg(message.data).getElementsByTagName('style')[0]?.textContent ?? '';
        assert.match(css, new RegExp(`\\.mlarch-diagram \\{ background: ${THEMES.dark.variables['--vscode-editor-background']}; \\}`));
        assert.match(css, new RegExp(`\\.mlarch-diagram text \\{ fill: ${THEMES.dark.variables['--vscode-editor-foreground']}; \\}`));
        assert.doesNotMatch(css, /var\(|color-mix\(/);
    });

    test('PNG has the drawing size at twice the scale', async () => {
        const svg = await exportFromMenu(preview.page, 'SVG in light print colours');
        const message = await exportFromMenu(preview.page, 'PNG in light print colours');
        assert.ok(parseWebviewMessage(message), 'the extension accepts the message');
        const png = decodePng(message.data);
        const expectedWidth = svg.width * PNG_SCALE;
        const expectedHeight = svg.height * PNG_SCALE;
        assert.equal(png.width, message.width);
        assert.equal(png.height, message.height);
        assert.equal(png.width, expectedWidth, 'PNG width is twice the SVG width');
        assert.equal(png.height, expectedHeight, 'PNG height is twice the SVG height');
        assert.equal(hexOf(png, 1, 1), '#ffffff', 'the print background is white');
        const colours = new Set<string>();
        for (let y = 0; y < png.height; y += 7) {
            for (let x = 0; x < png.width; x += 7) {
                colours.add(hexOf(png, x, y));
            }
        }
        assert.ok(colours.size > 10, `the PNG shows a drawing, not one colour (${colours.size} colours sampled)`);
    });

    test('PNG in theme colours has the theme background', async () => {
        await applyTheme(preview.page, 'dark');
        const message = await exportFromMenu(preview.page, 'PNG in theme colours');
        await applyTheme(preview.page, 'light');
        const png = decodePng(message.data);
        assert.equal(hexOf(png, 1, 1), THEMES.dark.variables['--vscode-editor-background']);
    });

    test('extension request exports', async () => {
        const before = (await postedMessages(preview.page)).length;
        await preview.page.evaluate(() => window.postMessage({ type: 'export', format: 'png', theme: 'print' }, '*'));
        const message = await waitForExport(preview.page, before);
        assert.equal(message.format, 'png');
        assert.equal(message.theme, 'print');
    });

    test('export before a drawing fails politely', async () => {
        const empty = await openPreview();
        await empty.page.evaluate(() => window.postMessage({ type: 'export', format: 'svg', theme: 'print' }, '*'));
        await empty.page.waitForFunction(() => window.__mlarch.posted.some(message => message.type === 'exportFailed'));
        const failed = (await postedMessages(empty.page)).find(message => message.type === 'exportFailed');
        assert.deepEqual(failed, { type: 'exportFailed', format: 'svg', message: 'The preview has not drawn a diagram yet.' });
        assert.deepEqual(empty.problems, []);
        await empty.page.close();
    });

    test('page stays free of CSP violations', async () => {
        assert.deepEqual(await preview.page.evaluate(() => window.__mlarch.cspViolations), []);
        assert.deepEqual(preview.problems, []);
    });
});
