/**
 * Browser code of the preview webview. It receives graphs from the extension, lays them out with
 * the same layout and renderer as the command line, and turns clicks on nodes into `reveal`
 * messages. Model text reaches the DOM through textContent and setAttribute only.
 *
 * For tests and tools, the root element carries `data-state` (waiting, layout, ready, empty or
 * error) and `data-render-count`, which grows by one after each drawn graph.
 */
import type { ArchitectureGraph, GraphNode, ViewKind } from '../../language/src/graph/graph-model.js';
import { layoutGraph } from '../../language/src/graph/layout.js';
import { renderSvg } from '../../language/src/graph/svg-render.js';
import type { ExtensionToWebviewMessage, WebviewToExtensionMessage } from '../../language/src/protocol.js';
import { PanZoom } from './pan-zoom.js';
import { installStyles } from './preview-styles.js';
import { createSvgDom } from './svg-dom.js';

interface PreviewState {
    view: ViewKind;
}

interface VsCodeApi {
    postMessage(message: WebviewToExtensionMessage): void;
    getState(): PreviewState | undefined;
    setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const VIEW_LABELS: Readonly<Record<ViewKind, string>> = {
    'building-blocks': 'Building blocks',
    lineage: 'Lineage'
};

/** Pointer travel in pixels above which a press counts as a drag and not as a click. */
const DRAG_THRESHOLD = 4;

const vscode = acquireVsCodeApi();
const scriptNonce = document.currentScript instanceof HTMLScriptElement ? document.currentScript.nonce : undefined;

class Preview {

    private readonly root: HTMLElement;
    private readonly status: HTMLElement;
    private readonly canvas: HTMLElement;
    private readonly placeholder: HTMLElement;
    private readonly viewButtons = new Map<ViewKind, HTMLButtonElement>();
    private readonly panZoom: PanZoom;
    private view: ViewKind;
    private nodesById = new Map<string, GraphNode>();
    /** Incremented per received graph, so a slow layout of an older graph is dropped. */
    private generation = 0;
    private renderCount = 0;

    constructor(root: HTMLElement) {
        this.root = root;
        this.view = vscode.getState()?.view ?? 'building-blocks';

        const toolbar = element('div', 'toolbar');
        toolbar.setAttribute('role', 'toolbar');
        const viewSwitch = element('div', 'view-switch');
        viewSwitch.setAttribute('role', 'group');
        viewSwitch.setAttribute('aria-label', 'View');
        for (const view of Object.keys(VIEW_LABELS) as ViewKind[]) {
            const button = this.button(VIEW_LABELS[view], `Show the ${VIEW_LABELS[view].toLowerCase()} view`, () => this.requestView(view));
            this.viewButtons.set(view, button);
            viewSwitch.appendChild(button);
        }
        toolbar.append(
            viewSwitch,
            this.button('−', 'Zoom out', () => this.panZoom.zoomCentered(1 / 1.25)),
            this.button('+', 'Zoom in', () => this.panZoom.zoomCentered(1.25)),
            this.button('Fit', 'Fit the diagram to the panel', () => this.panZoom.fit())
        );
        this.status = element('span', 'status');
        this.status.setAttribute('role', 'status');
        toolbar.appendChild(this.status);

        this.canvas = element('div', 'canvas');
        this.placeholder = element('div', 'placeholder');
        this.canvas.appendChild(this.placeholder);
        root.append(toolbar, this.canvas);

        this.panZoom = new PanZoom(this.canvas);
        this.updateViewButtons();
        this.setState('waiting', 'Waiting for the workspace…');
        this.showPlaceholder('Loading the architecture…');
        this.listen();
    }

