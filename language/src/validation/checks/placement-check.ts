import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import type { MlArchAstType } from '../../generated/ast.js';
import { isNamedElement, isTopLevel } from '../../references/qualified-names.js';
import { report } from '../report.js';

/**
 * An `in` placement moves an element into a platform, group or component in the building-block
 * view. It only makes sense for elements written at the top level of a file; a nested element
 * is already placed by its nesting.
 */
export function placementCheck(): ValidationChecks<MlArchAstType> {
    return {
        AstNode: (node: AstNode, accept: ValidationAcceptor) => {
            if (!isNamedElement(node) || isTopLevel(node) || !('container' in node) || !node.container) {
                return;
            }
            report(accept, 'invalid-container', `'${node.name}' is nested in another element, so \`in ${node.container.$refText}\` has no effect. Move it to the top level of a file or remove the \`in\` clause.`, {
                node,
                property: 'container'
            });
        }
    };
}
