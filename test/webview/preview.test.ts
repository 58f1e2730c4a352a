/**
 * Browser test of the preview webview. It serves the page from renderPreviewHtml and the built
 * bundle out/webview/preview.js on 127.0.0.1, so run `node scripts/build.mjs` first (npm test
 * does). A recording stub replaces VS Code's acquireVsCodeApi, and Debian's Chromium runs the
 * page through playwright-core with the page's content security policy in force.
 *
 * Set MLARCH_SCREENSHOT_DIR to a folder to save a screenshot of each view there.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPreviewHtml } from '../../extension/src/preview-html.js';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import type { ArchitectureGraph, ViewKind } from '../../language/src/graph/graph-model.js';
import { collectMlArchFiles, loadWorkspace } from '../../language/src/workspace/load-workspace.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = path.join(REPO_ROOT, 'out', 'webview', 'preview.js');
const NETFLIX = path.join(REPO_ROOT, 'examples', 'netflix');
const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1400, height: 900 };

/** Largest distance, in diagram units, between an edge end and the border of its node's box. */
const END_TOLERANCE = 2;

/** Edge ends move this far into a node's box at most, onto outlines such as a hexagon's tip (see node-shapes.ts). */
const MAX_OUTLINE_INSET = 14;

interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

interface DrawnNode {
    id: string;
    box: Box;
    compound: boolean;
}

interface DrawnEdge {
    source: string;
    target: string;
    kind: string;
    start: { x: number; y: number };
    end: { x: number; y: number };
}

/** Record that the acquireVsCodeApi stub keeps in the page. */
interface PageRecord {
    posted: Array<{ type: string; [key: string]: unknown }>;
    state: unknown;
    cspViolations: string[];
}

declare global {
    interface Window {
        __mlarch: PageRecord;
        __pwned?: number;
    }
}

let server: Server;
let origin: string;
let browser: Browser;
const graphs = new Map<ViewKind, ArchitectureGraph>();

before(async () => {
    assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing. Run "node scripts/build.mjs" (or npm test, which builds) first.`);
    const script = fs.readFileSync(BUNDLE);

    const workspace = await loadWorkspace(await collectMlArchFiles([NETFLIX]));
    for (const view of ['building-blocks', 'lineage'] as const) {
        graphs.set(view, buildArchitectureGraph(workspace.documents, view));
    }

    server = createServer((request, response) => {
        if (request.url === '/') {
            const html = renderPreviewHtml({ cspSource: origin, nonce: randomBytes(16).toString('base64'), scriptUri: `${origin}/preview.js` });
            response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
        } else if (request.url === '/preview.js') {
            response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(script);
        } else {
            response.writeHead(404).end();
        }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    });
});

after(async () => {
    await browser?.close();
    await new Promise(resolve => server ? server.close(resolve) : resolve(undefined));
});

interface OpenPreview {
    page: Page;
    /** Uncaught page errors and requests to anything but the test server. */
    problems: string[];
}

/** Opens the preview page with the recording acquireVsCodeApi stub and waits for its `ready` message. */
async function openPreview(): Promise<OpenPreview> {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const problems: string[] = [];
    page.on('pageerror', error => problems.push(`page error: ${error.message}`));
    await page.route('**/*', route => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`)) {
            return route.continue();
        }
        problems.push(`request outside the test server: ${url}`);
        return route.abort();
    });
    // A string, not a function: tsx adds name helpers to compiled functions that do not exist in the page.
    await page.addInitScript(`
        const record = { posted: [], state: undefined, cspViolations: [] };
        window.__mlarch = record;
        document.addEventListener('securitypolicyviolation', event => {
            record.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
        });
        Object.defineProperty(window, 'acquireVsCodeApi', {
            value: () => ({
                postMessage: message => record.posted.push(structuredClone(message)),
                getState: () => record.state,
                setState: state => { record.state = state; }
            })
        });
    `);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.__mlarch.posted.some(message => message.type === 'ready'));
    return { page, problems };
}

