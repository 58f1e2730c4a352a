import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { MlArchAstType, Workspace } from '../../generated/ast.js';
import type { MlArchServices } from '../../mlarch-module.js';
import { qualifiedNameOf } from '../../references/qualified-names.js';
import { report } from '../report.js';

/**
 * Reports a reference written as a simple name that several elements of the expected kind carry,
 * and lists their qualified names so the author can pick one. Local references (steps) resolve
 * inside their workflow and are never ambiguous.
 */
export function ambiguousReferenceCheck(services: MlArchServices): ValidationChecks<MlArchAstType> {
    const facts = services.workspace.Facts;
    const reflection = services.shared.AstReflection;
    return {
        Workspace: (workspace: Workspace, accept: ValidationAcceptor) => {
            // Most documents refer to no shared simple name; they need no walk over their references.
            if (!facts.referencesSharedSimpleName(AstUtils.getDocument(workspace))) {
                return;
            }
            for (const node of AstUtils.streamAllContents(workspace)) {
                for (const refInfo of AstUtils.streamReferences(node)) {
                    const text = refInfo.reference.$refText;
                    if (!text || text.includes('.') || !('ref' in refInfo.reference) || refInfo.reference.ref === undefined) {
                        continue;
                    }
                    const referenceType = reflection.getReferenceType(refInfo);
                    if (referenceType === 'Step') {
                        continue;
                    }
                    const named = facts.tables.bySimpleName.get(text);
                    if (!named || named.length < 2) {
                        continue;
                    }
                    const candidates = named.filter(candidate => reflection.isInstance(candidate, referenceType));
                    // Elements that share the qualified name too are duplicates, which duplicate-name reports.
                    const qualifiedNames = [...new Set(candidates.map(qualifiedNameOf))];
                    if (qualifiedNames.length < 2) {
                        continue;
                    }
                    const names = qualifiedNames.map(name => `'${name}'`).join(', ');
                    report(accept, 'ambiguous-reference', `'${text}' names ${qualifiedNames.length} elements: ${names}. Write the qualified name of the one you mean.`, {
                        node,
                        property: refInfo.property,
                        index: refInfo.index
                    });
                }
            }
        }
    };
}
