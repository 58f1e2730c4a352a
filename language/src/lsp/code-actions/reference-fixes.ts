import { CstUtils, type AstReflection, type LangiumDocument } from 'langium';
import { CodeActionKind, TextEdit, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { isTopLevel, qualifiedNameOf } from '../../references/qualified-names.js';
import type { WorkspaceFacts } from '../../workspace/workspace-facts.js';
import { referenceSiteAt, type ReferenceSite } from '../qualified-reference-target.js';
import { deleteEdit, listItemSpan } from './source-edits.js';

const IDENTIFIER = /^[_a-zA-Z]\w*$/;

/** Returns the reference that a diagnostic marks, if it marks one. */
export function referenceAt(document: LangiumDocument, diagnostic: Diagnostic): ReferenceSite | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    return leaf && referenceSiteAt(leaf);
}

/**
 * Returns the quick fix for an unresolved signal reference: declare `signal name` at the end of
 * the file. Only offered for a simple name that no other element of the workspace has.
 */
export function createSignalFix(document: LangiumDocument, diagnostic: Diagnostic, reflection: AstReflection, facts: WorkspaceFacts): CodeAction | undefined {
    const site = referenceAt(document, diagnostic);
    if (!site || site.reference.ref || reflection.getReferenceType(site.info) !== 'Signal') {
        return undefined;
    }
    const name = site.reference.$refText;
    if (!IDENTIFIER.test(name) || facts.tables.byQualifiedName.has(name)) {
        return undefined;
    }

    const text = document.textDocument.getText();
    const separator = text.length === 0 || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
    const end = document.textDocument.positionAt(text.length);
    return {
        title: `Create signal '${name}' at the end of this file`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [TextEdit.insert(end, `${separator}signal ${name}\n`)] } }
    };
}

/**
 * Returns one quick fix per element that an ambiguous simple name could mean, each replacing the
 * name with that element's qualified name. A top-level element has no longer name, so it gets none.
 */
export function qualifiedNameFixes(document: LangiumDocument, diagnostic: Diagnostic, reflection: AstReflection, facts: WorkspaceFacts): CodeAction[] {
    const site = referenceAt(document, diagnostic);
    const refNode = site?.reference.$refNode;
    if (!site || !refNode) {
        return [];
    }
    const referenceType = reflection.getReferenceType(site.info);
    const candidates = (facts.tables.bySimpleName.get(site.reference.$refText) ?? [])
        .filter(candidate => reflection.isInstance(candidate, referenceType) && !isTopLevel(candidate));
    const qualifiedNames = [...new Set(candidates.map(qualifiedNameOf))];
    return qualifiedNames.map(qualifiedName => ({
        title: `Use qualified name '${qualifiedName}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri.toString()]: [TextEdit.replace(refNode.range, qualifiedName)] } }
    }));
}

/**
 * Returns the quick fix that removes the reference a diagnostic marks from its list (with its
 * comma), or the whole clause when it is the only item. `describe` words the title from the
 * reference text.
 */
export function removeReferenceFix(document: LangiumDocument, diagnostic: Diagnostic, describe: (refText: string) => string): CodeAction | undefined {
    const site = referenceAt(document, diagnostic);
    const refNode = site?.reference.$refNode;
    const span = refNode && listItemSpan(document.textDocument.getText(), refNode);
    if (!site || !span) {
        return undefined;
    }
    return {
        title: describe(site.reference.$refText),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [deleteEdit(document, span[0], span[1])] } }
    };
}
