import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ElementAtRequest } from '../../language/src/protocol.js';
import type { PreviewController } from './preview-controller.js';

/** Time the cursor must rest before the preview highlights the element under it, so moving through a file costs few requests. */
const SELECTION_DELAY_MS = 200;

export const SHOW_DEPENDENCIES_AT_CURSOR_COMMAND = 'mlarch.showModelDependenciesAtCursor';

/**
 * Keeps the preview in step with the editor: when the cursor of an MLArch editor rests on an
 * element, the preview highlights the element's node and scrolls it into view. Also registers
 * the editor context-menu command that opens the dependency view of the model under the cursor.
 */
export function registerEditorSync(client: LanguageClient, previews: PreviewController, log: vscode.LogOutputChannel): vscode.Disposable {
    let timer: NodeJS.Timeout | undefined;
    /** Incremented per request, so a slow response for an earlier cursor position is dropped. */
    let generation = 0;

    const schedule = (editor: vscode.TextEditor | undefined): void => {
        clearTimeout(timer);
        if (!editor || editor.document.languageId !== 'mlarch' || !previews.visible) {
            return;
        }
        timer = setTimeout(() => void highlightAt(editor), SELECTION_DELAY_MS);
    };

    const highlightAt = async (editor: vscode.TextEditor): Promise<void> => {
        const current = ++generation;
        try {
            const result = await elementAtCursor(client, editor);
            if (current === generation) {
                previews.highlight(result.element?.id ?? null);
            }
        } catch (error) {
            log.warn(`Finding the element at the cursor failed: ${error instanceof Error ? error.message : String(error)}`);
        }
    };

    return vscode.Disposable.from(
        vscode.window.onDidChangeTextEditorSelection(event => schedule(event.textEditor)),
        vscode.window.onDidChangeActiveTextEditor(editor => schedule(editor)),
        vscode.commands.registerCommand(SHOW_DEPENDENCIES_AT_CURSOR_COMMAND, () => showDependenciesAtCursor(client, previews, log)),
        { dispose: () => clearTimeout(timer) }
    );
}

/**
 * Opens the dependency view of the model under the cursor: the model that a reference at the
 * cursor names, or else the model whose declaration contains the cursor.
 */
async function showDependenciesAtCursor(client: LanguageClient, previews: PreviewController, log: vscode.LogOutputChannel): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'mlarch') {
        void vscode.window.showInformationMessage('Place the cursor on a model in an MLArch file to show its dependencies.');
        return;
    }
    let result: ElementAtRequest.Result;
    try {
        result = await elementAtCursor(client, editor);
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.error(`Finding the element at the cursor failed: ${reason}`);
        void vscode.window.showErrorMessage(`Could not find the element at the cursor: ${reason}`);
        return;
    }
    let model = result.reference?.kind === 'model' ? result.reference : undefined;
    if (!model && result.element?.kind === 'model') {
        model = result.element;
    }
    if (!model) {
        void vscode.window.showInformationMessage('The cursor is not on a model. Place it on a model declaration or on a reference to a model.');
        return;
    }
    previews.showView({ view: 'model-dependencies', model: model.id });
}

async function elementAtCursor(client: LanguageClient, editor: vscode.TextEditor): Promise<ElementAtRequest.Result> {
    const position = editor.selection.active;
    const params: ElementAtRequest.Params = {
        uri: editor.document.uri.toString(),
        position: { line: position.line, character: position.character }
    };
    return client.sendRequest(ElementAtRequest.method, params) as Promise<ElementAtRequest.Result>;
}
