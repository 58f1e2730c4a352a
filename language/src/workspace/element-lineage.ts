import { AstUtils, WorkspaceCache, type AstNode, type LangiumDocuments, type LangiumSharedCoreServices, type Reference } from 'langium';
import { isEndpoint, isExperiment, isFeatureGroup, isJob, isModel } from '../generated/ast.js';
import { isNamedElement, type NamedElement } from '../references/qualified-names.js';

/** Kind of lineage edge from an upstream to a downstream element. Each kind is one kind of reference. */
export type LineageRelation =
    | 'reads'        // job reads a data source
    | 'writes'       // job writes a data source
    | 'source'       // job computes a feature group
    | 'trained-on'   // dataset or feature group is training data of a model
    | 'trained-by'   // workflow trains a model
    | 'consumes'     // model consumes a feature group at inference time
    | 'depends-on'   // model uses another model's output
    | 'serves'       // endpoint serves a model
    | 'experiment'   // experiment variant uses a model
    | 'consumer';    // component or other element calls an endpoint

/**
 * One edge of the lineage graph, pointing downstream. `holder` is the node whose source text
 * contains the reference that declares the edge: the downstream element for `trained on`, the
 * upstream one for `writes`, a variant for experiments.
 */
export interface LineageEdge {
    upstream: NamedElement;
    downstream: NamedElement;
    relation: LineageRelation;
    holder: AstNode;
    reference: Reference;
}

interface LineageTables {
    upstream: Map<NamedElement, LineageEdge[]>;
    downstream: Map<NamedElement, LineageEdge[]>;
}

/**
 * The lineage graph of the workspace: which elements feed which, from data sources through jobs,
 * feature groups and models to endpoints, experiments and their consumers. Generic `uses`
 * relations, an experiment's `feeds` (a back edge that closes the loop) and monitors are not part
 * of it. Computed once per workspace state, like WorkspaceFacts.
 */
export class ElementLineage {

    protected readonly documents: LangiumDocuments;
    protected readonly cache: WorkspaceCache<'lineage', LineageTables>;

    constructor(shared: LangiumSharedCoreServices) {
        this.documents = shared.workspace.LangiumDocuments;
        this.cache = new WorkspaceCache(shared);
    }

    /** Returns the edges into an element: what it reads, is trained on, depends on, and so on. */
    upstreamOf(element: NamedElement): LineageEdge[] {
        return this.tables.upstream.get(element) ?? [];
    }

    /** Returns the edges out of an element: what it writes, and what trains on, serves or uses it. */
    downstreamOf(element: NamedElement): LineageEdge[] {
        return this.tables.downstream.get(element) ?? [];
    }

    protected get tables(): LineageTables {
        return this.cache.get('lineage', () => this.compute());
    }

    protected compute(): LineageTables {
        const tables: LineageTables = { upstream: new Map(), downstream: new Map() };
        const add = (upstream: AstNode | undefined, downstream: AstNode | undefined, relation: LineageRelation, holder: AstNode, reference: Reference): void => {
            if (!isNamedElement(upstream) || !isNamedElement(downstream)) {
                return;
            }
            const edge: LineageEdge = { upstream, downstream, relation, holder, reference };
            push(tables.downstream, upstream, edge);
            push(tables.upstream, downstream, edge);
        };

        for (const document of this.documents.all) {
            for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
                if (isJob(node)) {
                    node.reads.forEach(ref => add(ref.ref, node, 'reads', node, ref));
                    node.writes.forEach(ref => add(node, ref.ref, 'writes', node, ref));
                } else if (isFeatureGroup(node)) {
                    node.sources.forEach(ref => add(ref.ref, node, 'source', node, ref));
                } else if (isModel(node)) {
                    node.trainedOn.forEach(ref => add(ref.ref, node, 'trained-on', node, ref));
                    if (node.trainedBy) {
                        add(node.trainedBy.ref, node, 'trained-by', node, node.trainedBy);
                    }
                    node.consumes.forEach(ref => add(ref.ref, node, 'consumes', node, ref));
                    node.dependsOn.forEach(ref => add(ref.ref, node, 'depends-on', node, ref));
                } else if (isEndpoint(node)) {
                    node.serves.forEach(ref => add(ref.ref, node, 'serves', node, ref));
                    node.consumers.forEach(ref => add(node, ref.ref, 'consumer', node, ref));
                } else if (isExperiment(node)) {
                    // A variant of a document with syntax errors can lack its model reference.
                    node.variants.forEach(variant => variant.model && add(variant.model.ref, node, 'experiment', variant, variant.model));
                }
            }
        }
        return tables;
    }
}

/** Returns the distinct elements at the other end of the edges, in edge order. */
export function distinctEnds(edges: LineageEdge[], end: 'upstream' | 'downstream'): NamedElement[] {
    return [...new Set(edges.map(edge => edge[end]))];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
    const list = map.get(key);
    if (list) {
        list.push(value);
    } else {
        map.set(key, [value]);
    }
}
