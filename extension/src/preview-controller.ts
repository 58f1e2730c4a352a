import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ArchitectureGraph, SourceRange } from '../../language/src/graph/graph-model.js';
import {
    GraphRequest, WorkspaceBuiltNotification,
    type ExportImageFormat, type ExportTheme, type ExtensionToWebviewMessage, type ViewRequest
} from '../../language/src/protocol.js';
import { checkViewRequest } from '../../language/src/view-request.js';
import { saveExportedImage } from './export-image.js';
import { renderPreviewHtml } from './preview-html.js';
import { checkRevealTarget } from './reveal-target.js';
import { parseWebviewMessage } from './webview-messages.js';

export const PREVIEW_VIEW_TYPE = 'mlarch.preview';

/** Context key that is true while a preview panel exists; package.json shows the export commands only then. */
export const PREVIEW_OPEN_CONTEXT = 'mlarch.previewOpen';

/** Time to wait after a workspace build before fetching the graph, so a burst of keystrokes costs one fetch. */
const REFRESH_DELAY_MS = 150;

/** Time to wait for the webview's response to an export request before reporting a timeout. */
const EXPORT_TIMEOUT_MS = 60_000;

/**
 * Owns the preview panel: opens it beside the editor, restores it after a window reload, keeps
 * it in step with the workspace, turns clicks on nodes into editor selections, and saves the
 * images that the webview exports.
 */
export class PreviewController implements vscode.Disposable {

    private panel: vscode.WebviewPanel | undefined;
    private request: ViewRequest = { view: 'building-blocks' };
    private refreshTimer: NodeJS.Timeout | undefined;
    /** Incremented per graph request, so a slow older response never replaces a newer one. */
    private requestGeneration = 0;
    /** Export that a command requested and the webview has not responded to yet. */
    private pendingExport: { format: ExportImageFormat; timer: NodeJS.Timeout } | undefined;
    private readonly disposables: vscode.Disposable[] = [];
    private readonly graphPosted = new vscode.EventEmitter<ArchitectureGraph>();
    /** Fires with each graph that the webview accepted. */
    readonly onDidPostGraph = this.graphPosted.event;

