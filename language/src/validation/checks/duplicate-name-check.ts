import { AstUtils, GrammarUtils, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { MlArchAstType } from '../../generated/ast.js';
import type { MlArchServices } from '../../mlarch-module.js';
import { isNamedElement, qualifiedNameOf } from '../../references/qualified-names.js';
import { report } from '../report.js';

/**
 * Reports elements whose qualified name another element in the workspace has too, with related
 * information pointing at every other declaration, in this file or another. Steps of one
 * workflow and variants of one experiment must have distinct names as well.
 */
export function duplicateNameCheck(services: MlArchServices): ValidationChecks<MlArchAstType> {
    const facts = services.workspace.Facts;
    return {
        AstNode: (node: AstNode, accept: ValidationAcceptor) => {
            if (isNamedElement(node) && node.name) {
                const qualifiedName = qualifiedNameOf(node);
                const others = (facts.tables.byQualifiedName.get(qualifiedName) ?? []).filter(other => other !== node);
                if (others.length > 0) {
                    report(accept, 'duplicate-name', `Duplicate name '${qualifiedName}': ${others.length === 1 ? 'another element is' : `${others.length} other elements are`} declared with it. Rename one of them.`, {
                        node,
                        property: 'name',
                        relatedInformation: others.flatMap(other => relatedDeclaration(other, `'${qualifiedName}' is also declared here.`))
                    });
                }
            }
        },
        Workflow: (workflow, accept) => reportLocalDuplicates(workflow.steps, 'step', accept),
        Experiment: (experiment, accept) => reportLocalDuplicates(experiment.variants, 'variant', accept),
        Monitor: (monitor, accept) => reportLocalDuplicates(monitor.metrics, 'metric', accept)
    };
}

function reportLocalDuplicates(nodes: Array<AstNode & { name: string }>, kind: string, accept: ValidationAcceptor): void {
    const seen = new Map<string, AstNode & { name: string }>();
    for (const node of nodes) {
        const first = seen.get(node.name);
        if (!first) {
            seen.set(node.name, node);
            continue;
        }
        report(accept, 'duplicate-name', `Duplicate ${kind} name '${node.name}'. Rename this ${kind}.`, {
            node,
            property: 'name',
            relatedInformation: relatedDeclaration(first, `The first ${kind} '${node.name}' is declared here.`)
        });
    }
}

/** Returns related information that points at the name of a declaration, or nothing when it has no source. */
export function relatedDeclaration(node: AstNode, message: string): DiagnosticRelatedInformation[] {
    const nameNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode;
    if (!nameNode) {
        return [];
    }
    const uri = AstUtils.getDocument(node).uri.toString();
    return [{ location: { uri, range: nameNode.range }, message }];
}
