import { AstUtils, Cancellation, DefaultScopeComputation, MultiMap, interruptAndCheck, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { isComponent, isFeatureStore, isGroup, isPlatform, isWorkflow, type Workspace } from '../generated/ast.js';
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
        // One cancellation check per document: awaiting one per node cost more than the exports.
        await interruptAndCheck(cancelToken);
        const exports: AstNodeDescription[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
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

    /**
     * Collects the symbols that only references inside a container see: the steps of each
     * workflow, which `->` refers to, and the elements nested in platforms, groups, components
     * and feature stores, which references inside them find first. Top-level elements are left
     * out, because references find them in the global scope under the same names. Variants and
     * metrics are left out, because nothing refers to them.
     */
    override async collectLocalSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<LocalSymbols> {
        await interruptAndCheck(cancelToken);
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const addChildren = (container: AstNode, children: readonly AstNode[]): void => {
            for (const child of children) {
                const name = this.nameProvider.getName(child);
                if (name) {
                    symbols.add(container, this.descriptions.createDescription(child, name, document));
                }
                visit(child);
            }
        };
        const visit = (node: AstNode): void => {
            if (isPlatform(node) || isGroup(node) || isComponent(node)) {
                addChildren(node, node.elements);
            } else if (isFeatureStore(node)) {
                addChildren(node, node.groups);
            } else if (isWorkflow(node)) {
                addChildren(node, node.steps);
            }
        };
        for (const element of (document.parseResult.value as Workspace).elements ?? []) {
            visit(element);
        }
        return symbols;
    }
}
