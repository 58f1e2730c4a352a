import { AstUtils, WorkspaceCache, type LangiumDocuments, type LangiumSharedCoreServices } from 'langium';
import {
    isEndpoint, isExperiment, isJob, isModel, isMonitor, isStep, isTrigger, isWorkflow,
    type Endpoint, type Experiment, type FeatureGroup, type Job, type Model, type Signal, type Step, type Trigger
} from '../generated/ast.js';
import { isNamedElement, qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';

/** Where a signal is emitted: a job, workflow, step or monitor. */
export type SignalEmitter = NamedElement | Step;

/**
 * Facts about the whole workspace that checks and views need: who emits and who subscribes to
 * each signal, which endpoints serve each model, which models consume each feature group, and
 * every element by qualified and simple name. Computed once per workspace state and dropped as
 * soon as any document changes.
 */
export interface WorkspaceFactTables {
    byQualifiedName: Map<string, NamedElement[]>;
    bySimpleName: Map<string, NamedElement[]>;
    signalEmitters: Map<Signal, SignalEmitter[]>;
    signalSubscribers: Map<Signal, Trigger[]>;
    endpointsServing: Map<Model, Endpoint[]>;
    experimentsUsing: Map<Model, Experiment[]>;
    featureGroupConsumers: Map<FeatureGroup, Model[]>;
    jobsWriting: Map<NamedElement, Job[]>;
    /** Models that lie on a dependency cycle, with the cycle as a list of models. */
    modelCycles: Map<Model, Model[]>;
}

export class WorkspaceFacts {

    protected readonly documents: LangiumDocuments;
    protected readonly cache: WorkspaceCache<'facts', WorkspaceFactTables>;

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.cache = new WorkspaceCache(shared);
    }

    get tables(): WorkspaceFactTables {
        return this.cache.get('facts', () => this.compute());
    }

    protected compute(): WorkspaceFactTables {
        const tables: WorkspaceFactTables = {
            byQualifiedName: new Map(),
            bySimpleName: new Map(),
            signalEmitters: new Map(),
            signalSubscribers: new Map(),
            endpointsServing: new Map(),
            experimentsUsing: new Map(),
            featureGroupConsumers: new Map(),
            jobsWriting: new Map(),
            modelCycles: new Map()
        };
        const models: Model[] = [];

        for (const document of this.documents.all) {
            for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
                if (isNamedElement(node) && node.name) {
                    push(tables.byQualifiedName, qualifiedNameOf(node), node);
                    push(tables.bySimpleName, node.name, node);
                }
                if (isModel(node)) {
                    models.push(node);
                    for (const ref of [...node.trainedOn, ...node.consumes]) {
                        const target = ref.ref;
                        if (target && target.$type === 'FeatureGroup') {
                            push(tables.featureGroupConsumers, target, node);
                        }
                    }
                }
                if (isEndpoint(node)) {
                    for (const ref of node.serves) {
                        if (ref.ref) {
                            push(tables.endpointsServing, ref.ref, node);
                        }
                    }
                }
                if (isExperiment(node)) {
                    for (const variant of node.variants) {
                        if (variant.model?.ref) {
                            push(tables.experimentsUsing, variant.model?.ref, node);
                        }
                    }
                }
                if (isJob(node)) {
                    for (const ref of node.writes) {
                        if (ref.ref) {
                            push(tables.jobsWriting, ref.ref, node);
                        }
                    }
                }
                if (isJob(node) || isWorkflow(node) || isStep(node) || isMonitor(node)) {
                    for (const ref of node.emits) {
                        if (ref.ref) {
                            push(tables.signalEmitters, ref.ref, node);
                        }
                    }
                }
                if (isTrigger(node) && node.signal?.ref) {
                    push(tables.signalSubscribers, node.signal.ref, node);
                }
            }
        }

        findModelCycles(models, tables.modelCycles);
        return tables;
    }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) {
        list.push(value);
    } else {
        map.set(key, [value]);
    }
}

/**
 * Finds the strongly connected components of the model dependency graph (Tarjan's algorithm,
 * iterative so that deep dependency chains cannot overflow the stack) and records every model on
 * a cycle together with its component.
 */
function findModelCycles(models: Model[], cycles: Map<Model, Model[]>): void {
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
        const work: Array<{ model: Model; next: number }> = [{ model: root, next: 0 }];
        index.set(root, counter);
        lowLink.set(root, counter++);
        stack.push(root);
        onStack.add(root);

        while (work.length > 0) {
            const frame = work[work.length - 1];
            const targets = successors(frame.model);
            if (frame.next < targets.length) {
                const target = targets[frame.next++];
                if (!index.has(target)) {
                    index.set(target, counter);
                    lowLink.set(target, counter++);
                    stack.push(target);
                    onStack.add(target);
                    work.push({ model: target, next: 0 });
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
