import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ArchitectureGraph, SourceRange, ViewKind } from '../../language/src/graph/graph-model.js';
import { GraphRequest, WorkspaceBuiltNotification, type ExtensionToWebviewMessage } from '../../language/src/protocol.js';
import { renderPreviewHtml } from './preview-html.js';
import { parseWebviewMessage } from './webview-messages.js';

export const PREVIEW_VIEW_TYPE = 'mlarch.preview';

/** Time to wait after a workspace build before fetching the graph, so a burst of keystrokes costs one fetch. */
const REFRESH_DELAY_MS = 150;

interface PreviewState {
    view: ViewKind;
}

/**
 * Owns the preview panel: opens it beside the editor, restores it after a window reload, keeps
 * it in step with the workspace, and turns clicks on nodes into editor selections.
 */
export class PreviewController implements vscode.Disposable {

    private panel: vscode.WebviewPanel | undefined;
    private view: ViewKind = 'building-blocks';
    private refreshTimer: NodeJS.Timeout | undefined;
    /** Incremented per graph request, so a slow older answer never replaces a newer one. */
    private requestGeneration = 0;
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
            vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
                deserializeWebviewPanel: async (panel, state: PreviewState | undefined) => {
                    this.view = state?.view === 'lineage' ? 'lineage' : 'building-blocks';
                    this.attach(panel);
                }
            }),
            this.client.onNotification(WorkspaceBuiltNotification.method, () => this.scheduleRefresh())
        );
    }

    /** Opens the preview beside the active editor, or reveals it when it is open. */
    show(): void {
        if (this.panel) {
            this.panel.reveal(vscode.ViewColumn.Beside, true);
            return;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, 'MLArch Preview', {
            viewColumn: vscode.ViewColumn.Beside,
            preserveFocus: true
        }, this.webviewOptions());
        this.attach(panel);
        this.log.info('Preview opened.');
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
            case 'setView':
                this.view = message.view;
                await this.refresh();
                break;
            case 'reveal':
                await vscode.commands.executeCommand('mlarch.revealSource', message.uri, message.range);
                break;
        }
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
        let message: ExtensionToWebviewMessage;
        try {
            const graph = await this.client.sendRequest(GraphRequest.method, { view: this.view } satisfies GraphRequest.Params) as GraphRequest.Result;
            message = { type: 'graph', graph };
        } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            this.log.error(`Fetching the ${this.view} graph failed: ${reason}`);
            message = { type: 'error', message: `The ${this.view} view could not be built: ${reason}` };
        }
        if (generation === this.requestGeneration && this.panel === panel) {
            const delivered = await panel.webview.postMessage(message);
            if (delivered && message.type === 'graph') {
                this.graphPosted.fire(message.graph);
            }
        }
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
        const uri = vscode.Uri.parse(message.uri, true);
        if (!isInWorkspace(uri)) {
            this.log.warn(`Ignored a reveal request for ${uri.toString()}, which is outside the workspace.`);
            return;
        }
        const range = toRange(message.range);
        const document = await vscode.workspace.openTextDocument(uri);
        const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
        const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection: range, preserveFocus: false });
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    dispose(): void {
        clearTimeout(this.refreshTimer);
        this.panel?.dispose();
        this.graphPosted.dispose();
        for (const disposable of this.disposables) {
            disposable.dispose();
        }
    }
}

function isInWorkspace(uri: vscode.Uri): boolean {
    if (uri.scheme === 'untitled') {
        return vscode.workspace.textDocuments.some(document => document.uri.toString() === uri.toString());
    }
    return vscode.workspace.getWorkspaceFolder(uri) !== undefined
        || vscode.workspace.textDocuments.some(document => document.uri.toString() === uri.toString());
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
