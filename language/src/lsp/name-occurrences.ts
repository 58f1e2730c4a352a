import { AstUtils, type AstNode, type AstNodeLocator, type LangiumDocuments, type Reference, type ReferenceDescription, type References } from 'langium';
import type { Range } from 'vscode-languageserver';
import type { MlArchServices } from '../mlarch-module.js';
import { isNamedElement } from '../references/qualified-names.js';
import { nameNodeOf } from './element-location.js';
import { nameSegments, qualifiedNameChain } from './qualified-reference-target.js';

/**
 * A place where a declaration's name is written: its own name, a simple reference to it, or one
 * segment of a qualified reference. The segment is the last one for a reference to the
 * declaration itself and an inner one for a reference that passes through it (`ModelLayer` in
 * `Netflix.ModelLayer.Foo` is an occurrence of the layer).
 */
export interface NameOccurrence {
    uri: string;
    range: Range;
    kind: 'declaration' | 'simple-reference' | 'qualified-segment';
}

/**
 * Finds every occurrence of a declaration's name in the workspace, using Langium's reference
 * index. For a named element this includes the qualified references to the element itself and to
 * every element nested in it, because its name is one segment of theirs.
 */
export class NameOccurrences {

    protected readonly references: References;
    protected readonly documents: LangiumDocuments;
    protected readonly locator: AstNodeLocator;

    constructor(services: MlArchServices) {
        this.references = services.references.References;
        this.documents = services.shared.workspace.LangiumDocuments;
        this.locator = services.workspace.AstNodeLocator;
    }

    find(target: AstNode, includeDeclaration: boolean): NameOccurrence[] {
        const occurrences: NameOccurrence[] = [];
        const nameNode = nameNodeOf(target);
        if (includeDeclaration && nameNode) {
            occurrences.push({ uri: AstUtils.getDocument(target).uri.toString(), range: nameNode.range, kind: 'declaration' });
        }

        // Only named elements have qualified names; steps, variants and metrics are referenced by simple name.
        const referenced = isNamedElement(target)
            ? [target, ...AstUtils.streamAllContents(target).filter(isNamedElement)]
            : [target];
        for (const element of referenced) {
            for (const description of this.references.findReferences(element, { includeDeclaration: false })) {
                const occurrence = this.occurrenceIn(description, element, target);
                if (occurrence) {
                    occurrences.push(occurrence);
                }
            }
        }
        return occurrences;
    }

    /**
     * Returns where `target`'s name is written in a reference to `element`, which is `target` or
     * nested in it. A simple reference names `target` only when it points to `target` itself.
     */
    protected occurrenceIn(description: ReferenceDescription, element: AstNode, target: AstNode): NameOccurrence | undefined {
        const reference = this.referenceOf(description);
        const refNode = reference?.$refNode;
        if (!refNode) {
            return undefined;
        }
        const uri = description.sourceUri.toString();
        const segments = nameSegments(refNode);
        if (segments.length <= 1) {
            return element === target ? { uri, range: refNode.range, kind: 'simple-reference' } : undefined;
        }
        if (!isNamedElement(element)) {
            return undefined;
        }
        const chain = qualifiedNameChain(element);
        const index = chain.indexOf(target as typeof chain[number]);
        if (index < 0 || chain.length !== segments.length) {
            return undefined;
        }
        return { uri, range: segments[index].range, kind: 'qualified-segment' };
    }

    /** Finds the reference object that an index entry describes. */
    protected referenceOf(description: ReferenceDescription): Reference | undefined {
        const document = this.documents.getDocument(description.sourceUri);
        if (!document) {
            return undefined;
        }
        const source = this.locator.getAstNode(document.parseResult.value, description.sourcePath);
        if (!source) {
            return undefined;
        }
        for (const info of AstUtils.streamReferences(source)) {
            if ('ref' in info.reference && info.reference.$refNode?.offset === description.segment.offset) {
                return info.reference;
            }
        }
        return undefined;
    }
}
