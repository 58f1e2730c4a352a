import { AstUtils, Cancellation, DefaultScopeComputation, interruptAndCheck, type AstNodeDescription, type LangiumDocument } from 'langium';
import { isNamedElement, isTopLevel, qualifiedNameOf } from './qualified-names.js';

/**
 * Exports every element and feature group of a document into the global scope, nested ones
 * included. Each element is exported under its qualified name and, when nested, also under
 * its simple name, so a reference may use either. A simple name that several elements share is
 * reported by the ambiguous-reference check, which asks for the qualified name.
 *
 * Steps, variants and metrics stay local to their workflow, experiment or monitor.
 */
export class MlArchScopeComputation extends DefaultScopeComputation {

    override async collectExportedSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            await interruptAndCheck(cancelToken);
            if (!isNamedElement(node) || !node.name) {
                continue;
            }
            const qualifiedName = qualifiedNameOf(node);
            exports.push(this.descriptions.createDescription(node, qualifiedName, document));
            if (!isTopLevel(node)) {
                exports.push(this.descriptions.createDescription(node, node.name, document));
            }
        }
        return exports;
    }
}
