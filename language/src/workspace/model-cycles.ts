import type { Model } from '../generated/ast.js';

/**
 * Finds the strongly connected components of the model dependency graph (Tarjan's algorithm,
 * iterative so that deep dependency chains cannot overflow the stack) and records every model on
 * a cycle together with its component.
 */
export function findModelCycles(models: Model[], cycles: Map<Model, Model[]>): void {
    const index = new Map<Model, number>();
    const lowLink = new Map<Model, number>();
    const onStack = new Set<Model>();
    const stack: Model[] = [];
    let counter = 0;

    const successors = (model: Model): Model[] =>
        model.dependsOn.map(ref => ref.ref).filter((target): target is Model => target !== undefined);

    for (const root of models) {
        if (index.has(root)) {
            continue;
        }
        const work: Array<{ model: Model; targets: Model[]; next: number }> = [{ model: root, targets: successors(root), next: 0 }];
        index.set(root, counter);
        lowLink.set(root, counter++);
        stack.push(root);
        onStack.add(root);

        while (work.length > 0) {
            const frame = work[work.length - 1];
            const targets = frame.targets;
            if (frame.next < targets.length) {
                const target = targets[frame.next++];
                if (!index.has(target)) {
                    index.set(target, counter);
                    lowLink.set(target, counter++);
                    stack.push(target);
                    onStack.add(target);
                    work.push({ model: target, targets: successors(target), next: 0 });
                } else if (onStack.has(target)) {
                    lowLink.set(frame.model, Math.min(lowLink.get(frame.model)!, index.get(target)!));
                }
                continue;
            }

            work.pop();
            if (work.length > 0) {
                const parent = work[work.length - 1].model;
                lowLink.set(parent, Math.min(lowLink.get(parent)!, lowLink.get(frame.model)!));
            }
            if (lowLink.get(frame.model) !== index.get(frame.model)) {
                continue;
            }
            const component: Model[] = [];
            let member: Model;
            do {
                member = stack.pop()!;
                onStack.delete(member);
                component.push(member);
            } while (member !== frame.model);
            const selfLoop = component.length === 1 && successors(component[0]).includes(component[0]);
            if (component.length > 1 || selfLoop) {
                component.reverse();
                for (const model of component) {
                    cycles.set(model, component);
                }
            }
        }
    }
}
