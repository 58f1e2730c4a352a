import { CstUtils, GrammarUtils, type LangiumDocument, type LeafCstNode } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import type { DocumentLink, DocumentLinkParams } from 'vscode-languageserver';

/** An `http://` or `https://` URL up to the first whitespace, quote, backslash or angle bracket. */
const URL_PATTERN = /https?:\/\/[^\s"'\\<>]+/g;

/** Punctuation that ends a sentence rather than the URL in text such as `see https://example.com/a.` */
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** Link tooltips by the property that contains the string. */
const TOOLTIPS: Readonly<Record<string, string>> = {
    card: 'Open the model card',
    dashboard: 'Open the dashboard'
};

/**
 * Turns every `http(s)://` URL inside a string value into a document link, such as the URL of a
 * model's `card` or a monitor's `dashboard`. Langium has no default document link provider,
 * only the interface.
 */
export class MlArchDocumentLinkProvider implements DocumentLinkProvider {

    getDocumentLinks(document: LangiumDocument, _params: DocumentLinkParams): DocumentLink[] {
        const root = document.parseResult.value.$cstNode;
        if (!root) {
            return [];
        }
        const links: DocumentLink[] = [];
        for (const leaf of CstUtils.flattenCst(root)) {
            if (isStringToken(leaf)) {
                links.push(...linksIn(document, leaf));
            }
        }
        return links;
    }
}

function isStringToken(leaf: LeafCstNode): boolean {
    return !leaf.hidden && leaf.tokenType.name === 'STRING';
}

function linksIn(document: LangiumDocument, leaf: LeafCstNode): DocumentLink[] {
    const tooltip = TOOLTIPS[GrammarUtils.findAssignment(leaf)?.feature ?? ''];
    const links: DocumentLink[] = [];
    for (const match of leaf.text.matchAll(URL_PATTERN)) {
        const url = match[0].replace(TRAILING_PUNCTUATION, '');
        const start = leaf.offset + (match.index ?? 0);
        links.push({
            range: {
                start: document.textDocument.positionAt(start),
                end: document.textDocument.positionAt(start + url.length)
            },
            target: url,
            tooltip
        });
    }
    return links;
}
