import { AstUtils, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { MlArchAstType, Workspace } from '../../generated/ast.js';
import { isNamedElement, isTopLevel } from '../../references/qualified-names.js';
import { report } from '../report.js';

/**
 * An `in` placement moves an element into a platform, group or component in the building-block
 * view. It only makes sense for elements written at the top level of a file; a nested element
 * is already placed by its nesting.
 */
export function placementCheck(): ValidationChecks<MlArchAstType> {
    return {
        Workspace: (workspace: Workspace, accept: ValidationAcceptor) => {
            for (const node of AstUtils.streamAllContents(workspace)) {
                if (!isNamedElement(node) || isTopLevel(node) || !('container' in node) || !node.container) {
                    continue;
                }
                report(accept, 'invalid-container', `'${node.name}' is nested in another element, so \`in ${node.container.$refText}\` has no effect. Move it to the top level of a file or remove the \`in\` clause.`, {
                    node,
                    property: 'container'
                });
            }
        }
    };
}