/** Posts a graph as the extension does and waits until the preview has drawn it. */
async function showGraph(page: Page, graph: ArchitectureGraph): Promise<void> {
    const before = await page.evaluate(() => Number(document.getElementById('mlarch-preview')?.dataset.renderCount ?? 0));
    await page.evaluate(message => window.postMessage(message, '*'), { type: 'graph', graph });
    await page.waitForFunction(
        previous => Number(document.getElementById('mlarch-preview')?.dataset.renderCount ?? 0) > previous,
        before,
        { timeout: 45_000 }
    );
}

/** Reads the drawn nodes and edges in diagram coordinates, which pan and zoom do not change. */
async function readDrawing(page: Page): Promise<{ nodes: DrawnNode[]; edges: DrawnEdge[] }> {
    return page.evaluate(() => {
        const nodes = [...document.querySelectorAll<SVGGElement>('svg.mlarch-diagram g.node[data-id]')].map(group => {
            const translate = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(group.getAttribute('transform') ?? '');
            const shape = group.querySelector<SVGGraphicsElement>('.node-shape')!.getBBox();
            return {
                id: group.dataset.id!,
                box: { x: Number(translate?.[1] ?? 0) + shape.x, y: Number(translate?.[2] ?? 0) + shape.y, width: shape.width, height: shape.height },
                compound: group.classList.contains('compound')
            };
        });
        const edges = [...document.querySelectorAll<SVGGElement>('svg.mlarch-diagram g.edge')].map(group => {
            const line = group.querySelector<SVGPathElement>('.edge-line')!;
            const length = line.getTotalLength();
            const start = line.getPointAtLength(0);
            const end = line.getPointAtLength(length);
            return {
                source: group.dataset.source!,
                target: group.dataset.target!,
                kind: group.dataset.kind!,
                start: { x: start.x, y: start.y },
                end: { x: end.x, y: end.y }
            };
        });
        return { nodes, edges };
    });
}

/** Distance from a point to the border of a box, negative inside the box. */
function signedDistanceToBorder(point: { x: number; y: number }, box: Box): number {
    const dx = Math.max(box.x - point.x, point.x - (box.x + box.width));
    const dy = Math.max(box.y - point.y, point.y - (box.y + box.height));
    if (dx > 0 || dy > 0) {
        return Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
    }
    return Math.max(dx, dy);
}

function overlaps(a: Box, b: Box): boolean {
    const margin = 0.5;
    return a.x + margin < b.x + b.width && b.x + margin < a.x + a.width && a.y + margin < b.y + b.height && b.y + margin < a.y + a.height;
}

function ancestorsOf(graph: ArchitectureGraph, id: string): Set<string> {
    const parents = new Map(graph.nodes.map(node => [node.id, node.parent]));
    const ancestors = new Set<string>();
    for (let parent = parents.get(id); parent !== undefined && !ancestors.has(parent); parent = parents.get(parent)) {
        ancestors.add(parent);
    }
    return ancestors;
}

