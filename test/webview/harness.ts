/**
 * Harness of the webview browser tests. It serves the page from renderPreviewHtml and the built
 * bundle out/webview/preview.js on 127.0.0.1, so run `node scripts/build.mjs` first (npm test
 * does). A recording stub replaces VS Code's acquireVsCodeApi, and Debian's Chromium runs the
 * page through playwright-core with the page's content security policy in force.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPreviewHtml } from '../../extension/src/preview-html.js';
import type { ArchitectureGraph } from '../../language/src/graph/graph-model.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NETFLIX = path.join(REPO_ROOT, 'examples', 'netflix');
const BUNDLE = path.join(REPO_ROOT, 'out', 'webview', 'preview.js');
const CHROMIUM = '/usr/bin/chromium';
export const VIEWPORT = { width: 1400, height: 900 };

/** Folder of the screenshots that the tests write, one per view and theme. */
export const SCREENSHOT_DIR = process.env.MLARCH_SCREENSHOT_DIR ?? path.join(REPO_ROOT, 'test-results', 'screenshots');

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface DrawnNode {
    id: string;
    kind: string;
    /** Box of the node's outline in diagram coordinates, which pan and zoom do not change. */
    box: Box;
    compound: boolean;
}

export interface DrawnEdge {
    source: string;
    target: string;
    kind: string;
    start: { x: number; y: number };
    end: { x: number; y: number };
}

/** Record that the acquireVsCodeApi stub keeps in the page. */
export interface PageRecord {
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

export interface OpenPreview {
    page: Page;
    /** Uncaught page errors and requests to anything but the test server. */
    problems: string[];
}

/**
 * VS Code theme variables that the preview reads, with values close to VS Code's Light Modern
 * and Dark Modern themes, and the body class that VS Code sets for each. The real webview gets
 * several hundred variables; these are the ones the preview's stylesheets name.
 */
export const THEMES = {
    light: {
        bodyClass: 'vscode-light',
        variables: {
            '--vscode-editor-background': '#ffffff',
            '--vscode-editor-foreground': '#3b3b3b',
            '--vscode-descriptionForeground': '#616161',
            '--vscode-focusBorder': '#005fb8',
            '--vscode-charts-blue': '#1a85ff',
            '--vscode-charts-green': '#388a34',
            '--vscode-charts-orange': '#d18616',
            '--vscode-charts-purple': '#652d90',
            '--vscode-charts-red': '#e51400',
            '--vscode-charts-yellow': '#bf8803',
            '--vscode-editorError-foreground': '#e51400',
            '--vscode-editorWarning-foreground': '#bf8803',
            '--vscode-button-background': '#005fb8',
            '--vscode-button-foreground': '#ffffff',
            '--vscode-panel-border': '#e5e5e5',
            '--vscode-input-background': '#ffffff',
            '--vscode-input-foreground': '#3b3b3b',
            '--vscode-input-border': '#cecece',
            '--vscode-dropdown-background': '#ffffff',
            '--vscode-dropdown-foreground': '#3b3b3b',
            '--vscode-menu-background': '#ffffff',
            '--vscode-widget-border': '#e5e5e5',
            '--vscode-editorWidget-background': '#f8f8f8',
            '--vscode-toolbar-hoverBackground': 'rgba(184, 184, 184, 0.31)',
            '--vscode-errorForeground': '#f85149',
            '--vscode-progressBar-background': '#005fb8',
            '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
            '--vscode-font-size': '13px'
        }
    },
    dark: {
        bodyClass: 'vscode-dark',
        variables: {
            '--vscode-editor-background': '#1f1f1f',
            '--vscode-editor-foreground': '#cccccc',
            '--vscode-descriptionForeground': '#9d9d9d',
            '--vscode-focusBorder': '#0078d4',
            '--vscode-charts-blue': '#3794ff',
            '--vscode-charts-green': '#89d185',
            '--vscode-charts-orange': '#d18616',
            '--vscode-charts-purple': '#b180d7',
            '--vscode-charts-red': '#f14c4c',
            '--vscode-charts-yellow': '#cca700',
            '--vscode-editorError-foreground': '#f14c4c',
            '--vscode-editorWarning-foreground': '#cca700',
            '--vscode-button-background': '#0078d4',
            '--vscode-button-foreground': '#ffffff',
            '--vscode-panel-border': '#2b2b2b',
            '--vscode-input-background': '#313131',
            '--vscode-input-foreground': '#cccccc',
            '--vscode-input-border': '#3c3c3c',
            '--vscode-dropdown-background': '#313131',
            '--vscode-dropdown-foreground': '#cccccc',
            '--vscode-menu-background': '#1f1f1f',
            '--vscode-widget-border': '#313131',
            '--vscode-editorWidget-background': '#202020',
            '--vscode-toolbar-hoverBackground': 'rgba(90, 93, 94, 0.31)',
            '--vscode-errorForeground': '#f85149',
            '--vscode-progressBar-background': '#0078d4',
            '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
            '--vscode-font-size': '13px'
        }
    }
} as const;

export type ThemeName = keyof typeof THEMES;

let server: Server | undefined;
let origin = '';
let browser: Browser | undefined;

/** Starts the page server and the browser; call from a `before` hook. */
export async function startHarness(): Promise<void> {
    assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing. Run "node scripts/build.mjs" (or npm test, which builds) first.`);
    const script = fs.readFileSync(BUNDLE);
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
    await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    });
}

/** Closes the browser and the server; call from an `after` hook. */
export async function stopHarness(): Promise<void> {
    await browser?.close();
    await new Promise(resolve => server ? server.close(resolve) : resolve(undefined));
}

/**
 * Opens the preview page with the recording acquireVsCodeApi stub and waits for its `ready`
 * message. `state` is what getState returns, as after a window reload.
 */
export async function openPreview(options: { theme?: ThemeName; state?: unknown } = {}): Promise<OpenPreview> {
    assert.ok(browser, 'startHarness() must run first');
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
        const record = { posted: [], state: ${JSON.stringify(options.state ?? null)} ?? undefined, cspViolations: [] };
        window.__mlarch = record;
        document.addEventListener('securitypolicyviolation', event => {
            record.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
        });
        Object.defineProperty(window, 'acquireVsCodeApi', {
            value: () => ({
                postMessage: message => record.posted.push(structuredClone(message)),
                getState: () => record.state,
                setState: state => { record.state = structuredClone(state); }
            })
        });
    `);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.__mlarch.posted.some(message => message.type === 'ready'));
    await applyTheme(page, options.theme ?? 'light');
    return { page, problems };
}

