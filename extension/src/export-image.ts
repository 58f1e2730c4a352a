import * as vscode from 'vscode';
import type { WebviewToExtensionMessage } from '../../language/src/protocol.js';

type ExportImageMessage = Extract<WebviewToExtensionMessage, { type: 'exportImage' }>;

const FILTERS: Record<'svg' | 'png', Record<string, string[]>> = {
    svg: { 'SVG image': ['svg'] },
    png: { 'PNG image': ['png'] }
};

/**
 * Asks where to save an image that the preview exported, and writes it there. The message has
 * passed parseWebviewMessage, so SVG data is markup and PNG data a base64 PNG data URL.
 */
export async function saveExportedImage(message: ExportImageMessage, log: vscode.LogOutputChannel): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const suffix = message.theme === 'print' ? '-print' : '';
    const fileName = `${message.view}${suffix}.${message.format}`;
    const target = await vscode.window.showSaveDialog({
        title: `Save the ${message.view} view as ${message.format.toUpperCase()}`,
        defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
        filters: FILTERS[message.format],
        saveLabel: 'Export'
    });
    if (!target) {
        return;
    }

    const bytes = message.format === 'svg'
        ? Buffer.from(message.data, 'utf8')
        : Buffer.from(message.data.slice(message.data.indexOf(',') + 1), 'base64');
    try {
        await vscode.workspace.fs.writeFile(target, bytes);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.error(`Writing the exported ${message.format.toUpperCase()} to ${target.toString()} failed: ${reason}`);
        void vscode.window.showErrorMessage(`Could not write ${target.fsPath}: ${reason}`);
        return;
    }
    log.info(`Exported the ${message.view} view as ${message.format.toUpperCase()} (${message.width} × ${message.height}) to ${target.toString()}.`);
    void vscode.window.showInformationMessage(`Saved the ${message.view} view to ${vscode.workspace.asRelativePath(target)}.`);
}
