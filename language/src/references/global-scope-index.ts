import {
    DocumentState, stream,
    type AstNodeDescription, type AstReflection, type IndexManager, type LangiumSharedCoreServices, type Scope, type Stream, type URI
} from 'langium';

/**
 * The global scope of each reference type, kept up to date document by document.
 *
 * Langium's DefaultScopeProvider (langium 4.4) caches one global scope per reference type and
 * drops every cache on each change. So the first lookup after an edit rebuilds a scope over every
 * exported symbol of the workspace, once per reference type, which took over a hundred
 * milliseconds per keystroke in a workspace of 30,000 elements. Here, after an edit, only the
 * edited documents' symbols are taken out of the scopes and put back in.
 *
 * Candidates for a name are ordered by document URI (in export order within one document), so
 * a name that several documents export resolves to the same element after any sequence of edits
 * as after a cold build. Langium orders them by when each document was last indexed.
 */
export class GlobalScopeIndex {

    protected readonly indexManager: IndexManager;
    protected readonly reflection: AstReflection;
    protected readonly scopes = new Map<string, IncrementalScope>();
    /** Descriptions of each document as last applied to the scopes, by document URI. */
    protected readonly applied = new Map<string, AstNodeDescription[]>();
    /** Documents whose exported symbols may have changed since the last synchronization. */
    protected readonly stale = new Map<string, URI>();
    protected initialized = false;

    constructor(shared: LangiumSharedCoreServices) {
        this.indexManager = shared.workspace.IndexManager;
        this.reflection = shared.AstReflection;
        const builder = shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.IndexedContent, document => {
            this.stale.set(document.uri.toString(), document.uri);
        });
        // Changed and deleted documents lose their symbols before they are indexed again.
        builder.onUpdate((changed, deleted) => {
            for (const uri of [...changed, ...deleted]) {
                this.stale.set(uri.toString(), uri);
            }
        });
    }

    /** Returns the scope of every exported symbol whose type is `referenceType` or a subtype. */
    scopeFor(referenceType: string): Scope {
        this.synchronize();
        let scope = this.scopes.get(referenceType);
        if (!scope) {
            scope = new IncrementalScope();
            for (const [uri, descriptions] of [...this.applied].sort(([a], [b]) => compareStrings(a, b))) {
                scope.addAll(uri, descriptions.filter(description => this.reflection.isSubtype(description.type, referenceType)));
            }
            this.scopes.set(referenceType, scope);
        }
        return scope;
    }

    protected synchronize(): void {
        if (!this.initialized) {
            this.initialized = true;
            this.stale.clear();
            for (const description of this.indexManager.allElements()) {
                const uri = description.documentUri.toString();
                let descriptions = this.applied.get(uri);
                if (!descriptions) {
                    descriptions = [];
                    this.applied.set(uri, descriptions);
                }
                descriptions.push(description);
            }
            return;
        }
        for (const uri of this.stale.keys()) {
            const previous = this.applied.get(uri) ?? [];
            const next = this.indexManager.allElements(undefined, new Set([uri])).toArray();
            for (const [referenceType, scope] of this.scopes) {
                scope.removeAll(previous.filter(description => this.reflection.isSubtype(description.type, referenceType)));
                scope.addAll(uri, next.filter(description => this.reflection.isSubtype(description.type, referenceType)));
            }
            if (next.length > 0) {
                this.applied.set(uri, next);
            } else {
                this.applied.delete(uri);
            }
        }
        this.stale.clear();
    }
}

/** A scope whose candidates for each name are ordered by document URI. */
class IncrementalScope implements Scope {

    protected readonly byName = new Map<string, AstNodeDescription[]>();

    /** Adds the descriptions of one document, in their order. */
    addAll(uri: string, descriptions: AstNodeDescription[]): void {
        for (const description of descriptions) {
            const candidates = this.byName.get(description.name);
            if (!candidates) {
                this.byName.set(description.name, [description]);
                continue;
            }
            // After the last candidate whose document sorts before or equals this one.
            let index = candidates.length;
            while (index > 0 && compareStrings(candidates[index - 1].documentUri.toString(), uri) > 0) {
                index--;
            }
            candidates.splice(index, 0, description);
        }
    }

    removeAll(descriptions: AstNodeDescription[]): void {
        for (const description of descriptions) {
            const candidates = this.byName.get(description.name);
            const index = candidates?.indexOf(description) ?? -1;
            if (candidates && index >= 0) {
                candidates.splice(index, 1);
                if (candidates.length === 0) {
                    this.byName.delete(description.name);
                }
            }
        }
    }

    getElement(name: string): AstNodeDescription | undefined {
        return this.byName.get(name)?.[0];
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return stream(this.byName.get(name) ?? []);
    }

    getAllElements(): Stream<AstNodeDescription> {
        return stream(this.byName.values()).flatMap(candidates => candidates);
    }
}

function compareStrings(a: string, b: string): number {
    if (a === b) {
        return 0;
    }
    return a < b ? -1 : 1;
}