    constructor(
        private readonly context: vscode.ExtensionContext,
        private readonly client: LanguageClient,
        private readonly log: vscode.LogOutputChannel
    ) {
        this.disposables.push(
            vscode.commands.registerCommand('mlarch.showPreview', () => this.show()),
            vscode.commands.registerCommand('mlarch.revealSource', (uri: unknown, range: unknown) => this.revealSource(uri, range)),
            vscode.commands.registerCommand('mlarch.exportPreviewSvg', () => this.requestExport('svg')),
            vscode.commands.registerCommand('mlarch.exportPreviewPng', () => this.requestExport('png')),
            vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
                deserializeWebviewPanel: async (panel, state: unknown) => {
                    this.request = restoredRequest(state);
                    this.attach(panel);
                }
            }),
            this.client.onNotification(WorkspaceBuiltNotification.method, () => this.scheduleRefresh())
        );
    }

    /** Whether the preview is open and visible, so that posting highlights to it is worth a server request. */
    get visible(): boolean {
        return this.panel?.visible ?? false;
    }

    /** Opens the preview beside the active editor, or reveals it when it is open. */
    show(): void {
        if (this.panel) {
            this.panel.reveal(undefined, true);
            return;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'MLArch Preview', {
            viewColumn: vscode.ViewColumn.Beside,
            preserveFocus: true
        }, this.webviewOptions());
        this.attach(panel);
        this.log.info('Preview opened.');
    }

    /** Opens the preview on a view, such as the dependency view of one model. Parameters left out keep their current values. */
    showView(request: ViewRequest): void {
        this.request = { ...this.parametersOf(request.view), ...request };
        const opened = this.panel !== undefined;
        this.show();
        // A new panel requests the graph itself once its script has loaded.
        if (opened) {
            void this.refresh();
        }
    }

    /** Highlights the node of an element in the preview, or clears the highlight with null. */
    highlight(id: string | null): void {
        void this.post({ type: 'highlight', id });
    }

    private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
        return {
            enableScripts: true,
            retainContextWhenHidden: true,
            localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview')]
        };
    }

    private attach(panel: vscode.WebviewPanel): void {
        this.panel = panel;
        void vscode.commands.executeCommand('setContext', PREVIEW_OPEN_CONTEXT, true);
        panel.webview.options = this.webviewOptions();
        const scriptUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview', 'preview.js'));
        panel.webview.html = renderPreviewHtml({
            cspSource: panel.webview.cspSource,
            nonce: randomBytes(16).toString('base64'),
            scriptUri: scriptUri.toString()
        });
        panel.webview.onDidReceiveMessage(message => this.onMessage(message), undefined, this.disposables);
        panel.onDidDispose(() => {
            this.panel = undefined;
            void vscode.commands.executeCommand('setContext', PREVIEW_OPEN_CONTEXT, false);
            this.cancelPendingExport();
            this.log.info('Preview closed.');
        }, undefined, this.disposables);
    }

    private async onMessage(raw: unknown): Promise<void> {
        const message = parseWebviewMessage(raw);
        if (!message) {
            this.log.warn(`Ignored an invalid message from the preview: ${truncate(JSON.stringify(raw))}`);
            return;
        }
        switch (message.type) {
            case 'ready':
                await this.refresh();
                break;
            case 'setView': {
                const { type: _type, ...request } = message;
                this.request = request;
                await this.refresh();
                break;
            }
            case 'reveal':
                await vscode.commands.executeCommand('mlarch.revealSource', message.uri, message.range);
                break;
            case 'exportImage':
                this.cancelPendingExport();
                await saveExportedImage(message, this.log);
                break;
            case 'exportFailed':
                this.cancelPendingExport();
                this.log.error(`The preview could not export ${message.format.toUpperCase()}: ${message.message}`);
                void vscode.window.showErrorMessage(`Exporting the preview as ${message.format.toUpperCase()} failed: ${message.message}`);
                break;
        }
    }

    /** Asks the webview for an image of the current view, after asking which colours to use. */
    private async requestExport(format: ExportImageFormat): Promise<void> {
        if (!this.panel) {
            void vscode.window.showInformationMessage('Open the MLArch preview first (MLArch: Open Preview to the Side), then export it.');
            return;
        }
        const theme = await pickExportTheme(format);
        if (!theme || !this.panel) {
            return;
        }
        this.cancelPendingExport();
        const timer = setTimeout(() => {
            this.pendingExport = undefined;
            this.log.error(`The preview did not respond to the ${format.toUpperCase()} export request within ${EXPORT_TIMEOUT_MS / 1000} s.`);
            void vscode.window.showErrorMessage(`Exporting the preview as ${format.toUpperCase()} timed out. Wait until the diagram is drawn and try again.`);
        }, EXPORT_TIMEOUT_MS);
        this.pendingExport = { format, timer };
        const delivered = await this.post({ type: 'export', format, theme });
        if (!delivered) {
            this.cancelPendingExport();
            void vscode.window.showErrorMessage('The MLArch preview did not receive the export request. Show the preview and try again.');
        }
    }

    private cancelPendingExport(): void {
        clearTimeout(this.pendingExport?.timer);
        this.pendingExport = undefined;
    }

    private scheduleRefresh(): void {
        if (!this.panel) {
            return;
        }
        clearTimeout(this.refreshTimer);
        this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
    }

    /** Fetches the current view's graph from the server and posts it to the webview. */
    private async refresh(): Promise<void> {
        const panel = this.panel;
        if (!panel) {
            return;
        }
        const generation = ++this.requestGeneration;
        const request = this.request;
        let message: ExtensionToWebviewMessage;
        try {
            const graph = await this.client.sendRequest(GraphRequest.method, request satisfies GraphRequest.Params) as GraphRequest.Result;
            message = { type: 'graph', graph };
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.log.error(`Fetching the ${request.view} graph failed: ${reason}`);
            message = { type: 'error', message: `The ${request.view} view could not be built: ${reason}`, request };
        }
        if (generation === this.requestGeneration && this.panel === panel) {
            const delivered = await panel.webview.postMessage(message);
            if (delivered && message.type === 'graph') {
                this.graphPosted.fire(message.graph);
            }
        }
    }

    private async post(message: ExtensionToWebviewMessage): Promise<boolean> {
        return this.panel ? this.panel.webview.postMessage(message) : false;
    }

    /** Returns the parameters of the current request when it is of the given view, so switching back keeps them. */
    private parametersOf(view: ViewRequest['view']): Partial<ViewRequest> {
        if (this.request.view !== view) {
            return {};
        }
        const { view: _view, ...parameters } = this.request;
        return parameters;
    }

    /**
     * Opens a document of the workspace and selects a range in it. Rejects URIs outside the
     * workspace folders, because the URI comes from the webview.
     */
    private async revealSource(rawUri: unknown, rawRange: unknown): Promise<void> {
        const message = parseWebviewMessage({ type: 'reveal', uri: rawUri, range: rawRange });
        if (!message || message.type !== 'reveal') {
            this.log.warn('Ignored a reveal request with an invalid URI or range.');
            return;
        }
        const target = checkRevealTarget(message.uri, {
            folders: (vscode.workspace.workspaceFolders ?? []).map(folder => folder.uri.toString()),
            openDocuments: vscode.workspace.textDocuments.map(document => document.uri.toString()),
            ignoreCase: process.platform === 'win32' || process.platform === 'darwin'
        });
        if (!target.accepted) {
            this.log.warn(`Ignored a reveal request for ${truncate(message.uri)}: ${target.reason}.`);
            return;
        }
        const uri = vscode.Uri.parse(target.uri.toString(), true);
        const range = toRange(message.range);
        try {
            const document = await vscode.workspace.openTextDocument(uri);
            const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
            const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
            editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.log.error(`Could not open ${uri.toString()} to reveal a declaration: ${reason}`);
            void vscode.window.showErrorMessage(`MLArch could not open ${vscode.workspace.asRelativePath(uri)}: ${reason}`);
        }
    }

    dispose(): void {
        clearTimeout(this.refreshTimer);
        this.cancelPendingExport();
        this.panel?.dispose();
        this.graphPosted.dispose();
        for (const disposable of this.disposables) {
            disposable.dispose();
        }
    }
}

/**
 * Reads the view from the state that the webview stored with setState: `{ request: ViewRequest }`,
 * or `{ view }` as earlier versions stored it. Falls back to the building-block view.
 */
function restoredRequest(state: unknown): ViewRequest {
    const stored = typeof state === 'object' && state !== null && 'request' in state ? (state as { request: unknown }).request : state;
    const request = checkViewRequest(stored);
    return typeof request === 'string' ? { view: 'building-blocks' } : request;
}

async function pickExportTheme(format: ExportImageFormat): Promise<ExportTheme | undefined> {
    const items: Array<vscode.QuickPickItem & { theme: ExportTheme }> = [
        { label: 'Theme colours', description: 'the colours of the current VS Code theme', theme: 'theme' },
        { label: 'Light print theme', description: 'dark text on white, for documents and printing', theme: 'print' }
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Export the preview as ${format.toUpperCase()}`, placeHolder: 'Colours of the image' });
    return picked?.theme;
}

function toRange(range: SourceRange): vscode.Range {
    return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function truncate(text: string | undefined, max = 200): string {
    if (text === undefined) {
        return 'undefined';
    }
    return text.length > max ? `${text.slice(0, max)}...` : text;
}
