import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { formatFromFileName, FORMAT_EXTENSIONS } from '../../language/src/export/export-format.js';
import { renderTextExport, type TextExportFormat } from '../../language/src/export/render-export.js';
import { VIEW_KINDS, type ArchitectureGraph, type ViewKind } from '../../language/src/graph/graph-model.js';
import { GraphRequest, type ViewRequest } from '../../language/src/protocol.js';

export const EXPORT_VIEW_COMMAND = 'mlarch.exportView';

/** Save-dialog filters of the formats that the extension host writes. PNG needs resvg's native module, which the extension does not ship. */
const FILTERS: Record<string, string[]> = {
    'SVG image': stripDots(FORMAT_EXTENSIONS.svg),
    'MLArch graph JSON': stripDots(FORMAT_EXTENSIONS.json),
    'Mermaid flowchart': stripDots(FORMAT_EXTENSIONS.mermaid),
    'Graphviz DOT': stripDots(FORMAT_EXTENSIONS.dot)
};

const VIEW_LABELS: Partial<Record<ViewKind, string>> = {
    'building-blocks': 'Building blocks',
    lineage: 'Lineage',
    'model-dependencies': 'Model dependencies',
    workflows: 'Workflows'
};

/**
 * Registers `MLArch: Export Current View...`. It exports the view that the preview showed last,
 * with the same model or workflow parameters, or prompts for a view when no preview has shown
 * one. Then it prompts for a file and writes the view as SVG, JSON, Mermaid or DOT, depending on
 * the file's extension. The graph comes from the language server, so it includes unsaved edits.
 * Layout and rendering run in the extension host with the preview's modules.
 */
export function registerExportViewCommand(client: LanguageClient, onDidPostGraph: vscode.Event<ArchitectureGraph>, log: vscode.LogOutputChannel): vscode.Disposable {
    let lastRequest: ViewRequest | undefined;
    const listener = onDidPostGraph(graph => {
        lastRequest = { ...graph.parameters, view: graph.view };
    });
    const command = vscode.commands.registerCommand(EXPORT_VIEW_COMMAND, async () => {
        const pickedView = lastRequest ? undefined : await pickView();
        const request: ViewRequest | undefined = lastRequest ?? (pickedView ? { view: pickedView } : undefined);
        if (!request) {
            return;
        }
        const view = request.view;
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = await vscode.window.showSaveDialog({
            title: `Export the ${VIEW_LABELS[view] ?? view} view`,
            defaultUri: folder ? vscode.Uri.joinPath(folder, `${view}.svg`) : undefined,
            filters: FILTERS,
            saveLabel: 'Export'
        });
        if (!target) {
            return;
        }
        const format = formatFromFileName(target.path);
        if (!format || format === 'png') {
            const message = format === 'png'
                ? `The extension host writes no PNG. Export PNG from the preview's image export, or run: npx mlarch export <folder> --view ${view} --out diagram.png`
                : `Cannot tell the format of ${target.path}. Use the extension .svg, .json, .mmd or .dot.`;
            void vscode.window.showErrorMessage(message);
            return;
        }
        await exportView(client, request, format, target, log);
    });
    return vscode.Disposable.from(listener, command);
}

async function pickView(): Promise<ViewKind | undefined> {
    const picked = await vscode.window.showQuickPick(
        VIEW_KINDS.map(view => ({ label: VIEW_LABELS[view] ?? view, view })),
        { title: 'Export which view?' }
    );
    return picked?.view;
}

async function exportView(client: LanguageClient, request: ViewRequest, format: TextExportFormat, target: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
    const view = request.view;
    try {
        const graph = await client.sendRequest(GraphRequest.method, request satisfies GraphRequest.Params) as GraphRequest.Result;
        const baseFolder = vscode.workspace.getWorkspaceFolder(target)?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
        const text = await renderTextExport(graph, format, { baseFolder });
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
        log.info(`Exported the ${view} view (${graph.nodes.length} nodes, ${graph.edges.length} edges) as ${format} to ${target.toString()}.`);
        const open = await vscode.window.showInformationMessage(`Exported the ${view} view to ${vscode.workspace.asRelativePath(target)}.`, 'Open');
        if (open) {
            await vscode.commands.executeCommand('vscode.open', target);
        }
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.error(`Exporting the ${view} view to ${target.toString()} failed: ${reason}`);
        void vscode.window.showErrorMessage(`Exporting the ${view} view failed: ${reason}`);
    }
}

function stripDots(extensions: readonly string[]): string[] {
    return extensions.map(extension => extension.slice(1));
}
