/**
 * Browser test of hostile model text in every view of the preview: titles, descriptions and
 * technologies that hold script tags, event-handler attributes, `javascript:` URLs, a closing
 * `</svg>` and quotes that would end an attribute. They must show as plain text, create no
 * element and run no script: each payload would set `window.__pwned`, which must stay unset.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import { attachDiagnostics } from '../../language/src/graph/graph-diagnostics.js';
import type { ArchitectureGraph, ViewKind, ViewParameters } from '../../language/src/graph/graph-model.js';
import { buildWorkspace } from '../unit/workspace-helpers.js';
import { openPreview, postedMessages, showGraph, startHarness, stopHarness, type OpenPreview } from './harness.js';

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';
const JAVASCRIPT_URL = 'javascript:window.__pwned=1';
const END_SVG = '</svg><script>window.__pwned=1</script>';
const DOUBLE_QUOTE_BREAK = '" onmouseover="window.__pwned=1" x="';
const SINGLE_QUOTE_BREAK = '\' onfocus=\'window.__pwned=1';
const END_TEXT = '</text></g></svg><svg onload=window.__pwned=1>';
const LINK = '<a href="javascript:window.__pwned=1">click</a>';

/** Writes text as an MLArch string literal. */
function literal(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const HOSTILE_WORKSPACE = `
platform Evil ${literal(END_SVG)} {
    description ${literal(SCRIPT)}
    layer Front ${literal(DOUBLE_QUOTE_BREAK)} {
        component Web ${literal(JAVASCRIPT_URL)} {
            technology ${literal(IMG)}
            uses Api ${literal(SCRIPT)}
            uses Missing
        }
    }
}

datastore Store ${literal(SINGLE_QUOTE_BREAK)} {
    technology ${literal(END_TEXT)}
}

dataset Data ${literal(LINK)} {
    store Store
}

job Ingest ${literal(IMG)} {
    reads Store
    writes Data
    engine ${literal(JAVASCRIPT_URL)}
}

/** ${IMG.replace(/\*\//g, '')} */
model Ranker ${literal(SCRIPT)} {
    description ${literal(END_SVG)}
    version ${literal(DOUBLE_QUOTE_BREAK)}
    framework ${literal(END_TEXT)}
    trained on Data
    trained by Train
}

endpoint Api ${literal(END_TEXT)} {
    serves Ranker
    technology ${literal(LINK)}
    consumers Web
}

signal Ready ${literal(LINK)}

workflow Train ${literal(SCRIPT)} {
    description ${literal(IMG)}
    trigger on Ready
    step fetch ${literal(IMG)} -> fit {
        description ${literal(END_SVG)}
        emits Ready
    }
    step fit ${literal(DOUBLE_QUOTE_BREAK)}
}
`;

const PAYLOADS = [SCRIPT, IMG, JAVASCRIPT_URL, END_SVG, DOUBLE_QUOTE_BREAK, SINGLE_QUOTE_BREAK, END_TEXT, LINK];

const VIEWS: ReadonlyArray<{ view: ViewKind; parameters: ViewParameters }> = [
    { view: 'building-blocks', parameters: {} },
    { view: 'lineage', parameters: {} },
    { view: 'model-dependencies', parameters: { model: 'Ranker', hops: 2 } },
    { view: 'workflows', parameters: {} }
];

const graphs = new Map<ViewKind, ArchitectureGraph>();

before(async () => {
    const workspace = await buildWorkspace({ 'evil.mlarch': HOSTILE_WORKSPACE });
    const errors = workspace.diagnostics('evil.mlarch')
        .filter(diagnostic => diagnostic.severity === 1)
        .map(diagnostic => typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value)
        .filter(message => !/Missing/.test(message));
    assert.deepEqual(errors, [], 'the hostile workspace parses and links, except the deliberate unresolved reference');
    const documents = workspace.services.shared.workspace.LangiumDocuments.all;
    for (const { view, parameters } of VIEWS) {
        graphs.set(view, attachDiagnostics(buildArchitectureGraph(documents, view, parameters), documents));
    }
    await startHarness();
});

after(async () => {
    await stopHarness();
});

for (const { view } of VIEWS) {
    describe(`hostile text in the ${view} view`, () => {
        let preview: OpenPreview;
        let graph: ArchitectureGraph;

        before(async () => {
            graph = graphs.get(view)!;
            preview = await openPreview();
            await showGraph(preview.page, graph);
        });

        after(async () => {
            await preview?.page.close();
        });

        test('labels show as literal text', async () => {
            const texts = await preview.page.evaluate(() => ({
                tooltips: [...document.querySelectorAll('g.node > title')].map(title => title.textContent ?? ''),
                drawn: [...document.querySelectorAll('svg.mlarch-diagram text')].map(text => text.textContent ?? '').join('')
            }));
            const tooltipText = texts.tooltips.join('\n');
            for (const node of graph.nodes) {
                assert.ok(texts.tooltips.some(tooltip => tooltip.startsWith(`${node.label} (`)), `the title of ${node.id} is a tooltip`);
            }
            const shown = PAYLOADS.filter(payload => tooltipText.includes(payload));
            assert.ok(shown.length >= 3, `expected several payloads in the tooltips of the ${view} view, found ${shown.length}`);
            assert.ok(texts.drawn.length > 0);
        });

        test('interaction runs no script', async () => {
            const page = preview.page;
            await page.getByRole('button', { name: 'Fit the diagram to the panel' }).click();
            // Hover and focus every node, which would fire injected mouseover and focus handlers.
            const ids = graph.nodes.map(node => node.id);
            for (const id of ids) {
                await page.evaluate(nodeId => {
                    const group = [...document.querySelectorAll<SVGGElement>('g.node[data-id]')].find(candidate => candidate.dataset.id === nodeId);
                    group?.dispatchEvent(new PointerEvent('pointerover', { bubbles: true }));
                    group?.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
                    group?.focus();
                }, id);
            }
            await page.getByRole('searchbox', { name: /Search elements/ }).fill(SCRIPT);
            await page.evaluate(message => window.postMessage(message, '*'), { type: 'error', message: `failed: ${END_SVG}` });
            assert.equal(await page.getByRole('status').textContent(), `failed: ${END_SVG}`);
            await page.evaluate(message => window.postMessage(message, '*'), { type: 'highlight', id: DOUBLE_QUOTE_BREAK });
            await page.waitForTimeout(300);

            const result = await page.evaluate(() => ({
                pwned: window.__pwned,
                forbidden: document.querySelectorAll('img, iframe, a, foreignObject, object, embed, style, svg script, svg a').length,
                scripts: document.querySelectorAll('script').length,
                svgRoots: document.querySelectorAll('svg').length,
                handlers: [...document.querySelectorAll('*')].flatMap(element => [...element.attributes]
                    .filter(attribute => attribute.name.startsWith('on') || attribute.name === 'href' || attribute.name === 'xlink:href' || attribute.value.includes('javascript:'))
                    .map(attribute => `${element.tagName} ${attribute.name}`))
            }));
            assert.equal(result.pwned, undefined, 'no payload ran');
            assert.equal(result.forbidden, 0, 'no payload created an element');
            assert.equal(result.scripts, 1, 'the page has only its own script');
            assert.equal(result.svgRoots, 1, 'the page has only the diagram');
            assert.deepEqual(result.handlers.filter(handler => !handler.endsWith('aria-label')), [], 'no event-handler or link attribute');
            assert.deepEqual(await page.evaluate(() => window.__mlarch.cspViolations), []);
            assert.deepEqual(preview.problems, []);
        });

        test('export keeps payloads as text', async () => {
            const page = preview.page;
            const before = (await postedMessages(page)).length;
            await page.evaluate(() => window.postMessage({ type: 'export', format: 'svg', theme: 'print' }, '*'));
            await page.waitForFunction(count => window.__mlarch.posted.slice(count).some(message => message.type === 'exportImage'), before);
            const message = (await postedMessages(page)).slice(before).find(candidate => candidate.type === 'exportImage')!;
            const problems: string[] = [];
            const document = new DOMParser({ onError: (level, text) => problems.push(`${level}: ${text}`) }).parseFromString(String(message.data), 'image/svg+xml');
            assert.deepEqual(problems, []);
            const root = document.documentElement!;
            assert.equal(root.getElementsByTagName('script').length, 0);
            assert.equal(root.getElementsByTagName('img').length, 0);
            assert.equal(root.getElementsByTagName('a').length, 0);
            const titles = Array.from(root.getElementsByTagName('title')).map(title => title.textContent ?? '').join('\n');
            assert.ok(PAYLOADS.some(payload => titles.includes(payload)), 'payloads survive as text in the exported file');
        });
    });
}
