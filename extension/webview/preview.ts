/**
 * Browser code of the preview webview. It receives graphs from the extension, lays them out in
 * a Web Worker with the same layout as the command line, draws them with the shared renderer,
 * and turns clicks on nodes into `reveal` messages. Model text reaches the DOM through
 * textContent and setAttribute only.
 *
 * For tests and tools, the root element carries `data-state` (waiting, layout, ready, empty,
 * too-large or error) and `data-render-count`, which grows by one after each drawn graph, once
 * its nodes have reached their places.
 */
import { positionsOf, type LaidOutGraph, type LaidOutNode, type Point } from '../../language/src/graph/elk-layout.js';
import type { ArchitectureGraph, ElementKind, GraphNode, ViewKind } from '../../language/src/graph/graph-model.js';
import { renderSvg } from '../../language/src/graph/svg-render.js';
import type { ExportImageFormat, ExportTheme, ExtensionToWebviewMessage, ViewRequest, WebviewToExtensionMessage } from '../../language/src/protocol.js';
import { countKinds, withoutKinds } from './graph-filter.js';
import { exportImage } from './image-export.js';
import { LayoutCancelled, LayoutRunner } from './layout-runner.js';
import { animateFrom } from './node-motion.js';
import { PanZoom, type Box } from './pan-zoom.js';
import { installStyles } from './preview-styles.js';
import { createSvgDom } from './svg-dom.js';
import { Toolbar, VIEW_LABELS } from './toolbar.js';

/** State that the webview stores with setState, so a window reload restores the view. The extension reads `request`. */
interface PreviewState {
    request: ViewRequest;
    hiddenKinds?: ElementKind[];
    /** Visible area of the diagram, for the view it was stored with. */
    viewport?: { key: string; area: Box };
}

