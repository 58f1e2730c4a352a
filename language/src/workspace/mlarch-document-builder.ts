import {
    AstUtils, DefaultDocumentBuilder, DocumentState, URI,
    type BuildOptions, type Cancellation, type LangiumDocument, type LangiumSharedCoreServices, type MaybePromise
} from 'langium';

/**
 * Returns the URIs of documents that must be validated again in the current build although they
 * did not change and were not relinked. Called once per build, after linking and before validation.
 */
export type DependentDocumentsProvider = () => Iterable<string>;

/**
 * Builds documents as Langium does, with three changes:
 * - Each build's validation phase also covers the documents that the registered providers name.
 *   Several checks read facts from other files (a signal declared in one file is subscribed to in
 *   another), so a change can alter a document's diagnostics although Langium neither relinks nor
 *   revalidates it.
 * - Deciding which documents to relink after a change takes constant time per document: an index
 *   of which documents reference which is kept up to date as documents are linked. Langium's own
 *   decision scans every reference of the workspace.
 * - A document with unresolved references is relinked only when a document of the build now
 *   exports one of the unresolved names. Langium relinks every such document after every change,
 *   which costs a relink per broken file on each keystroke.
 */
export class MlArchDocumentBuilder extends DefaultDocumentBuilder {

    protected readonly dependentProviders: DependentDocumentsProvider[] = [];
    protected currentBuildOptions: BuildOptions = {};
    /** URIs of the documents that reference a document, by the URI of the referenced document. */
    protected readonly referrers = new Map<string, Set<string>>();
    /** URIs of the documents that a document references, by the URI of the referencing document. */
    protected readonly referenced = new Map<string, Set<string>>();
    /** Texts of the unresolved references of each document that has any, by document URI. */
    protected readonly unresolved = new Map<string, Set<string>>();
    /** URIs of the documents whose exported symbols the current build computes again. */
    protected reindexed: string[] = [];
    /** Unchanged documents that the current build relinks because a name they miss appeared. */
    protected relinked: LangiumDocument[] = [];

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        this.onDocumentPhase(DocumentState.Linked, document => this.recordReferences(document));
    }

    protected recordReferences(document: LangiumDocument): void {
        const uri = document.uri.toString();
        this.forgetReferences(uri);
        const targets = new Set<string>();
        for (const reference of document.references) {
            if (reference.error !== undefined) {
                let texts = this.unresolved.get(uri);
                if (!texts) {
                    texts = new Set();
                    this.unresolved.set(uri, texts);
                }
                texts.add(reference.$refText);
            }
            const targetNodes = 'items' in reference ? reference.items.map(item => item.ref) : [reference.ref];
            for (const target of targetNodes) {
                if (!target) {
                    continue;
                }
                const targetUri = AstUtils.getDocument(target).uri.toString();
                if (targetUri !== uri) {
                    targets.add(targetUri);
                }
            }
        }
        this.referenced.set(uri, targets);
        for (const target of targets) {
            let sources = this.referrers.get(target);
            if (!sources) {
                sources = new Set();
                this.referrers.set(target, sources);
            }
            sources.add(uri);
        }
    }

    protected forgetReferences(uri: string): void {
        this.unresolved.delete(uri);
        for (const target of this.referenced.get(uri) ?? []) {
            this.referrers.get(target)?.delete(uri);
        }
        this.referenced.delete(uri);
    }

    /**
     * Relinks the documents that reference a changed one. Documents with unresolved references
     * are relinked later in the build, once the new exports are known (see `collectResolvable`).
     */
    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        const uri = document.uri.toString();
        for (const changed of changedUris) {
            if (this.referrers.get(changed)?.has(uri)) {
                return true;
            }
        }
        return false;
    }

    protected override cleanUpDeleted(document: LangiumDocument): void {
        super.cleanUpDeleted(document);
        this.forgetReferences(document.uri.toString());
    }

    /** Answers Langium's question quickly for documents whose last validation ran every requested category. */
    protected override resultsAreIncomplete(document: LangiumDocument, options: BuildOptions | undefined): boolean {
        const executed = this.buildState.get(document.uri.toString())?.result?.validationChecks;
        const validation = options?.validation;
        if (executed && typeof validation === 'object' && validation.categories) {
            return validation.categories.some(category => !executed.includes(category));
        }
        return super.resultsAreIncomplete(document, options);
    }

    /** Registers a provider of documents to validate again in each build. */
    addDependentDocumentsProvider(provider: DependentDocumentsProvider): void {
        this.dependentProviders.push(provider);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        this.currentBuildOptions = options;
        this.reindexed = [];
        this.relinked = [];
        await super.buildDocuments(documents, options, cancelToken);
    }

    protected override async runCancelable(
        documents: LangiumDocument[],
        targetState: DocumentState,
        cancelToken: Cancellation.CancellationToken,
        callback: (document: LangiumDocument) => MaybePromise<unknown>
    ): Promise<void> {
        if (targetState === DocumentState.IndexedContent) {
            this.reindexed = documents.filter(document => document.state < DocumentState.IndexedContent).map(document => document.uri.toString());
        }
        if (targetState === DocumentState.Linked) {
            this.relinked = this.collectResolvable(documents);
        }
        const validating = targetState === DocumentState.Validated && Boolean(this.currentBuildOptions.validation);
        if (targetState === DocumentState.Linked || targetState === DocumentState.IndexedReferences || validating) {
            const included = new Set(documents.map(document => document.uri.toString()));
            documents = [...documents, ...this.relinked.filter(document => !included.has(document.uri.toString()))];
        }
        if (validating) {
            documents = [...documents, ...this.collectDependents(documents)];
        }
        await super.runCancelable(documents, targetState, cancelToken, callback);
    }

    /**
     * Returns the documents outside the build that have an unresolved reference whose text a
     * document of the build now exports, after resetting them for linking.
     */
    protected collectResolvable(documents: LangiumDocument[]): LangiumDocument[] {
        if (this.unresolved.size === 0 || this.reindexed.length === 0) {
            return [];
        }
        const exported = new Set<string>();
        for (const description of this.indexManager.allElements(undefined, new Set(this.reindexed))) {
            exported.add(description.name);
        }
        const included = new Set(documents.map(document => document.uri.toString()));
        const resolvable: LangiumDocument[] = [];
        for (const [uri, texts] of this.unresolved) {
            if (included.has(uri) || ![...texts].some(text => exported.has(text))) {
                continue;
            }
            const document = this.langiumDocuments.getDocument(URI.parse(uri));
            if (document && document.state >= DocumentState.ComputedScopes) {
                this.resetToState(document, DocumentState.ComputedScopes);
                resolvable.push(document);
            }
        }
        this.prepareBuild(resolvable, this.currentBuildOptions);
        return resolvable;
    }

    /** Resets the dependent documents that this build would not validate, and returns them. */
    protected collectDependents(documents: LangiumDocument[]): LangiumDocument[] {
        const included = new Set(documents.map(document => document.uri.toString()));
        const added: LangiumDocument[] = [];
        for (const provider of this.dependentProviders) {
            for (const uri of provider()) {
                if (included.has(uri)) {
                    continue;
                }
                included.add(uri);
                const document = this.langiumDocuments.getDocument(URI.parse(uri));
                if (document && document.state >= DocumentState.IndexedReferences) {
                    this.resetToState(document, DocumentState.IndexedReferences);
                    added.push(document);
                }
            }
        }
        this.prepareBuild(added, this.currentBuildOptions);
        return added;
    }
}
