import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MlArchExtensionApi } from '../../../extension/src/extension-api.js';
import type { ArchitectureGraph } from '../../../language/src/graph/graph-model.js';

export const EXTENSION_ID = 'mlarch.mlarch';

/** Timeout for each wait on the language server or the preview. */
export const WAIT_TIMEOUT_MS = 30_000;

const POLL_INTERVAL_MS = 100;

/** Activates the extension, which resolves once its language client has started. */
export async function activateExtension(): Promise<MlArchExtensionApi> {
    const extension = vscode.extensions.getExtension<MlArchExtensionApi>(EXTENSION_ID);
    assert.ok(extension, `Extension ${EXTENSION_ID} is not installed in this extension host.`);
    const api = await extension.activate();
    assert.ok(api?.onDidPostGraph, `Extension ${EXTENSION_ID} returned no onDidPostGraph event from activate().`);
    return api;
}

/** Returns the URI of a file in the first workspace folder. */
export function workspaceFile(relativePath: string): vscode.Uri {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'The extension host has no workspace folder open.');
    return vscode.Uri.joinPath(folder.uri, relativePath);
}

export async function openEditor(relativePath: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(workspaceFile(relativePath));
    return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
}

/**
 * Returns the position of `text` in the document, moved `offset` characters to the right.
 * Locating text keeps the tests working when lines are added to the examples.
 */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0): vscode.Position {
    const index = document.getText().indexOf(text);
    assert.notEqual(index, -1, `Text ${JSON.stringify(text)} not found in ${document.uri.toString()}.`);
    return document.positionAt(index + offset);
}

/** Returns the range of the name in the declaration `<keyword> <name>`. */
export function declarationNameRange(document: vscode.TextDocument, keyword: string, name: string): vscode.Range {
    const start = positionOf(document, `${keyword} ${name} `, keyword.length + 1);
    return new vscode.Range(start, start.translate(0, name.length));
}

/**
 * Calls `probe` until it returns a value other than undefined, and returns that value. Throws
 * after `timeoutMs` with the description and the last error that the probe threw.
 */
export async function waitFor<T>(description: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = WAIT_TIMEOUT_MS): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined) {
                return value;
            }
        } catch (error) {
            lastError = error;
        }
        if (Date.now() >= deadline) {
            const reason = lastError instanceof Error ? ` Last error: ${lastError.message}` : '';
            throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${description}.${reason}`);
        }
        await new Promise(resolve => setTimeout(resolve, POLL_INTERVAL_MS));
    }
}

/** Resolves with the first graph that the preview posts and that satisfies `predicate`. */
export function nextGraph(api: MlArchExtensionApi, description: string, predicate: (graph: ArchitectureGraph) => boolean): Promise<ArchitectureGraph> {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            subscription.dispose();
            reject(new Error(`Timed out after ${WAIT_TIMEOUT_MS / 1000} s waiting for the preview to receive ${description}.`));
        }, WAIT_TIMEOUT_MS);
        const subscription = api.onDidPostGraph(graph => {
            if (predicate(graph)) {
                clearTimeout(timer);
                subscription.dispose();
                resolve(graph);
            }
        });
    });
}

/** Returns the diagnostic code as a string, whichever of the three shapes VS Code gives it in. */
export function diagnosticCode(diagnostic: vscode.Diagnostic): string {
    const code = diagnostic.code;
    if (typeof code === 'object') {
        return String(code.value);
    }
    return String(code);
}

/** Returns the diagnostics of every workspace file whose path ends with `.mlarch`. */
export function mlarchDiagnostics(): [vscode.Uri, vscode.Diagnostic[]][] {
    return vscode.languages.getDiagnostics().filter(([uri]) => uri.path.endsWith('.mlarch'));
}

/** Inserts text at the end of a document without saving it, so the file on disk stays as it was. */
export async function appendText(document: vscode.TextDocument, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(document.getText().length), text);
    assert.ok(await vscode.workspace.applyEdit(edit), `Applying an edit to ${document.uri.toString()} failed.`);
}

/** Discards the unsaved changes of a document by reverting it to the file on disk. */
export async function revertDocument(document: vscode.TextDocument): Promise<void> {
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(document.isDirty, false, `Reverting ${document.uri.toString()} left unsaved changes.`);
}

/**
 * Opens an untitled MLArch document, which the language client also sends to the server. Each
 * call takes its own file name. NOTE: with VS Code's generated `Untitled-N` names, which repeat
 * after a close, the formatter once returned no edits for 30 s; the cause is not known.
 */
export async function openUntitled(fileName: string, content: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `/${fileName}` });
    assert.ok(!vscode.workspace.textDocuments.some(document => document.uri.toString() === uri.toString()), `${uri.toString()} is open already.`);
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'mlarch', `${fileName} did not open as an MLArch document.`);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
    assert.ok(await editor.edit(builder => builder.insert(new vscode.Position(0, 0), content)), `Inserting text into ${fileName} failed.`);
    return editor;
}

/** Closes the editor of a document and discards its unsaved changes. */
export async function closeWithoutSaving(document: vscode.TextDocument): Promise<void> {
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** Returns the plain text of a hover's contents. */
export function hoverText(hover: vscode.Hover): string {
    return hover.contents.map(content => typeof content === 'string' ? content : content.value).join('\n');
}

/** Returns the target URI and range of a definition result, which is a Location or a LocationLink. */
export function definitionTarget(definition: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
    if ('targetUri' in definition) {
        return { uri: definition.targetUri, range: definition.targetSelectionRange ?? definition.targetRange };
    }
    return { uri: definition.uri, range: definition.range };
}

/** Returns the names declared with `model <name>` in the given documents. */
export function declaredModelNames(documents: vscode.TextDocument[]): string[] {
    return documents.flatMap(document => [...document.getText().matchAll(/^model\s+(\w+)/gm)].map(match => match[1]));
}
