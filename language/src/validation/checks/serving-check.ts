import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Endpoint, MlArchAstType, Model } from '../../generated/ast.js';
import type { MlArchServices } from '../../mlarch-module.js';
import { report } from '../report.js';

const INACTIVE_STATUSES = new Set(['deprecated', 'retired']);

/**
 * Checks that serving matches the models' metadata: a real-time model needs a real-time
 * endpoint, and no endpoint serves a deprecated or retired model.
 */
export function servingCheck(services: MlArchServices): ValidationChecks<MlArchAstType> {
    const facts = services.workspace.Facts;
    return {
        Model: (model: Model, accept: ValidationAcceptor) => {
            if (!model.servingModes.includes('realtime')) {
                return;
            }
            const endpoints = facts.tables.endpointsServing.get(model) ?? [];
            if (endpoints.some(endpoint => endpoint.modes.includes('realtime'))) {
                return;
            }
            const index = model.servingModes.indexOf('realtime');
            report(accept, 'realtime-model-not-served', `Model '${model.name}' is marked real-time, but no real-time endpoint serves it. Add it to the \`serves\` list of an endpoint with \`mode realtime\`, or change its serving mode.`, {
                node: model,
                property: 'servingModes',
                index
            });
        },
        Endpoint: (endpoint: Endpoint, accept: ValidationAcceptor) => {
            endpoint.serves.forEach((ref, index) => {
                const model = ref.ref;
                if (model?.status && INACTIVE_STATUSES.has(model.status)) {
                    report(accept, 'endpoint-serves-inactive-model', `Endpoint '${endpoint.name}' serves model '${model.name}', whose status is ${model.status}. Serve its successor or remove it from \`serves\`.`, {
                        node: endpoint,
                        property: 'serves',
                        index
                    });
                }
            });
        }
    };
}
