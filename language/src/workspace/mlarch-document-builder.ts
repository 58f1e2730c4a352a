import { DefaultDocumentBuilder, DocumentState, URI, type BuildOptions, type Cancellation, type LangiumDocument, type MaybePromise } from 'langium';

/**
 * Returns the URIs of documents that must be validated again in the current build although they
 * did not change and were not relinked. Called once per build, after linking and before validation.
 */
export type DependentDocumentsProvider = () => Iterable<string>;

/**
 * Builds documents as Langium does, and adds to each build's validation phase the documents that
 * the registered providers name. Several checks read facts from other files (a signal declared in
 * one file is subscribed to in another), so a change can alter a document's diagnostics although
 * Langium neither relinks nor revalidates it.
 */
export class MlArchDocumentBuilder extends DefaultDocumentBuilder {

    protected readonly dependentProviders: DependentDocumentsProvider[] = [];
    protected currentBuildOptions: BuildOptions = {};

    /** Registers a provider of documents to validate again in each build. */
    addDependentDocumentsProvider(provider: DependentDocumentsProvider): void {
        this.dependentProviders.push(provider);
    }

    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, cancelToken: Cancellation.CancellationToken): Promise<void> {
        this.currentBuildOptions = options;
        await super.buildDocuments(documents, options, cancelToken);
    }

    protected override async runCancelable(
        documents: LangiumDocument[],
        targetState: DocumentState,
        cancelToken: Cancellation.CancellationToken,
        callback: (document: LangiumDocument) => MaybePromise<unknown>
    ): Promise<void> {
        if (targetState === DocumentState.Validated && this.currentBuildOptions.validation) {
            documents = [...documents, ...this.collectDependents(documents)];
        }
        await super.runCancelable(documents, targetState, cancelToken, callback);
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
