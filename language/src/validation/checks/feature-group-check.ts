import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { FeatureGroup, MlArchAstType } from '../../generated/ast.js';
import type { MlArchServices } from '../../mlarch-module.js';
import { report } from '../report.js';

/** Hints at feature groups that no model is trained on or consumes. */
export function featureGroupCheck(services: MlArchServices): ValidationChecks<MlArchAstType> {
    const facts = services.workspace.Facts;
    return {
        FeatureGroup: (group: FeatureGroup, accept: ValidationAcceptor) => {
            if (facts.tables.featureGroupConsumers.has(group)) {
                return;
            }
            report(accept, 'unused-feature-group', `No model consumes feature group '${group.name}'. Reference it from a model with \`trained on\` or \`consumes\`, or remove it.`, {
                node: group,
                property: 'name'
            });
        }
    };
}
