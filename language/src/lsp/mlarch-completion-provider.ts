import type { AstNodeDescription, GrammarAST, MaybePromise, ReferenceInfo, Stream } from 'langium';
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat, InsertTextMode } from 'vscode-languageserver';
import type { MlArchServices } from '../mlarch-module.js';
import type { MetadataPolicy } from '../workspace/metadata-policy.js';
import { ConstructSnippets, snippetPreview } from './construct-snippets.js';

/**
 * Langium's completion (keywords and references where the grammar allows them), plus a snippet
 * for a whole model, workflow, experiment or job wherever its declaring keyword is proposed: at
 * the top level and in the bodies of platforms, groups and components.
 */
export class MlArchCompletionProvider extends DefaultCompletionProvider {
    private readonly snippets: ConstructSnippets;
    private readonly metadataPolicy: MetadataPolicy;

    constructor(services: MlArchServices) {
        super(services);
        this.snippets = new ConstructSnippets(services.Grammar);
        this.metadataPolicy = services.workspace.MetadataPolicy;
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        const keywordCompletion = super.completionForKeyword(context, keyword, acceptor);
        const snippet = this.supportsSnippets() ? this.snippets.forKeyword(keyword, this.metadataPolicy.requiredFields) : undefined;
        if (snippet) {
            acceptor(context, {
                label: snippet.keyword,
                kind: CompletionItemKind.Snippet,
                detail: snippet.detail,
                documentation: { kind: 'markdown', value: ['```mlarch', snippetPreview(snippet.body), '```'].join('\n') },
                insertText: snippet.body,
                insertTextFormat: InsertTextFormat.Snippet,
                insertTextMode: InsertTextMode.adjustIndentation,
                sortText: '2'
            });
        }
        return keywordCompletion;
    }

    /**
     * Leaves out the candidates that do not match the typed text. Langium drops them later with
     * the same fuzzy match, but only after looking up each one's documentation, which dominates
     * completion time in a workspace with thousands of elements.
     */
    protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
        const typed = context.textDocument.getText().substring(context.tokenOffset, context.offset);
        return super.getReferenceCandidates(refInfo, context).filter(candidate => this.fuzzyMatcher.match(typed, candidate.name));
    }

    /** Returns false for a client that does not declare snippet support. Without a client (tests, command line) it returns true. */
    private supportsSnippets(): boolean {
        return this.clientCapabilities === undefined || this.clientCapabilities.completionItem?.snippetSupport === true;
    }
}