for (const view of ['building-blocks', 'lineage'] as const) {
    describe(`preview of the Netflix ${view} view`, () => {
        let preview: OpenPreview;
        let graph: ArchitectureGraph;
        let drawing: { nodes: DrawnNode[]; edges: DrawnEdge[] };

        before(async () => {
            graph = graphs.get(view)!;
            preview = await openPreview();
            await showGraph(preview.page, graph);
            drawing = await readDrawing(preview.page);
            const folder = process.env.MLARCH_SCREENSHOT_DIR;
            if (folder) {
                fs.mkdirSync(folder, { recursive: true });
                await preview.page.screenshot({ path: path.join(folder, `preview-${view}.png`) });
            }
        });

        after(async () => {
            await preview?.page.close();
        });

        test('example graph has content', () => {
            assert.ok(graph.nodes.length >= 10, `expected the Netflix ${view} view to have at least 10 nodes, got ${graph.nodes.length}`);
            assert.ok(graph.edges.length >= 10, `expected the Netflix ${view} view to have at least 10 edges, got ${graph.edges.length}`);
        });

        test('page runs without errors or CSP violations', async () => {
            const record = await preview.page.evaluate(() => window.__mlarch);
            assert.deepEqual(preview.problems, []);
            assert.deepEqual(record.cspViolations, []);
            assert.deepEqual(record.posted[0], { type: 'ready' });
            assert.deepEqual(record.state, { view });
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
        assert.deepEqual(record.state, { view: 'lineage' });
        assert.equal(await page.getByRole('button', { name: 'Show the lineage view' }).getAttribute('aria-pressed'), 'true');
    });

    test('error message shows in the status line', async () => {
        const page = preview.page;
        await page.evaluate(() => window.postMessage({ type: 'error', message: 'The lineage view could not be built: boom' }, '*'));
        await page.waitForFunction(() => document.getElementById('mlarch-preview')?.dataset.state === 'error');
        assert.equal(await page.getByRole('status').textContent(), 'The lineage view could not be built: boom');
    });

    test('empty graph shows a placeholder', async () => {
        const page = preview.page;
        await showGraph(page, { view: 'building-blocks', nodes: [], edges: [] });
        assert.equal(await page.evaluate(() => document.getElementById('mlarch-preview')?.dataset.state), 'empty');
        assert.match(await page.locator('.placeholder').textContent() ?? '', /has no elements yet/);
        assert.equal(await page.locator('svg.mlarch-diagram').count(), 0);
    });
});

describe('preview of hostile model text', () => {
    const IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">';
    const SCRIPT_PAYLOAD = '</svg><script>window.__pwned=1</script>';
    let preview: OpenPreview;

    const hostile: ArchitectureGraph = {
        view: 'lineage',
        nodes: [
            { id: 'Raw', kind: 'stream', label: IMG_PAYLOAD, details: { technology: SCRIPT_PAYLOAD }, column: 0 },
            { id: 'Ingest', kind: 'job', label: SCRIPT_PAYLOAD, details: { state: 'stateful', mode: 'streaming' }, column: 1 },
            { id: 'Ranker', kind: 'model', label: 'Ranker', details: { version: IMG_PAYLOAD, status: SCRIPT_PAYLOAD, serving: ['realtime'] }, column: 3 }
        ],
        edges: [
            { id: 'reads:Raw->Ingest', source: 'Raw', target: 'Ingest', kind: 'reads', label: IMG_PAYLOAD },
            { id: 'trains:Ingest->Ranker', source: 'Ingest', target: 'Ranker', kind: 'trains', label: SCRIPT_PAYLOAD }
        ]
    };

    before(async () => {
        preview = await openPreview();
        await showGraph(preview.page, hostile);
    });

    after(async () => {
        await preview?.page.close();
    });

    test('labels are shown as literal text', async () => {
        const texts = await preview.page.evaluate(() => ({
            tooltips: [...document.querySelectorAll('g.node > title')].map(title => title.textContent ?? ''),
            drawn: [...document.querySelectorAll('svg.mlarch-diagram text')].map(text => text.textContent ?? '').join('')
        }));
        const compact = (text: string): string => text.replace(/\s+/g, '');
        assert.ok(texts.tooltips.some(tooltip => tooltip.startsWith(`${IMG_PAYLOAD} (`)), 'the img payload is a tooltip title');
        assert.ok(texts.tooltips.some(tooltip => tooltip.startsWith(`${SCRIPT_PAYLOAD} (`)), 'the script payload is a tooltip title');
        assert.ok(compact(texts.drawn).includes(compact(IMG_PAYLOAD)), 'the img payload is drawn as text');
        assert.ok(compact(texts.drawn).includes(compact(SCRIPT_PAYLOAD)), 'the script payload is drawn as text');
    });

    test('labels create no elements and run no script', async () => {
        const page = preview.page;
        await page.waitForTimeout(300);
        const result = await page.evaluate(() => ({
            pwned: window.__pwned,
            images: document.querySelectorAll('img, svg image').length,
            scripts: document.querySelectorAll('script').length,
            svgRoots: document.querySelectorAll('svg').length
        }));
        assert.equal(result.pwned, undefined);
        assert.equal(result.images, 0);
        assert.equal(result.scripts, 1);
        assert.equal(result.svgRoots, 1);
        assert.deepEqual(preview.problems, []);
    });
});
