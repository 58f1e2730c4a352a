import type { AstNode } from 'langium';
import { isFeatureGroup, isElement, isSignal, type Element, type FeatureGroup } from '../generated/ast.js';

/** An element that the workspace exports into the global scope. */
export type NamedElement = Element | FeatureGroup;

export function isNamedElement(node: unknown): node is NamedElement {
    return isElement(node) || isFeatureGroup(node);
}

/**
 * Returns the qualified name of an element: the names of its enclosing elements and its own,
 * joined by dots (`Netflix.StorageLayer.S3`). Elements outside any other element have their
 * simple name as qualified name.
 */
export function qualifiedNameOf(node: NamedElement): string {
    const names: string[] = [node.name];
    let container: AstNode | undefined = node.$container;
    while (container) {
        if (isNamedElement(container) && container.name) {
            names.unshift(container.name);
        }
        container = container.$container;
    }
    return names.join('.');
}

/** Returns true when the element is not nested inside another element. */
export function isTopLevel(node: NamedElement): boolean {
    return !isNamedElement(node.$container);
}

/** Signals are elements too; this guard keeps call sites readable. */
export { isSignal };