    /** Shows a graph: lays it out, then replaces the drawing unless a newer graph arrived meanwhile. */
    async showGraph(graph: ArchitectureGraph): Promise<void> {
        const generation = ++this.generation;
        this.view = graph.view;
        vscode.setState({ view: graph.view });
        this.updateViewButtons();

        if (graph.nodes.length === 0) {
            this.clearDiagram();
            this.nodesById = new Map();
            this.showPlaceholder(`The ${VIEW_LABELS[graph.view].toLowerCase()} view has no elements yet. Add elements to a .mlarch file in this workspace.`);
            this.finishRender('empty', 'No elements');
            return;
        }

        this.setState('layout', `Laying out ${count(graph.nodes.length, 'element')}…`);
        this.canvas.classList.add('stale');
        let svg: SVGSVGElement;
        let bounds: { x: number; y: number; width: number; height: number };
        try {
            // ELK runs on this thread, so the status line gets painted before it blocks.
            await nextPaint();
            if (generation !== this.generation) {
                return;
            }
            const layout = await layoutGraph(graph);
            if (generation !== this.generation) {
                return;
            }
            const tree = renderSvg(layout, { palette: 'vscode', embedStyle: false, interactive: true });
            svg = createSvgDom(tree, document) as SVGSVGElement;
            const [x, y, width, height] = tree.attributes.viewBox.split(' ').map(Number);
            bounds = { x, y, width, height };
        } catch (error) {
            if (generation === this.generation) {
                this.canvas.classList.remove('stale');
                this.setState('error', `Layout failed: ${error instanceof Error ? error.message : String(error)}`);
            }
            return;
        }

        svg.removeAttribute('width');
        svg.removeAttribute('height');
        this.clearDiagram();
        this.placeholder.hidden = true;
        this.canvas.insertBefore(svg, this.placeholder);
        this.panZoom.attach(svg, bounds);
        this.nodesById = new Map(graph.nodes.map(node => [node.id, node]));
        this.finishRender('ready', `${count(graph.nodes.length, 'element')} · ${count(graph.edges.length, 'relation')}`);
        this.status.title = 'Click an element to open its definition. Drag to pan, scroll to zoom.';
    }

    showError(message: string): void {
        this.setState('error', message);
    }

    private requestView(view: ViewKind): void {
        if (view === this.view && this.root.dataset.state !== 'error') {
            return;
        }
        this.view = view;
        vscode.setState({ view });
        this.updateViewButtons();
        this.setState('waiting', `Loading the ${VIEW_LABELS[view].toLowerCase()} view…`);
        vscode.postMessage({ type: 'setView', view });
    }

    private listen(): void {
        window.addEventListener('message', event => {
            const message = event.data as ExtensionToWebviewMessage;
            if (message?.type === 'graph') {
                void this.showGraph(message.graph);
            } else if (message?.type === 'error') {
                this.showError(message.message);
            }
        });

        let press: { x: number; y: number; id: number } | undefined;
        let dragged = false;
        this.canvas.addEventListener('pointerdown', event => {
            if (event.button !== 0) {
                return;
            }
            press = { x: event.clientX, y: event.clientY, id: event.pointerId };
            dragged = false;
        });
        this.canvas.addEventListener('pointermove', event => {
            if (!press || event.pointerId !== press.id) {
                return;
            }
            if (!dragged && Math.hypot(event.clientX - press.x, event.clientY - press.y) < DRAG_THRESHOLD) {
                return;
            }
            if (!dragged) {
                dragged = true;
                this.canvas.setPointerCapture(event.pointerId);
                this.canvas.classList.add('dragging');
            }
            this.panZoom.panBy(event.clientX - press.x, event.clientY - press.y);
            press = { ...press, x: event.clientX, y: event.clientY };
        });
        const release = (): void => {
            press = undefined;
            this.canvas.classList.remove('dragging');
        };
        this.canvas.addEventListener('pointerup', release);
        this.canvas.addEventListener('pointercancel', release);
        this.canvas.addEventListener('click', event => {
            if (dragged) {
                dragged = false;
                return;
            }
            this.reveal(event.target);
        });
        this.canvas.addEventListener('keydown', event => {
            if (event.key === 'Enter' || event.key === ' ') {
                if (this.reveal(event.target)) {
                    event.preventDefault();
                }
            }
        });
        this.canvas.addEventListener('wheel', event => {
            event.preventDefault();
            const pixels = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? event.deltaY * 16 : event.deltaY;
            this.panZoom.zoomAt(event.clientX, event.clientY, Math.exp(-pixels * 0.0015));
        }, { passive: false });
        this.canvas.addEventListener('pointerover', event => this.highlight(nodeIdOf(event.target)));
        this.canvas.addEventListener('pointerleave', () => this.highlight(undefined));
        new ResizeObserver(() => this.panZoom.resize()).observe(this.canvas);
    }