interface VsCodeApi {
    postMessage(message: WebviewToExtensionMessage): void;
    getState(): PreviewState | undefined;
    setState(state: PreviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Pointer travel in pixels above which a press counts as a drag and not as a click. */
const DRAG_THRESHOLD = 4;

/** Time to wait after a graph arrives before laying it out, so a burst of updates costs one layout. */
const GRAPH_DEBOUNCE_MS = 60;

/** Layout time after which the spinner appears. */
const SPINNER_DELAY_MS = 500;

/** Views whose node positions are kept as hints for their next layout. */
const MAX_REMEMBERED_VIEWS = 8;

/**
 * Largest number of shown elements that the preview lays out. ELK took about 1.2 s for 1,000
 * lineage nodes on a 2-core machine. Past this limit the preview explains how to get a smaller
 * view instead of keeping the layout worker busy for a long time.
 */
const MAX_LAID_OUT_NODES = 2_000;

const vscode = acquireVsCodeApi();
const scriptNonce = document.currentScript instanceof HTMLScriptElement ? document.currentScript.nonce : undefined;

class Preview {

    private readonly root: HTMLElement;
    private readonly toolbar: Toolbar;
    private readonly canvas: HTMLElement;
    private readonly placeholder: HTMLElement;
    private readonly spinner: HTMLElement;
    private readonly panZoom: PanZoom;
    private readonly runner = new LayoutRunner();
    private request: ViewRequest;
    private hiddenKinds: Set<ElementKind>;
    /** Visible area stored before a window reload, applied to the first drawing of the same view. */
    private restoredViewport: PreviewState['viewport'];
    private graph: ArchitectureGraph | undefined;
    private layout: LaidOutGraph | undefined;
    private drawnKey: string | undefined;
    private nodesById = new Map<string, LaidOutNode>();
    /** Node positions of the last drawing of each view, by view key, as hints for its next layout. */
    private readonly positionsByKey = new Map<string, Map<string, Point>>();
    private selectedId: string | undefined;
    private searchMatches: string[] = [];
    private searchIndex = -1;
    /** Incremented per layout, so an older layout that finishes late is dropped. */
    private generation = 0;
    private renderCount = 0;
    private graphTimer: ReturnType<typeof setTimeout> | undefined;
    private spinnerTimer: ReturnType<typeof setTimeout> | undefined;
    private stateTimer: ReturnType<typeof setTimeout> | undefined;

    constructor(root: HTMLElement) {
        this.root = root;
        const state = vscode.getState();
        this.request = state?.request ?? { view: 'building-blocks' };
        this.hiddenKinds = new Set(state?.hiddenKinds ?? []);
        this.restoredViewport = state?.viewport;

        this.toolbar = new Toolbar({
            selectView: view => this.requestView(this.requestFor(view)),
            selectModel: model => this.requestView({ view: 'model-dependencies', model, hops: this.request.hops }),
            setHops: hops => this.requestView({ ...this.request, view: 'model-dependencies', hops }),
            selectWorkflow: workflow => this.requestView({ view: 'workflows', workflow }),
            search: query => this.search(query),
            searchStep: backwards => this.searchStep(backwards),
            setKindShown: (kind, shown) => this.setKindShown(kind, shown),
            zoom: factor => this.panZoom.zoomCentered(factor),
            fit: () => this.panZoom.fit(),
            relayout: () => void this.draw(true),
            exportImage: (format, theme) => void this.exportImage(format, theme)
        });

        this.canvas = element('div', 'canvas');
        this.placeholder = element('div', 'placeholder');
        this.spinner = element('div', 'spinner');
        this.spinner.textContent = 'Laying out…';
        this.spinner.hidden = true;
        this.canvas.append(this.placeholder, this.spinner);
        root.append(this.toolbar.element, this.canvas);

        this.panZoom = new PanZoom(this.canvas, () => this.scheduleStateSave());
        this.toolbar.showRequest(this.request, undefined);
        this.setState('waiting', 'Waiting for the workspace…');
        this.showPlaceholder('Loading the architecture…');
        this.listen();
    }

    /** Takes a graph from the extension and draws it after a short pause, unless a newer graph arrives first. */
    receiveGraph(graph: ArchitectureGraph): void {
        this.graph = graph;
        this.request = { view: graph.view, ...graph.parameters };
        this.saveState();
        this.toolbar.showRequest(this.request, graph.parameterChoices);
        this.toolbar.showKinds(countKinds(graph), this.hiddenKinds);
        clearTimeout(this.graphTimer);
        this.graphTimer = setTimeout(() => void this.draw(false), GRAPH_DEBOUNCE_MS);
    }

    showError(message: string, request: ViewRequest | undefined): void {
        if (request) {
            this.request = request;
            this.toolbar.showRequest(request, this.graph?.view === request.view ? this.graph.parameterChoices : undefined);
            this.saveState();
        }
        this.setState('error', message);
    }

    /** Highlights the node of an element selected in the editor, or its nearest shown ancestor, and scrolls it into view. */
    highlightFromEditor(id: string | null): void {
        this.selectedId = id ?? undefined;
        const shown = this.markSelected();
        if (shown) {
            this.panZoom.ensureVisible(shown);
        }
    }

    /** Lays out the current graph without its hidden kinds and draws it. With `fresh`, ignores the previous positions. */
    private async draw(fresh: boolean): Promise<void> {
        const graph = this.graph;
        if (!graph) {
            return;
        }
        const generation = ++this.generation;
        const key = viewKeyOf(graph);
        const shown = withoutKinds(graph, this.hiddenKinds);
        if (shown.nodes.length === 0) {
            this.showTextInsteadOfDiagram(emptyViewText(graph, this.hiddenKinds.size > 0), 'empty', 'No elements');
            return;
        }
        if (shown.nodes.length > MAX_LAID_OUT_NODES) {
            const status = `${count(shown.nodes.length, 'element')}, more than ${MAX_LAID_OUT_NODES.toLocaleString('en-US')}`;
            this.showTextInsteadOfDiagram(tooLargeText(graph, shown.nodes.length), 'too-large', status);
            return;
        }

        this.setState('layout', `Laying out ${count(shown.nodes.length, 'element')}…`);
        this.startSpinner();
        let layout: LaidOutGraph;
        try {
            layout = await this.runner.layout(shown, { previous: fresh ? undefined : this.positionsByKey.get(key) });
        } catch (error) {
            if (!(error instanceof LayoutCancelled) && generation === this.generation) {
                this.stopSpinner();
                this.setState('error', `Layout failed: ${error instanceof Error ? error.message : String(error)}`);
            }
            return;
        }
        if (generation !== this.generation) {
            return;
        }
        this.stopSpinner();
        await this.render(layout, key, graph, generation);
    }

    private async render(layout: LaidOutGraph, key: string, graph: ArchitectureGraph, generation: number): Promise<void> {
        const tree = renderSvg(layout, { palette: 'vscode', embedStyle: false, interactive: true });
        const svg = createSvgDom(tree, document) as SVGSVGElement;
        const [x, y, width, height] = tree.attributes.viewBox.split(' ').map(Number);
        svg.removeAttribute('width');
        svg.removeAttribute('height');

        const sameView = key === this.drawnKey;
        const previousPositions = sameView && this.layout ? positionsOf(this.layout) : new Map<string, Point>();
        let viewport: 'fit' | 'keep' | Box = sameView ? 'keep' : 'fit';
        if (this.restoredViewport) {
            if (this.restoredViewport.key === key) {
                viewport = this.restoredViewport.area;
            }
            this.restoredViewport = undefined;
        }

        this.clearDiagram();
        this.placeholder.hidden = true;
        this.canvas.insertBefore(svg, this.placeholder);
        this.panZoom.attach(svg, { x, y, width, height }, viewport);
        this.layout = layout;
        this.drawnKey = key;
        this.nodesById = new Map(layout.nodes.map(node => [node.node.id, node]));
        this.rememberPositions(key, positionsOf(layout));
        this.markSelected();
        this.applySearch(this.toolbar.searchQuery, false);
        this.saveState();

        this.root.dataset.animating = 'true';
        await animateFrom(svg, previousPositions, positionsOf(layout));
        delete this.root.dataset.animating;
        if (generation === this.generation) {
            const hidden = graph.nodes.length - layout.nodes.length;
            const status = `${count(layout.nodes.length, 'element')} · ${count(layout.edges.length, 'relation')}${hidden > 0 ? ` · ${hidden} hidden` : ''}`;
            this.finishRender('ready', focusText(graph) ? `${focusText(graph)} · ${status}` : status);
            this.toolbar.status.title = 'Click an element to open its definition. Double-click a model (or press Shift+Enter on it) to show its dependencies. Drag to pan, scroll to zoom.';
        }
    }

    private rememberPositions(key: string, positions: Map<string, Point>): void {
        this.positionsByKey.delete(key);
        this.positionsByKey.set(key, positions);
        while (this.positionsByKey.size > MAX_REMEMBERED_VIEWS) {
            this.positionsByKey.delete(this.positionsByKey.keys().next().value!);
        }
    }

    /** Returns the request for switching to a view, with the parameters it had last or the selected model. */
    private requestFor(view: ViewKind): ViewRequest {
        if (view === this.request.view) {
            return this.request;
        }
        if (view === 'model-dependencies') {
            const selected = this.selectedId === undefined ? undefined : this.nodesById.get(this.selectedId)?.node;
            return selected?.kind === 'model' ? { view, model: selected.id } : { view };
        }
        return { view };
    }

    private requestView(request: ViewRequest): void {
        const same = JSON.stringify(request) === JSON.stringify(this.request);
        if (same && this.root.dataset.state !== 'error') {
            return;
        }
        this.request = request;
        this.saveState();
        this.toolbar.showRequest(request, this.graph?.view === request.view ? this.graph.parameterChoices : undefined);
        this.setState('waiting', `Loading the ${VIEW_LABELS[request.view].toLowerCase()} view…`);
        vscode.postMessage({ type: 'setView', ...request });
    }

    private setKindShown(kind: ElementKind, shown: boolean): void {
        if (shown) {
            this.hiddenKinds.delete(kind);
        } else {
            this.hiddenKinds.add(kind);
        }
        this.saveState();
        if (this.graph) {
            this.toolbar.showKinds(countKinds(this.graph), this.hiddenKinds);
        }
        void this.draw(false);
    }

    private search(query: string): void {
        this.applySearch(query, true);
    }

    /** Marks the nodes whose title or qualified name contains the query, ignoring case. */
    private applySearch(query: string, resetIndex: boolean): void {
        const svg = this.canvas.querySelector('svg');
        const needle = query.trim().toLowerCase();
        const previous = this.searchMatches[this.searchIndex];
        this.searchMatches = needle && this.layout
            ? this.layout.nodes.filter(node => node.node.label.toLowerCase().includes(needle) || node.node.id.toLowerCase().includes(needle)).map(node => node.node.id)
            : [];
        this.searchIndex = resetIndex ? -1 : this.searchMatches.indexOf(previous ?? '');
        svg?.classList.toggle('searching', needle.length > 0);
        for (const group of this.nodeGroups()) {
            group.classList.toggle('search-match', this.searchMatches.includes(group.dataset.id!));
            group.classList.toggle('search-current', group.dataset.id === this.searchMatches[this.searchIndex]);
        }
        this.showSearchCount(needle);
    }

    /** Centres the next (or previous) search match and marks it as current. */
    private searchStep(backwards: boolean): void {
        if (this.searchMatches.length === 0) {
            return;
        }
        const total = this.searchMatches.length;
        this.searchIndex = backwards ? (this.searchIndex - 1 + total) % total : (this.searchIndex + 1) % total;
        const id = this.searchMatches[this.searchIndex];
        for (const group of this.nodeGroups()) {
            group.classList.toggle('search-current', group.dataset.id === id);
        }
        const node = this.nodesById.get(id);
        if (node) {
            this.panZoom.centerOn(node);
        }
        this.showSearchCount(this.toolbar.searchQuery.trim());
    }

    private showSearchCount(query: string): void {
        if (!query) {
            this.toolbar.showSearchCount('');
        } else if (this.searchMatches.length === 0) {
            this.toolbar.showSearchCount('no match');
        } else if (this.searchIndex >= 0) {
            this.toolbar.showSearchCount(`${this.searchIndex + 1} of ${this.searchMatches.length}`);
        } else {
            this.toolbar.showSearchCount(count(this.searchMatches.length, 'match', 'matches'));
        }
    }

    /** Marks the selected element's node, or its nearest drawn ancestor, and returns that node. */
    private markSelected(): LaidOutNode | undefined {
        const shownId = this.selectedId === undefined ? undefined : this.nearestDrawn(this.selectedId);
        for (const group of this.nodeGroups()) {
            group.classList.toggle('selected', group.dataset.id === shownId);
        }
        return shownId === undefined ? undefined : this.nodesById.get(shownId);
    }

    /** Returns the id, or the longest prefix of it at a dot (an enclosing element), that has a drawn node. */
    private nearestDrawn(id: string): string | undefined {
        for (let candidate: string | undefined = id; candidate; candidate = candidate.includes('.') ? candidate.slice(0, candidate.lastIndexOf('.')) : undefined) {
            if (this.nodesById.has(candidate)) {
                return candidate;
            }
        }
        return undefined;
    }

    private async exportImage(format: ExportImageFormat, theme: ExportTheme): Promise<void> {
        const layout = this.layout;
        if (!layout) {
            vscode.postMessage({ type: 'exportFailed', format, message: 'The preview has not drawn a diagram yet.' });
            return;
        }
        try {
            const image = await exportImage(layout, format, theme);
            vscode.postMessage({ type: 'exportImage', format, theme, view: layout.view, ...image });
        } catch (error) {
            vscode.postMessage({ type: 'exportFailed', format, message: error instanceof Error ? error.message : String(error) });
        }
    }

    private listen(): void {
        window.addEventListener('message', event => {
            const message = event.data as ExtensionToWebviewMessage;
            switch (message?.type) {
                case 'graph':
                    this.receiveGraph(message.graph);
                    break;
                case 'error':
                    this.showError(message.message, message.request);
                    break;
                case 'highlight':
                    this.highlightFromEditor(typeof message.id === 'string' ? message.id : null);
                    break;
                case 'export':
                    void this.exportImage(message.format === 'png' ? 'png' : 'svg', message.theme === 'print' ? 'print' : 'theme');
                    break;
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
        this.canvas.addEventListener('dblclick', event => this.openFocusedView(event.target));
        this.canvas.addEventListener('keydown', event => {
            if (event.key === 'Enter' && event.shiftKey) {
                // The keyboard form of a double-click.
                this.openFocusedView(event.target);
                event.preventDefault();
            } else if (event.key === 'Enter' || event.key === ' ') {
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
        this.canvas.addEventListener('pointerover', event => this.highlightEdges(nodeIdOf(event.target)));
        this.canvas.addEventListener('pointerleave', () => this.highlightEdges(undefined));
        new ResizeObserver(() => this.panZoom.resize()).observe(this.canvas);
    }

    /** Posts a reveal message for the node at the event target, and returns whether there was a node. */
    private reveal(target: EventTarget | null): boolean {
        const node = this.graphNodeAt(target);
        if (!node) {
            return false;
        }
        this.selectedId = node.id;
        this.markSelected();
        if (!node.source) {
            this.setState('ready', `${node.label} has no source location.`);
            return true;
        }
        vscode.postMessage({ type: 'reveal', uri: node.source.uri, range: node.source.range });
        return true;
    }

    /** Opens the dependency view of a double-clicked model, or the view of a double-clicked workflow. */
    private openFocusedView(target: EventTarget | null): void {
        const node = this.graphNodeAt(target);
        if (node?.kind === 'model') {
            const hops = this.request.view === 'model-dependencies' ? this.request.hops : undefined;
            this.requestView(hops === undefined ? { view: 'model-dependencies', model: node.id } : { view: 'model-dependencies', model: node.id, hops });
        } else if (node?.kind === 'workflow') {
            this.requestView({ view: 'workflows', workflow: node.id });
        }
    }

    private graphNodeAt(target: EventTarget | null): GraphNode | undefined {
        const id = nodeIdOf(target);
        return id === undefined ? undefined : this.nodesById.get(id)?.node;
    }

    /** Emphasises the edges of the hovered node and dims the others. */
    private highlightEdges(id: string | undefined): void {
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
        const labels = new Map([...svg.querySelectorAll<SVGGElement>('.edge-label')].map(label => [label.dataset.edge, label]));
        for (const edge of edges) {
            edge.classList.add('highlight');
            labels.get(edge.dataset.id?.replace(/^edge:/, ''))?.classList.add('highlight');
        }
    }

    private nodeGroups(): SVGGElement[] {
        return [...this.canvas.querySelectorAll<SVGGElement>('svg g.node[data-id]')];
    }

    private startSpinner(): void {
        if (this.spinner.hidden && this.spinnerTimer === undefined) {
            this.spinnerTimer = setTimeout(() => {
                this.spinnerTimer = undefined;
                this.spinner.hidden = false;
                // Quick layouts replace the drawing without dimming it, so typing does not make it flicker.
                this.canvas.classList.toggle('stale', this.layout !== undefined);
            }, SPINNER_DELAY_MS);
        }
    }

    private stopSpinner(): void {
        clearTimeout(this.spinnerTimer);
        this.spinnerTimer = undefined;
        this.spinner.hidden = true;
        this.canvas.classList.remove('stale');
    }

    private clearDiagram(): void {
        this.canvas.querySelector('svg')?.remove();
        this.canvas.classList.remove('stale');
    }

    /** Stops any layout in progress and shows `text` where the diagram was. */
    private showTextInsteadOfDiagram(text: string, state: 'empty' | 'too-large', status: string): void {
        this.runner.cancel();
        this.stopSpinner();
        this.clearDiagram();
        this.showPlaceholder(text);
        this.finishRender(state, status);
    }

    private showPlaceholder(text: string): void {
        this.layout = undefined;
        this.drawnKey = undefined;
        this.nodesById = new Map();
        this.placeholder.textContent = text;
        this.placeholder.hidden = false;
    }

    private finishRender(state: 'ready' | 'empty' | 'too-large', status: string): void {
        this.renderCount++;
        this.root.dataset.renderCount = String(this.renderCount);
        this.setState(state, status);
    }

    private setState(state: string, status: string): void {
        this.root.dataset.state = state;
        this.toolbar.status.textContent = status;
        this.toolbar.status.title = status;
        this.toolbar.status.classList.toggle('error', state === 'error');
    }

    /** Stores the view for a window reload, at most every 300 ms while the user pans or zooms. */
    private scheduleStateSave(): void {
        if (this.stateTimer === undefined) {
            this.stateTimer = setTimeout(() => {
                this.stateTimer = undefined;
                this.saveState();
            }, 300);
        }
    }

    private saveState(): void {
        const state: PreviewState = { request: this.request, hiddenKinds: [...this.hiddenKinds] };
        if (this.drawnKey !== undefined && this.layout) {
            state.viewport = { key: this.drawnKey, area: this.panZoom.visibleArea() };
        } else if (this.restoredViewport) {
            state.viewport = this.restoredViewport;
        }
        vscode.setState(state);
    }
}

/** Identifies a view with its parameters; positions are reused only between layouts of the same key. */
function viewKeyOf(graph: ArchitectureGraph): string {
    const { model, hops, workflow } = graph.parameters ?? {};
    return JSON.stringify([graph.view, model ?? null, hops ?? null, workflow ?? null]);
}

function focusText(graph: ArchitectureGraph): string | undefined {
    if (graph.view === 'model-dependencies' && graph.focus) {
        const hops = graph.parameters?.hops;
        return hops === undefined ? graph.focus : `${graph.focus}, ${count(hops, 'hop')}`;
    }
    return graph.view === 'workflows' && graph.focus ? graph.focus : undefined;
}

function emptyViewText(graph: ArchitectureGraph, filtered: boolean): string {
    if (filtered && graph.nodes.length > 0) {
        return 'Every element of this view has a hidden kind. Show kinds again with the Kinds menu.';
    }
    switch (graph.view) {
        case 'model-dependencies':
            return 'The workspace has no models yet. Add a model to a .mlarch file to see its dependencies.';
        case 'workflows':
            return 'The workspace has no workflows yet. Add a workflow with steps to a .mlarch file.';
        default:
            return `The ${VIEW_LABELS[graph.view].toLowerCase()} view has no elements yet. Add elements to a .mlarch file in this workspace.`;
    }
}

/** Explains that a view has more elements than the preview lays out, and how to get a smaller one. */
function tooLargeText(graph: ArchitectureGraph, shownCount: number): string {
    const size = `The ${VIEW_LABELS[graph.view].toLowerCase()} view has ${shownCount.toLocaleString('en-US')} elements, `
        + `more than the ${MAX_LAID_OUT_NODES.toLocaleString('en-US')} that the preview lays out.`;
    const smaller = graph.view === 'model-dependencies'
        ? 'Lower the number of hops, or hide kinds with the Kinds menu.'
        : 'Hide kinds with the Kinds menu, or open the dependency view of one model.';
    return `${size} ${smaller}`;
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

function count(value: number, noun: string, plural = `${noun}s`): string {
    return `${value} ${value === 1 ? noun : plural}`;
}

installStyles(document, scriptNonce);
const host = document.getElementById('mlarch-preview') ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: 'mlarch-preview' }));
new Preview(host);
vscode.postMessage({ type: 'ready' });
