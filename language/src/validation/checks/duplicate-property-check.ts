import { AstUtils, GrammarUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { MlArchAstType, Workspace } from '../../generated/ast.js';
import { isNamedElement } from '../../references/qualified-names.js';
import { report } from '../report.js';

/** Properties that the grammar assigns once by construction, or that are lists. */
const IGNORED_FEATURES = new Set(['name', 'title', 'kind', 'container']);

/**
 * Reports a single-valued property written twice in one element (`owner` twice in a model): the
 * parser keeps only the last value, which silently drops the first.
 */
export function duplicatePropertyCheck(): ValidationChecks<MlArchAstType> {
    return {
        Workspace: (workspace: Workspace, accept: ValidationAcceptor) => {
            for (const node of AstUtils.streamAllContents(workspace)) {
                checkNode(node, accept);
            }
        }
    };
}

function checkNode(node: AstNode, accept: ValidationAcceptor): void {
    for (const [feature, value] of Object.entries(node)) {
        if (feature.startsWith('$') || IGNORED_FEATURES.has(feature) || Array.isArray(value) || typeof value === 'boolean') {
            continue;
        }
        const occurrences = GrammarUtils.findNodesForProperty(node.$cstNode, feature);
        if (occurrences.length < 2) {
            continue;
        }
        const owner = describeOwner(node);
        for (const occurrence of occurrences.slice(0, -1)) {
            report(accept, 'duplicate-property', `Property '${feature}' is set more than once in ${owner}; only the last value counts. Remove this one or the other.`, {
                node,
                range: occurrence.range
            });
        }
    }
}

const PART_NAMES: Record<string, string> = {
    JobState: 'state block',
    ModelVersion: 'history entry',
    MonitorMetric: 'metric'
};

/** Names the element that a property belongs to; a state block or baseline belongs to its enclosing element. */
function describeOwner(node: AstNode): string {
    const element = isNamedElement(node) ? node : AstUtils.getContainerOfType(node, isNamedElement);
    if (!element) {
        return node.$type.toLowerCase();
    }
    const owner = `${element.$type.toLowerCase()} '${element.name}'`;
    return element === node ? owner : `the ${PART_NAMES[node.$type] ?? node.$type.toLowerCase()} of ${owner}`;
}
