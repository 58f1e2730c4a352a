import { isAstNodeDescription, type AstNode, type AstNodeDescription } from 'langium';
import { DefaultNodeKindProvider } from 'langium/lsp';
import type { CompletionItemKind, SymbolKind } from 'vscode-languageserver';
import { declarationKindOf } from './declaration-kinds.js';

/**
 * Gives each declaration kind its own symbol and completion icon (a model is a class, a job a
 * function, a signal an event), for the outline, workspace symbols and reference completion.
 */
export class MlArchNodeKindProvider extends DefaultNodeKindProvider {

    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        return declarationKindOf(typeOf(node))?.symbolKind ?? super.getSymbolKind(node);
    }

    override getCompletionItemKind(node: AstNode | AstNodeDescription): CompletionItemKind {
        return declarationKindOf(typeOf(node))?.completionKind ?? super.getCompletionItemKind(node);
    }
}

function typeOf(node: AstNode | AstNodeDescription): string {
    return isAstNodeDescription(node) ? node.type : node.$type;
}
