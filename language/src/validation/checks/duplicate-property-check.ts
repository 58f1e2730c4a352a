import { AstUtils, GrammarAST, isCompositeCstNode, type AstNode, type CstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { MlArchAstType } from '../../generated/ast.js';
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
        AstNode: checkNode
    };
}

function checkNode(node: AstNode, accept: ValidationAcceptor): void {
    const assignments = collectAssignments(node);
    for (const [feature, occurrences] of assignments) {
        const value = (node as unknown as Record<string, unknown>)[feature];
        if (occurrences.length < 2 || IGNORED_FEATURES.has(feature) || Array.isArray(value) || typeof value === 'boolean') {
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

/**
 * Returns the CST nodes of `node` that assign a property, grouped by property, in source order.
 * It finds what `GrammarUtils.findNodesForProperty` finds for each property, in one pass over the
 * node's own CST instead of one pass per property.
 */
function collectAssignments(node: AstNode): Map<string, CstNode[]> {
    const assignments = new Map<string, CstNode[]>();
    const visit = (cstNode: CstNode): void => {
        for (const child of isCompositeCstNode(cstNode) ? cstNode.content : []) {
            const feature = assignedFeature(child);
            if (feature !== undefined) {
                const list = assignments.get(feature);
                if (list) {
                    list.push(child);
                } else {
                    assignments.set(feature, [child]);
                }
            } else if (child.astNode === node) {
                visit(child);
            }
        }
    };
    if (node.$cstNode) {
        visit(node.$cstNode);
    }
    return assignments;
}

/** Assigned property of each grammar element; the grammar is fixed, so this cache stays small. */
const featureByGrammarElement = new Map<AstNode, string | undefined>();

function assignedFeature(cstNode: CstNode): string | undefined {
    const grammarSource = cstNode.grammarSource;
    if (!grammarSource) {
        return undefined;
    }
    if (!featureByGrammarElement.has(grammarSource)) {
        featureByGrammarElement.set(grammarSource, AstUtils.getContainerOfType(grammarSource, GrammarAST.isAssignment)?.feature);
    }
    return featureByGrammarElement.get(grammarSource);
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
