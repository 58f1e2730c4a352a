import { qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';

/**
 * Finds the element that a view parameter names: by qualified name first, then by simple name.
 * Throws an error that names the value when nothing matches, or when a simple name fits several
 * elements (then the message lists their qualified names).
 */
export function findByName<T extends NamedElement>(candidates: readonly T[], name: string, kindNoun: string): T {
    const exact = candidates.find(candidate => qualifiedNameOf(candidate) === name);
    if (exact) {
        return exact;
    }
    const bySimpleName = candidates.filter(candidate => candidate.name === name);
    if (bySimpleName.length === 1) {
        return bySimpleName[0];
    }
    if (bySimpleName.length > 1) {
        const names = bySimpleName.map(qualifiedNameOf).join(', ');
        throw new Error(`The ${kindNoun} name '${name}' is ambiguous: it fits ${names}. Use the qualified name.`);
    }
    throw new Error(`No ${kindNoun} named '${name}' was found in the workspace. Use the simple or qualified name of a ${kindNoun}.`);
}
