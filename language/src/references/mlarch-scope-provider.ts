import { DefaultScopeProvider, type AstNodeDescription, type LangiumCoreServices, type ReferenceInfo, type Scope, type Stream } from 'langium';
import { isModel, isStep } from '../generated/ast.js';
import { GlobalScopeIndex } from './global-scope-index.js';

/**
 * Resolves references as Langium does. For completion, it leaves out the element that a
 * reference would point back to: a model is never offered as its own dependency, nor a step as
 * its own successor. Linking still resolves such a name, so the cycle checks can report it.
 */
export class MlArchScopeProvider extends DefaultScopeProvider {

    protected readonly globalScopes: GlobalScopeIndex;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.globalScopes = new GlobalScopeIndex(services.shared);
    }

    /** Returns the global scope from an index that an edit updates instead of rebuilding. */
    protected override getGlobalScope(referenceType: string): Scope {
        return this.globalScopes.scopeFor(referenceType);
    }

    override getScope(context: ReferenceInfo): Scope {
        const scope = super.getScope(context);
        const container = context.container;
        const selfReference = (context.property === 'dependsOn' && isModel(container))
            || (context.property === 'next' && isStep(container));
        return selfReference ? new CompletionExcludingScope(scope, description => description.node === container) : scope;
    }
}

class CompletionExcludingScope implements Scope {

    constructor(
        private readonly inner: Scope,
        private readonly excluded: (description: AstNodeDescription) => boolean
    ) { }

    getElement(name: string): AstNodeDescription | undefined {
        return this.inner.getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        return this.inner.getElements(name);
    }

    getAllElements(): Stream<AstNodeDescription> {
        return this.inner.getAllElements().filter(description => !this.excluded(description));
    }
}
