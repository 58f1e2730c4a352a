import { Cancellation, interruptAndCheck, type AstNodeDescription } from 'langium';
import { DefaultWorkspaceSymbolProvider } from 'langium/lsp';
import type { WorkspaceSymbol, WorkspaceSymbolParams } from 'vscode-languageserver';

/**
 * Finds elements across the workspace by simple or qualified name. The index holds a nested
 * element twice, under its qualified name and its simple name; this provider returns one symbol
 * per element, named with the qualified name, when the query matches either name.
 */
export class MlArchWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {

    override async getSymbols(params: WorkspaceSymbolParams, cancelToken = Cancellation.CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const query = params.query.toLowerCase();
        const symbols: WorkspaceSymbol[] = [];
        for (const descriptions of await this.groupByElement(cancelToken)) {
            if (!descriptions.some(description => this.fuzzyMatcher.match(query, description.name))) {
                continue;
            }
            const symbol = this.getWorkspaceSymbol(longestName(descriptions));
            if (symbol) {
                symbols.push(symbol);
            }
        }
        return symbols;
    }

    /** Groups the index entries by the element they describe: its document and path in the AST. */
    protected async groupByElement(cancelToken: Cancellation.CancellationToken): Promise<AstNodeDescription[][]> {
        const byElement = new Map<string, AstNodeDescription[]>();
        for (const description of this.indexManager.allElements()) {
            await interruptAndCheck(cancelToken);
            const key = `${description.documentUri.toString()}#${description.path}`;
            const descriptions = byElement.get(key);
            if (descriptions) {
                descriptions.push(description);
            } else {
                byElement.set(key, [description]);
            }
        }
        return [...byElement.values()];
    }
}

/** The qualified name ends with the simple name, so the longest name of an element is its qualified name. */
function longestName(descriptions: AstNodeDescription[]): AstNodeDescription {
    return descriptions.reduce((longest, description) => description.name.length > longest.name.length ? description : longest);
}
