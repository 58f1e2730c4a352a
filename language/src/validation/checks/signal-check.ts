import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { MlArchAstType, Signal } from '../../generated/ast.js';
import type { MlArchServices } from '../../mlarch-module.js';
import { report } from '../report.js';

/**
 * Reports signals that something subscribes to but nothing emits (the subscriber never runs)
 * and signals that are emitted but that nothing subscribes to (nobody reacts).
 */
export function signalCheck(services: MlArchServices): ValidationChecks<MlArchAstType> {
    const facts = services.workspace.Facts;
    return {
        Signal: (signal: Signal, accept: ValidationAcceptor) => {
            const emitters = facts.tables.signalEmitters.get(signal) ?? [];
            const subscribers = facts.tables.signalSubscribers.get(signal) ?? [];
            if (subscribers.length > 0 && emitters.length === 0) {
                report(accept, 'signal-never-emitted', `Signal '${signal.name}' has ${subscribers.length} subscriber(s) but nothing emits it, so they never trigger. Add \`emits ${signal.name}\` to the element that raises it (a job, workflow, step, monitor, component or datastore).`, {
                    node: signal,
                    property: 'name'
                });
            }
            if (emitters.length > 0 && subscribers.length === 0) {
                report(accept, 'signal-never-subscribed', `Signal '${signal.name}' is emitted but nothing subscribes to it. Add \`trigger on ${signal.name}\` to the workflow or job that reacts to it, or stop emitting it.`, {
                    node: signal,
                    property: 'name'
                });
            }
        }
    };
}
