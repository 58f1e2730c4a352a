import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { MlArchAstType, Model } from '../../generated/ast.js';
import type { MlArchServices } from '../../mlarch-module.js';
import { report } from '../report.js';

/** Reports each `depends on` entry that closes a cycle of model dependencies. */
export function modelDependencyCycleCheck(services: MlArchServices): ValidationChecks<MlArchAstType> {
    const facts = services.workspace.Facts;
    return {
        Model: (model: Model, accept: ValidationAcceptor) => {
            const cycle = facts.tables.modelCycles.get(model);
            if (!cycle) {
                return;
            }
            const path = [...cycle, cycle[0]].map(member => member.name).join(' -> ');
            model.dependsOn.forEach((ref, index) => {
                if (ref.ref && cycle.includes(ref.ref)) {
                    report(accept, 'model-dependency-cycle', `Model '${model.name}' depends on '${ref.ref.name}', which closes a dependency cycle: ${path}. Remove one dependency of the cycle.`, {
                        node: model,
                        property: 'dependsOn',
                        index
                    });
                }
            });
        }
    };
}
