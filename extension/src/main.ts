import * as vscode from 'vscode';
import { startLanguageClient } from './language-client.js';
import { PreviewController } from './preview-controller.js';

let stopClient: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const log = vscode.window.createOutputChannel('MLArch', { log: true });
    context.subscriptions.push(log);

    const client = await startLanguageClient(context, log);
    stopClient = () => client.stop();

    const previews = new PreviewController(context, client, log);
    context.subscriptions.push(previews);
}

export async function deactivate(): Promise<void> {
    await stopClient?.();
}
