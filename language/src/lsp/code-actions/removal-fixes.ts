import { AstUtils, CstUtils, GrammarUtils, type AstNode, type CstNode, type GrammarConfig, type LangiumDocument, type References } from 'langium';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { isFeatureGroup } from '../../generated/ast.js';
import { clauseSpan, deleteEdit, widenDeletion } from './source-edits.js';

/**
 * Returns the quick fix for duplicate-property: remove the clause that the diagnostic marks. The
 * diagnostic marks an earlier occurrence, whose value the parser discards, so removing it keeps
 * the meaning of the file.
 */
export function removeDuplicatePropertyFix(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
    const found = propertyValueAt(document, diagnostic);
    const span = found && clauseSpan(found.valueNode);
    if (!found || !span) {
        return undefined;
    }
    const text = document.textDocument.getText();
    const [start, end] = widenDeletion(text, span[0], span[1]);
    return {
        title: `Remove the duplicate '${text.slice(span[0], span[1])}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [deleteEdit(document, start, end)] } }
    };
}

/** Returns the quick fix for invalid-container: remove the `in` clause, which has no effect. */
export function removePlacementFix(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
    const found = propertyValueAt(document, diagnostic);
    const span = found?.feature === 'container' ? clauseSpan(found.valueNode) : undefined;
    if (!span) {
        return undefined;
    }
    const text = document.textDocument.getText();
    // The clause sits between the name and `{`; delete the space before it so one space remains.
    const spaces = /[ \t]*$/.exec(text.slice(0, span[0]))![0].length;
    return {
        title: `Remove \`${text.slice(span[0], span[1])}\``,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri.toString()]: [deleteEdit(document, span[0] - spaces, span[1])] } }
    };
}

/**
 * Returns the quick fix for unused-feature-group: remove the feature group's declaration with its
 * doc comment. Only offered when nothing at all references the group, so no reference breaks.
 */
export function removeUnusedFeatureGroupFix(document: LangiumDocument, diagnostic: Diagnostic, references: References, grammarConfig: GrammarConfig): CodeAction | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    const group = leaf && AstUtils.getContainerOfType(leaf.astNode, isFeatureGroup);
    const groupNode = group?.$cstNode;
    if (!group || !groupNode || references.findReferences(group, { includeDeclaration: false }).some(() => true)) {
        return undefined;
    }
    const comment = CstUtils.findCommentNode(groupNode, grammarConfig.multilineCommentRules);
    const [start, end] = widenDeletion(document.textDocument.getText(), comment?.offset ?? groupNode.offset, groupNode.end);
    return {
        title: `Remove the unused feature group '${group.name}'`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [document.uri.toString()]: [deleteEdit(document, start, end)] } }
    };
}

/**
 * Finds the property value whose syntax node a diagnostic's range covers exactly, in the node at
 * the diagnostic or one of its containers.
 */
function propertyValueAt(document: LangiumDocument, diagnostic: Diagnostic): { node: AstNode; feature: string; valueNode: CstNode } | undefined {
    const root = document.parseResult.value.$cstNode;
    const offset = document.textDocument.offsetAt(diagnostic.range.start);
    const endOffset = document.textDocument.offsetAt(diagnostic.range.end);
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, offset);
    for (let node: AstNode | undefined = leaf?.astNode; node; node = node.$container) {
        for (const feature of Object.keys(node)) {
            if (feature.startsWith('$')) {
                continue;
            }
            const valueNode = GrammarUtils.findNodesForProperty(node.$cstNode, feature)
                .find(candidate => candidate.offset === offset && candidate.end === endOffset);
            if (valueNode) {
                return { node, feature, valueNode };
            }
        }
    }
    return undefined;
}