/** Sets VS Code's theme variables and body class as VS Code does when the user changes the theme. */
export async function applyTheme(page: Page, theme: ThemeName): Promise<void> {
    const { bodyClass, variables } = THEMES[theme];
    await page.evaluate(({ bodyClass, variables }) => {
        document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light');
        document.body.classList.add(bodyClass);
        for (const [name, value] of Object.entries(variables)) {
            document.documentElement.style.setProperty(name, value);
        }
    }, { bodyClass, variables: variables as Record<string, string> });
}

export async function renderCount(page: Page): Promise<number> {
    return page.evaluate(() => Number(document.getElementById('mlarch-preview')?.dataset.renderCount ?? 0));
}

/** Posts a graph as the extension does and waits until the preview has drawn it and its nodes stopped moving. */
export async function showGraph(page: Page, graph: ArchitectureGraph, timeout = 60_000): Promise<void> {
    const before = await renderCount(page);
    await page.evaluate(message => window.postMessage(message, '*'), { type: 'graph', graph });
    await waitForRender(page, before, timeout);
}

/** Waits until the render count exceeds `previous`. */
export async function waitForRender(page: Page, previous: number, timeout = 60_000): Promise<void> {
    await page.waitForFunction(
        count => Number(document.getElementById('mlarch-preview')?.dataset.renderCount ?? 0) > count,
        previous,
        { timeout }
    );
}

/** Returns the messages that the page posted to the extension so far. */
export async function postedMessages(page: Page): Promise<PageRecord['posted']> {
    return page.evaluate(() => window.__mlarch.posted);
}

/** Reads the drawn nodes and edges in diagram coordinates. */
export async function readDrawing(page: Page): Promise<{ nodes: DrawnNode[]; edges: DrawnEdge[] }> {
    // No named functions inside: tsx wraps them in a __name helper that the page does not have.
    return page.evaluate(() => {
        const nodes = [...document.querySelectorAll<SVGGElement>('svg.mlarch-diagram g.node[data-id]')].map(group => {
            const translate = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(group.getAttribute('transform') ?? '');
            const shape = group.querySelector<SVGGraphicsElement>('.node-shape')!.getBBox();
            return {
                id: group.dataset.id!,
                kind: [...group.classList].find(name => name.startsWith('kind-'))?.slice(5) ?? '',
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

/** Returns the on-screen rectangle of a node's outline, or undefined when it is not drawn. */
export async function nodeScreenRect(page: Page, id: string): Promise<Box | undefined> {
    return page.evaluate(nodeId => {
        const group = [...document.querySelectorAll<SVGGElement>('g.node[data-id]')].find(candidate => candidate.dataset.id === nodeId);
        const rect = group?.querySelector('.node-shape')?.getBoundingClientRect();
        return rect ? { x: rect.left, y: rect.top, width: rect.width, height: rect.height } : undefined;
    }, id);
}

/** Returns the on-screen rectangle of the diagram canvas. */
export async function canvasRect(page: Page): Promise<Box> {
    return page.evaluate(() => {
        const rect = document.querySelector('.canvas')!.getBoundingClientRect();
        return { x: rect.left, y: rect.top, width: rect.width, height: rect.height };
    });
}

/** Distance from a point to the border of a box, negative inside the box. */
export function signedDistanceToBorder(point: { x: number; y: number }, box: Box): number {
    const dx = Math.max(box.x - point.x, point.x - (box.x + box.width));
    const dy = Math.max(box.y - point.y, point.y - (box.y + box.height));
    if (dx > 0 || dy > 0) {
        return Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
    }
    return Math.max(dx, dy);
}

export function overlaps(a: Box, b: Box): boolean {
    const margin = 0.5;
    return a.x + margin < b.x + b.width && b.x + margin < a.x + a.width && a.y + margin < b.y + b.height && b.y + margin < a.y + a.height;
}

export function contains(outer: Box, inner: Box): boolean {
    return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5
        && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

export function ancestorsOf(graph: ArchitectureGraph, id: string): Set<string> {
    const parents = new Map(graph.nodes.map(node => [node.id, node.parent]));
    const ancestors = new Set<string>();
    for (let parent = parents.get(id); parent !== undefined && !ancestors.has(parent); parent = parents.get(parent)) {
        ancestors.add(parent);
    }
    return ancestors;
}

/** Saves a screenshot of the page under SCREENSHOT_DIR. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await page.screenshot({ path: file });
    return file;
}
