import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { MlArchAstType, Step, Workflow } from '../../generated/ast.js';
import { report } from '../report.js';

/**
 * Checks the step DAG of a workflow: no cycles, and every step reachable from the start step,
 * which is the first step declared.
 */
export function workflowStepsCheck(): ValidationChecks<MlArchAstType> {
    return {
        Workflow: (workflow: Workflow, accept: ValidationAcceptor) => {
            if (workflow.steps.length === 0) {
                return;
            }
            reportCycles(workflow, accept);
            reportUnreachable(workflow, accept);
        }
    };
}

function successors(step: Step): Step[] {
    return step.next.map(ref => ref.ref).filter((target): target is Step => target !== undefined);
}

/** Reports each edge that points back into the current depth-first path. */
function reportCycles(workflow: Workflow, accept: ValidationAcceptor): void {
    const state = new Map<Step, 'active' | 'done'>();

    const visit = (root: Step): void => {
        const path: Step[] = [];
        const work: Array<{ step: Step; next: number }> = [{ step: root, next: 0 }];
        state.set(root, 'active');
        path.push(root);
        while (work.length > 0) {
            const frame = work[work.length - 1];
            const targets = successors(frame.step);
            if (frame.next >= targets.length) {
                state.set(frame.step, 'done');
                path.pop();
                work.pop();
                continue;
            }
            const edgeIndex = frame.next++;
            const target = targets[edgeIndex];
            const targetState = state.get(target);
            if (targetState === 'active') {
                const cycle = [...path.slice(path.indexOf(target)), target].map(step => step.name).join(' -> ');
                const refIndex = frame.step.next.findIndex(ref => ref.ref === target);
                report(accept, 'step-cycle', `Workflow '${workflow.name}' has a step cycle: ${cycle}. Remove the edge from '${frame.step.name}' to '${target.name}'.`, {
                    node: frame.step,
                    property: 'next',
                    index: refIndex
                });
            } else if (targetState === undefined) {
                state.set(target, 'active');
                path.push(target);
                work.push({ step: target, next: 0 });
            }
        }
    };

    for (const step of workflow.steps) {
        if (!state.has(step)) {
            visit(step);
        }
    }
}

function reportUnreachable(workflow: Workflow, accept: ValidationAcceptor): void {
    const start = workflow.steps[0];
    const reached = new Set<Step>([start]);
    const queue: Step[] = [start];
    while (queue.length > 0) {
        for (const target of successors(queue.shift()!)) {
            if (!reached.has(target)) {
                reached.add(target);
                queue.push(target);
            }
        }
    }
    for (const step of workflow.steps) {
        if (!reached.has(step)) {
            report(accept, 'unreachable-step', `Step '${step.name}' of workflow '${workflow.name}' cannot be reached from the start step '${start.name}'. Add an edge to it (\`step x -> ${step.name}\`) or remove it.`, {
                node: step,
                property: 'name'
            });
        }
    }
}
