import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { DocumentSymbol } from 'vscode-languageserver';
import { declarationLabelOf } from './declaration-kinds.js';

/**
 * Builds the outline: Langium's nested symbols of every named node (elements, feature groups,
 * steps, variants, monitor metrics), with the kind from the node kind provider and the element
 * title, or else its declaring keyword, as detail.
 */
export class MlArchDocumentSymbolProvider extends DefaultDocumentSymbolProvider {

    protected override createSymbol(document: LangiumDocument, astNode: AstNode, cstNode: CstNode, nameNode: CstNode, computedName?: string): DocumentSymbol {
        const symbol = super.createSymbol(document, astNode, cstNode, nameNode, computedName);
        symbol.detail = titleOf(astNode) ?? declarationLabelOf(astNode);
        return symbol;
    }
}

function titleOf(node: AstNode): string | undefined {
    const title = (node as { title?: unknown }).title;
    return typeof title === 'string' && title.length > 0 ? title : undefined;
}
