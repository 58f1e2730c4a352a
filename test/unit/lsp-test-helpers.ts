/** Helpers for the tests of code actions, rename and the policy: apply edits, read diagnostic codes. */
import { TextDocument } from 'langium';
import type { CodeAction, Command, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver';

/** Applies text edits to a text, as an editor does: all at once, against the original positions. */
export function applyEdits(text: string, edits: TextEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create('file:///edited.mlarch', 'mlarch', 0, text), edits);
}

/**
 * Applies a workspace edit to texts keyed by URI and returns the new texts. Fails on an edit for
 * a URI without a text, so a test never silently drops an edit.
 */
export function applyWorkspaceEdit(texts: Record<string, string>, edit: WorkspaceEdit | undefined | null): Record<string, string> {
    if (!edit?.changes) {
        throw new Error(`Expected a workspace edit with changes, got ${JSON.stringify(edit)}.`);
    }
    const result = { ...texts };
    for (const [uri, edits] of Object.entries(edit.changes)) {
        const text = result[uri];
        if (text === undefined) {
            throw new Error(`The edit changes ${uri}, which the test does not know; known: ${Object.keys(texts).join(', ')}.`);
        }
        result[uri] = applyEdits(text, edits);
    }
    return result;
}

/** Keeps the code actions and drops bare commands, which carry no edit. */
export function codeActionsOnly(actions: Array<CodeAction | Command> | undefined | null): CodeAction[] {
    return (actions ?? []).filter((action): action is CodeAction => 'title' in action && !('command' in action && typeof action.command === 'string'));
}

/** Returns a diagnostic's code: MLArch checks set `code`, Langium's parser sets `data.code`. */
export function codeOf(diagnostic: Diagnostic): string | undefined {
    if (diagnostic.code !== undefined) {
        return String(diagnostic.code);
    }
    const data = diagnostic.data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : undefined;
}
