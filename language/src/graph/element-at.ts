import { AstUtils, CstUtils, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { isStep } from '../generated/ast.js';
import { isNamedElement } from '../references/qualified-names.js';
import type { ElementKind } from './graph-model.js';
import { elementKindOf, graphNodeIdOf, type DrawableDeclaration } from './graph-nodes.js';

/** An element or workflow step, by its graph node id. */
export interface ElementReference {
    id: string;
    kind: ElementKind;
}

export interface ElementAtResult {
    /** The innermost element or workflow step whose declaration contains the offset. */
    element?: ElementReference;
    /** The element that a cross-reference at the offset points to, such as the model in `serves Ranker`. */
    reference?: ElementReference;
}

/**
 * Finds what is at an offset of a document: the declaration around it and the target of a
 * reference under it. An offset right after a word counts as on the word, as editors place the
 * cursor there after typing or double-clicking.
 */
export function elementAt(document: LangiumDocument, offset: number): ElementAtResult {
    const root = document.parseResult.value.$cstNode;
    if (!root) {
        return {};
    }
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset) ?? (offset > 0 ? CstUtils.findLeafNodeAtOffset(root, offset - 1) : undefined);
    if (!leaf) {
        return {};
    }

    const result: ElementAtResult = {};
    const declaration = enclosingDeclaration(leaf.astNode);
    if (declaration) {
        result.element = { id: graphNodeIdOf(declaration), kind: elementKindOf(declaration) };
    }
    const target = referenceTargetAt(leaf);
    if (target) {
        result.reference = { id: graphNodeIdOf(target), kind: elementKindOf(target) };
    }
    return result;
}

function enclosingDeclaration(node: AstNode | undefined): DrawableDeclaration | undefined {
    for (let current = node; current; current = current.$container) {
        if (isNamedElement(current) && current.name) {
            return current;
        }
        if (isStep(current) && current.name && current.$container.name) {
            return current;
        }
    }
    return undefined;
}

function referenceTargetAt(leaf: CstNode): DrawableDeclaration | undefined {
    for (const info of AstUtils.streamReferences(leaf.astNode)) {
        const reference = info.reference;
        const refNode = reference.$refNode;
        if (refNode && refNode.offset <= leaf.offset && leaf.end <= refNode.end && 'ref' in reference) {
            const target = reference.ref;
            if (isNamedElement(target) && target.name) {
                return target;
            }
            if (isStep(target) && target.name && target.$container.name) {
                return target;
            }
        }
    }
    return undefined;
}
