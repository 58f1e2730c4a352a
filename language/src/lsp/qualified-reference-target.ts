import { AstUtils, CstUtils, GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode, type Reference, type ReferenceInfo } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { isNamedElement, type NamedElement } from '../references/qualified-names.js';

/** A reference in the syntax tree, with the node and property that hold it. */
export interface ReferenceSite {
    info: ReferenceInfo;
    reference: Reference;
    /** The reference's text in the source: one leaf per name segment (`Netflix`, `ModelLayer`, `Foo`). */
    segments: LeafCstNode[];
}

/** The declaration that the cursor designates, and the name or reference segment under the cursor. */
export interface TargetAtOffset {
    /** The declaration the cursor designates. */
    target: AstNode;
    /** The name or reference segment under the cursor. */
    leaf: LeafCstNode;
}

/**
 * Returns the named elements whose names make up an element's qualified name, outermost first:
 * for `Netflix.ModelLayer.Foo` the platform, the layer and the model.
 */
export function qualifiedNameChain(element: NamedElement): NamedElement[] {
    const chain: NamedElement[] = [];
    let node: AstNode | undefined = element;
    while (node) {
        if (isNamedElement(node) && node.name) {
            chain.unshift(node);
        }
        node = node.$container;
    }
    return chain;
}

/** Returns the name segments of a reference's text: its identifiers, without dots and comments. */
export function nameSegments(refNode: CstNode): LeafCstNode[] {
    return CstUtils.flattenCst(refNode)
        .filter(leaf => !leaf.hidden && leaf.text !== '.')
        .toArray();
}

/** Returns the reference whose text contains the leaf, if any. */
export function referenceSiteAt(leaf: LeafCstNode): ReferenceSite | undefined {
    for (const info of AstUtils.streamReferences(leaf.astNode)) {
        const refNode = info.reference.$refNode;
        if (refNode && 'ref' in info.reference && (refNode === leaf || CstUtils.isChildNode(leaf, refNode))) {
            return { info, reference: info.reference, segments: nameSegments(refNode) };
        }
    }
    return undefined;
}

/**
 * Returns the element that a segment of a qualified reference names. In `Netflix.ModelLayer.Foo`
 * the reference resolves to `Foo`, but the segment `ModelLayer` names the layer. Returns the
 * resolved element for simple references and for the last segment.
 */
export function elementOfSegment(site: ReferenceSite, leaf: LeafCstNode): AstNode | undefined {
    const target = site.reference.ref;
    const index = site.segments.indexOf(leaf);
    if (!isNamedElement(target) || site.segments.length < 2 || index < 0) {
        return target;
    }
    const chain = qualifiedNameChain(target);
    return chain.length === site.segments.length ? chain[index] : target;
}

/**
 * Finds the declaration that the cursor designates: the element whose name is under the cursor,
 * or the element that the reference segment under the cursor names (see `elementOfSegment`).
 */
export function findTargetAtOffset(services: LangiumServices, document: LangiumDocument, offset: number): TargetAtOffset | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, services.parser.GrammarConfig.nameRegexp);
    if (!leaf) {
        return undefined;
    }

    const site = referenceSiteAt(leaf);
    if (site) {
        const target = elementOfSegment(site, leaf);
        return target ? { target, leaf } : undefined;
    }

    const nameNode = GrammarUtils.findNodeForProperty(leaf.astNode.$cstNode, 'name');
    if (nameNode && (nameNode === leaf || CstUtils.isChildNode(leaf, nameNode))) {
        return { target: leaf.astNode, leaf };
    }
    return undefined;
}
