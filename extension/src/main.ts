import * as vscode from 'vscode';
import type { MlArchExtensionApi } from './extension-api.js';
import { registerShowDependenciesCommand } from './dependencies-command.js';
import { registerEditorSync } from './editor-sync.js';
import { registerExportViewCommand } from './export-view-command.js';
import { registerGenerateDocsCommand } from './generate-docs-command.js';
import { startLanguageClient } from './language-client.js';
import { PreviewController } from './preview-controller.js';

let stopClient: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MlArchExtensionApi> {
    const log = vscode.window.createOutputChannel('MLArch', { log: true });
    context.subscriptions.push(log);

    // Registered before the client starts, because the first code lenses may arrive right after.
    let resolvePreviews!: (previews: PreviewController) => void;
    const previewsReady = new Promise<PreviewController>(resolve => {
        resolvePreviews = resolve;
    });
    context.subscriptions.push(registerShowDependenciesCommand(log, previewsReady));
    const client = await startLanguageClient(context, log);
    stopClient = () => client.stop();

    const previews = new PreviewController(context, client, log);
    resolvePreviews(previews);
    context.subscriptions.push(previews, registerEditorSync(client, previews, log));
    context.subscriptions.push(registerExportViewCommand(client, previews.onDidPostGraph, log), registerGenerateDocsCommand(log));
    return { onDidPostGraph: previews.onDidPostGraph };
}

export async function deactivate(): Promise<void> {
    await stopClient?.();
}