    /** Posts a reveal message for the node at the event target, and returns whether there was a node. */
    private reveal(target: EventTarget | null): boolean {
        const id = nodeIdOf(target);
        const node = id === undefined ? undefined : this.nodesById.get(id);
        if (!node) {
            return false;
        }
        if (!node.source) {
            this.setState('ready', `${node.label} has no source location.`);
            return true;
        }
        vscode.postMessage({ type: 'reveal', uri: node.source.uri, range: node.source.range });
        return true;
    }

    /** Emphasises the edges of the hovered node and dims the others. */
    private highlight(id: string | undefined): void {
        const svg = this.canvas.querySelector('svg');
        if (!svg) {
            return;
        }
        for (const edge of svg.querySelectorAll('.edge.highlight, .edge-label.highlight')) {
            edge.classList.remove('highlight');
        }
        const edges = id === undefined ? [] : [...svg.querySelectorAll<SVGGElement>('.edge')]
            .filter(edge => edge.dataset.source === id || edge.dataset.target === id);
        svg.classList.toggle('has-highlight', edges.length > 0);
        for (const edge of edges) {
            edge.classList.add('highlight');
            const edgeId = edge.dataset.id?.replace(/^edge:/, '');
            for (const label of svg.querySelectorAll<SVGGElement>('.edge-label')) {
                if (label.dataset.edge === edgeId) {
                    label.classList.add('highlight');
                }
            }
        }
    }

    private button(text: string, title: string, onClick: () => void): HTMLButtonElement {
        const button = element('button', '');
        button.type = 'button';
        button.textContent = text;
        button.title = title;
        button.setAttribute('aria-label', title);
        button.addEventListener('click', onClick);
        return button;
    }

    private updateViewButtons(): void {
        for (const [view, button] of this.viewButtons) {
            button.setAttribute('aria-pressed', String(view === this.view));
        }
    }

    private clearDiagram(): void {
        this.canvas.querySelector('svg')?.remove();
        this.canvas.classList.remove('stale');
    }

    private showPlaceholder(text: string): void {
        this.placeholder.textContent = text;
        this.placeholder.hidden = false;
    }

    private finishRender(state: 'ready' | 'empty', status: string): void {
        this.renderCount++;
        this.root.dataset.renderCount = String(this.renderCount);
        this.setState(state, status);
    }

    private setState(state: string, status: string): void {
        this.root.dataset.state = state;
        this.status.textContent = status;
        this.status.title = status;
        this.status.classList.toggle('error', state === 'error');
    }
}

function nodeIdOf(target: EventTarget | null): string | undefined {
    const node = target instanceof Element ? target.closest<SVGGElement>('g.node[data-id]') : null;
    return node?.dataset.id;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
    const created = document.createElement(tag);
    if (className) {
        created.className = className;
    }
    return created;
}

/** Resolves after the next frame is painted, or after 50 ms in a hidden panel, which paints no frames. */
function nextPaint(): Promise<void> {
    return new Promise(resolve => {
        requestAnimationFrame(() => setTimeout(resolve));
        setTimeout(resolve, 50);
    });
}

function count(value: number, noun: string): string {
    return `${value} ${noun}${value === 1 ? '' : 's'}`;
}

installStyles(document, scriptNonce);
const host = document.getElementById('mlarch-preview') ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: 'mlarch-preview' }));
new Preview(host);
vscode.postMessage({ type: 'ready' });
