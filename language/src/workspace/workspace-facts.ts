import { AstUtils, DocumentState, type AstNode, type LangiumDocument, type LangiumDocuments, type LangiumSharedCoreServices, type URI } from 'langium';
import {
    type Endpoint, type Experiment, type FeatureGroup, type Job, type Model, type Signal, type Step, type Trigger
} from '../generated/ast.js';
import { isNamedElement, qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import { findModelCycles } from './model-cycles.js';

/** Element or step that emits a signal: a job, workflow, step, monitor, component or datastore. */
export type SignalEmitter = NamedElement | Step;

/**
 * Facts about the whole workspace that checks and views need: who emits and who subscribes to
 * each signal, which endpoints serve each model, which models consume each feature group, and
 * every element by qualified and simple name. Every list is ordered by document URI and then by
 * position in the document, so an incremental update and a cold build give the same lists.
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

/** Contribution of one document to the fact tables, kept so that it can be taken out again. */
interface DocumentFacts {
    elements: Array<[string, NamedElement]>;
    signalEmitters: Array<[Signal, SignalEmitter]>;
    signalSubscribers: Array<[Signal, Trigger]>;
    endpointsServing: Array<[Model, Endpoint]>;
    experimentsUsing: Array<[Model, Experiment]>;
    featureGroupConsumers: Array<[FeatureGroup, Model]>;
    jobsWriting: Array<[NamedElement, Job]>;
    models: Model[];
    /** `depends on` edges as `model -> dependency`. */
    dependencies: Array<[Model, Model]>;
    /** Reference texts without a dot: the ambiguous-reference check looks these up by simple name. */
    simpleNameReferences: Set<string>;
}

/** Keys whose facts a set of document updates touched. */
interface TouchedKeys {
    qualifiedNames: Set<string>;
    simpleNames: Set<string>;
    signals: Set<Signal>;
    models: Set<Model>;
    featureGroups: Set<FeatureGroup>;
    dependenciesChanged: boolean;
}

/**
 * Maintains the fact tables incrementally. Each document's contribution is computed after the
 * document is linked and replaces its previous contribution, so an edit costs work in proportion
 * to the edited documents, not to the workspace.
 *
 * Besides the tables, each update yields the documents whose diagnostics may depend on the
 * changed facts although nothing in them changed: the document that declares a signal whose
 * last subscriber was removed elsewhere, for example. The document builder validates those
 * documents again (see `MlArchDocumentBuilder`).
 */
export class WorkspaceFacts {

    protected readonly documents: LangiumDocuments;
    protected readonly contributions = new Map<string, DocumentFacts>();
    /** Documents whose contribution is out of date, by URI. */
    protected readonly stale = new Map<string, URI>();
    /** URIs of unchanged documents whose fact-based diagnostics may have changed, until taken. */
    protected readonly dependents = new Set<string>();
    /** URI of each document with unqualified references to a simple name, by that name. */
    protected readonly simpleNameReferrers = new Map<string, Set<string>>();
    protected readonly current: WorkspaceFactTables = {
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

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        const builder = shared.workspace.DocumentBuilder;
        // A document's contribution depends on its syntax tree and on what its references resolve to.
        builder.onDocumentPhase(DocumentState.Linked, document => {
            this.stale.set(document.uri.toString(), document.uri);
        });
        builder.onUpdate((changed, deleted) => {
            for (const uri of [...changed, ...deleted]) {
                this.stale.set(uri.toString(), uri);
            }
        });
    }

    get tables(): WorkspaceFactTables {
        this.refresh();
        return this.current;
    }

    /**
     * Returns true when the document refers by simple name to a name that several elements
     * carry, which is when the ambiguous-reference check has something to look at.
     */
    referencesSharedSimpleName(document: LangiumDocument): boolean {
        this.refresh();
        const facts = this.contributions.get(document.uri.toString());
        if (!facts) {
            return true;
        }
        for (const name of facts.simpleNameReferences) {
            if ((this.current.bySimpleName.get(name)?.length ?? 0) > 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Brings the tables up to date and returns the URIs of the documents whose fact-based
     * diagnostics may have changed since the last call, and clears that set.
     */
    takeDependentDocuments(): Set<string> {
        this.refresh();
        const taken = new Set(this.dependents);
        this.dependents.clear();
        return taken;
    }

    /** Replaces the contribution of every stale document. */
    protected refresh(): void {
        if (this.stale.size === 0) {
            return;
        }
        // A first computation has no earlier diagnostics that could be out of date.
        const initial = this.contributions.size === 0;
        const updates: Array<[string, DocumentFacts | undefined, DocumentFacts | undefined]> = [];
        // In URI order, so that a first computation appends every list entry in its final place.
        const staleInOrder = [...this.stale].sort(([a], [b]) => compareUris(a, b));
        for (const [uri, parsedUri] of staleInOrder) {
            const document = this.documents.getDocument(parsedUri);
            updates.push([uri, this.contributions.get(uri), document ? collectDocumentFacts(document) : undefined]);
        }
        this.stale.clear();

        const touched = initial ? undefined : touchedKeys(updates);
        // The cycles map contains model objects, so a re-parsed model on a cycle needs the cycles recomputed.
        if (touched && updates.some(([, previous]) => previous?.models.some(model => this.current.modelCycles.has(model)))) {
            touched.dependenciesChanged = true;
        }
        const before = touched ? this.describeTouched(touched) : undefined;
        for (const [uri, previous, next] of updates) {
            if (previous) {
                this.remove(uri, previous);
            }
            if (next) {
                this.add(uri, next);
            } else {
                this.contributions.delete(uri);
            }
        }
        const cyclesChanged = !touched || touched.dependenciesChanged;
        const cyclesBefore = cyclesChanged ? new Map(this.current.modelCycles) : undefined;
        if (cyclesChanged) {
            this.computeModelCycles();
        }
        if (touched && before) {
            this.collectDependents(touched, before, this.describeTouched(touched));
            if (cyclesBefore) {
                this.collectCycleDependents(cyclesBefore);
            }
        }
    }

    protected add(uri: string, facts: DocumentFacts): void {
        const tables = this.current;
        this.contributions.set(uri, facts);
        for (const [qualifiedName, element] of facts.elements) {
            insertOrdered(tables.byQualifiedName, qualifiedName, element);
            insertOrdered(tables.bySimpleName, element.name, element);
        }
        facts.signalEmitters.forEach(([signal, emitter]) => insertOrdered(tables.signalEmitters, signal, emitter));
        facts.signalSubscribers.forEach(([signal, trigger]) => insertOrdered(tables.signalSubscribers, signal, trigger));
        facts.endpointsServing.forEach(([model, endpoint]) => insertOrdered(tables.endpointsServing, model, endpoint));
        facts.experimentsUsing.forEach(([model, experiment]) => insertOrdered(tables.experimentsUsing, model, experiment));
        facts.featureGroupConsumers.forEach(([group, model]) => insertOrdered(tables.featureGroupConsumers, group, model));
        facts.jobsWriting.forEach(([target, job]) => insertOrdered(tables.jobsWriting, target, job));
        for (const name of facts.simpleNameReferences) {
            let referrers = this.simpleNameReferrers.get(name);
            if (!referrers) {
                referrers = new Set();
                this.simpleNameReferrers.set(name, referrers);
            }
            referrers.add(uri);
        }
    }

    protected remove(uri: string, facts: DocumentFacts): void {
        const tables = this.current;
        for (const [qualifiedName, element] of facts.elements) {
            removeValue(tables.byQualifiedName, qualifiedName, element);
            removeValue(tables.bySimpleName, element.name, element);
        }
        facts.signalEmitters.forEach(([signal, emitter]) => removeValue(tables.signalEmitters, signal, emitter));
        facts.signalSubscribers.forEach(([signal, trigger]) => removeValue(tables.signalSubscribers, signal, trigger));
        facts.endpointsServing.forEach(([model, endpoint]) => removeValue(tables.endpointsServing, model, endpoint));
        facts.experimentsUsing.forEach(([model, experiment]) => removeValue(tables.experimentsUsing, model, experiment));
        facts.featureGroupConsumers.forEach(([group, model]) => removeValue(tables.featureGroupConsumers, group, model));
        facts.jobsWriting.forEach(([target, job]) => removeValue(tables.jobsWriting, target, job));
        for (const name of facts.simpleNameReferences) {
            const referrers = this.simpleNameReferrers.get(name);
            referrers?.delete(uri);
            if (referrers?.size === 0) {
                this.simpleNameReferrers.delete(name);
            }
        }
    }

    /** Recomputes the dependency cycles over every model, in document order. */
    protected computeModelCycles(): void {
        const models: Model[] = [];
        for (const uri of [...this.contributions.keys()].sort()) {
            models.push(...this.contributions.get(uri)!.models);
        }
        this.current.modelCycles.clear();
        findModelCycles(models, this.current.modelCycles);
    }

    /**
     * Describes, for each touched key, every fact that a check reads about it, so that comparing
     * the descriptions before and after an update shows which diagnostics may change.
     */
    protected describeTouched(touched: TouchedKeys): Map<unknown, string> {
        const tables = this.current;
        const descriptions = new Map<unknown, string>();
        for (const name of touched.qualifiedNames) {
            descriptions.set(`qualified:${name}`, describeDeclarations(tables.byQualifiedName.get(name)));
        }
        for (const name of touched.simpleNames) {
            descriptions.set(`simple:${name}`, describeDeclarations(tables.bySimpleName.get(name)));
        }
        for (const signal of touched.signals) {
            const emitters = tables.signalEmitters.get(signal)?.length ?? 0;
            const subscribers = tables.signalSubscribers.get(signal)?.length ?? 0;
            descriptions.set(signal, `${emitters > 0} ${subscribers}`);
        }
        for (const model of touched.models) {
            const endpoints = tables.endpointsServing.get(model) ?? [];
            descriptions.set(model, `${endpoints.length > 0} ${endpoints.some(endpoint => endpoint.modes.includes('realtime'))}`);
        }
        for (const group of touched.featureGroups) {
            descriptions.set(group, String(tables.featureGroupConsumers.has(group)));
        }
        return descriptions;
    }

    protected collectDependents(touched: TouchedKeys, before: Map<unknown, string>, after: Map<unknown, string>): void {
        const tables = this.current;
        const changed = (key: unknown): boolean => before.get(key) !== after.get(key);
        for (const name of touched.qualifiedNames) {
            // Related information of duplicate-name points at the other declarations, which may have moved.
            const declarations = tables.byQualifiedName.get(name) ?? [];
            if (changed(`qualified:${name}`) || declarations.length > 1) {
                declarations.forEach(element => this.addDependent(element));
            }
        }
        for (const name of touched.simpleNames) {
            const key = `simple:${name}`;
            const shared = (tables.bySimpleName.get(name)?.length ?? 0) > 1 || before.get(key)?.includes('\n');
            if (changed(key) || shared) {
                for (const uri of this.simpleNameReferrers.get(name) ?? []) {
                    this.dependents.add(uri);
                }
            }
        }
        for (const signal of touched.signals) {
            if (changed(signal)) {
                this.addDependent(signal);
            }
        }
        for (const model of touched.models) {
            if (changed(model)) {
                this.addDependent(model);
                (tables.experimentsUsing.get(model) ?? []).forEach(experiment => this.addDependent(experiment));
            }
        }
        for (const group of touched.featureGroups) {
            if (changed(group)) {
                this.addDependent(group);
            }
        }
    }

    protected collectCycleDependents(cyclesBefore: Map<Model, Model[]>): void {
        const describe = (cycle: Model[] | undefined): string => cycle?.map(model => model.name).join(' ') ?? '';
        for (const model of new Set([...cyclesBefore.keys(), ...this.current.modelCycles.keys()])) {
            if (describe(cyclesBefore.get(model)) !== describe(this.current.modelCycles.get(model))) {
                this.addDependent(model);
            }
        }
    }

    /** Records the document of a node, unless the node belongs to a syntax tree that was replaced. */
    protected addDependent(node: AstNode): void {
        const root = AstUtils.findRootNode(node);
        const document = root.$document;
        if (document && document.parseResult.value === root && this.contributions.has(document.uri.toString())) {
            this.dependents.add(document.uri.toString());
        }
    }
}

/** Node types that emit signals with an `emits` list. */
const EMITTER_TYPES = new Set(['Job', 'Workflow', 'Step', 'Monitor', 'Component', 'Datastore']);

/**
 * Collects everything that one document adds to the fact tables. It dispatches on `$type`
 * instead of calling a type guard per kind, because it visits every node of the workspace.
 */
export function collectDocumentFacts(document: LangiumDocument): DocumentFacts {
    const facts: DocumentFacts = {
        elements: [],
        signalEmitters: [],
        signalSubscribers: [],
        endpointsServing: [],
        experimentsUsing: [],
        featureGroupConsumers: [],
        jobsWriting: [],
        models: [],
        dependencies: [],
        simpleNameReferences: new Set()
    };
    for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
        if (isNamedElement(node) && node.name) {
            facts.elements.push([qualifiedNameOf(node), node]);
        }
        if (EMITTER_TYPES.has(node.$type)) {
            for (const ref of (node as Job | Step).emits) {
                if (ref.ref) {
                    facts.signalEmitters.push([ref.ref, node as SignalEmitter]);
                }
            }
        }
        switch (node.$type) {
            case 'Model': {
                const model = node as Model;
                facts.models.push(model);
                for (const ref of [...model.trainedOn, ...model.consumes]) {
                    const target = ref.ref;
                    if (target && target.$type === 'FeatureGroup') {
                        facts.featureGroupConsumers.push([target, model]);
                    }
                }
                for (const ref of model.dependsOn) {
                    if (ref.ref) {
                        facts.dependencies.push([model, ref.ref]);
                    }
                }
                break;
            }
            case 'Endpoint':
                for (const ref of (node as Endpoint).serves) {
                    if (ref.ref) {
                        facts.endpointsServing.push([ref.ref, node as Endpoint]);
                    }
                }
                break;
            case 'Experiment':
                for (const variant of (node as Experiment).variants) {
                    if (variant.model?.ref) {
                        facts.experimentsUsing.push([variant.model.ref, node as Experiment]);
                    }
                }
                break;
            case 'Job':
                for (const ref of (node as Job).writes) {
                    if (ref.ref) {
                        facts.jobsWriting.push([ref.ref, node as Job]);
                    }
                }
                break;
            case 'Trigger': {
                const signal = (node as Trigger).signal?.ref;
                if (signal) {
                    facts.signalSubscribers.push([signal, node as Trigger]);
                }
                break;
            }
        }
    }
    // Step successors (`->`) are included too; they only make the dependents a little broader.
    for (const reference of document.references) {
        const text = reference.$refText;
        if (text && !text.includes('.')) {
            facts.simpleNameReferences.add(text);
        }
    }
    return facts;
}

function touchedKeys(updates: Array<[string, DocumentFacts | undefined, DocumentFacts | undefined]>): TouchedKeys {
    const touched: TouchedKeys = {
        qualifiedNames: new Set(),
        simpleNames: new Set(),
        signals: new Set(),
        models: new Set(),
        featureGroups: new Set(),
        dependenciesChanged: false
    };
    for (const [, previous, next] of updates) {
        for (const facts of [previous, next]) {
            if (!facts) {
                continue;
            }
            for (const [qualifiedName, element] of facts.elements) {
                touched.qualifiedNames.add(qualifiedName);
                touched.simpleNames.add(element.name);
            }
            facts.signalEmitters.forEach(([signal]) => touched.signals.add(signal));
            facts.signalSubscribers.forEach(([signal]) => touched.signals.add(signal));
            facts.endpointsServing.forEach(([model]) => touched.models.add(model));
            facts.featureGroupConsumers.forEach(([group]) => touched.featureGroups.add(group));
        }
        if (dependencyEdges(previous) !== dependencyEdges(next)) {
            touched.dependenciesChanged = true;
        }
    }
    return touched;
}

/** Describes the `depends on` edges of a contribution by qualified names, one a line. */
function dependencyEdges(facts: DocumentFacts | undefined): string {
    return (facts?.dependencies ?? []).map(([model, dependency]) => `${qualifiedNameOf(model)} ${qualifiedNameOf(dependency)}`).join('\n');
}

/** Describes the declarations of a name by document and position, one a line. */
function describeDeclarations(elements: NamedElement[] | undefined): string {
    return (elements ?? []).map(element => `${AstUtils.getDocument(element).uri.toString()}@${element.$cstNode?.offset}`).join('\n');
}

/** Orders URIs by UTF-16 code units, as `Array.prototype.sort` does by default. */
function compareUris(a: string, b: string): number {
    if (a === b) {
        return 0;
    }
    return a < b ? -1 : 1;
}

/** Orders nodes by document URI and then by position in the document. */
function compareNodes(a: AstNode, b: AstNode): number {
    const byUri = compareUris(AstUtils.getDocument(a).uri.toString(), AstUtils.getDocument(b).uri.toString());
    if (byUri !== 0) {
        return byUri;
    }
    return (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0);
}

function insertOrdered<K, V extends AstNode>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (!list) {
        map.set(key, [value]);
        return;
    }
    let index = list.length;
    while (index > 0 && compareNodes(list[index - 1], value) > 0) {
        index--;
    }
    list.splice(index, 0, value);
}

function removeValue<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (!list) {
        return;
    }
    const index = list.indexOf(value);
    if (index >= 0) {
        list.splice(index, 1);
    }
    if (list.length === 0) {
        map.delete(key);
    }
}
