/**
 * Synthetic lineage graphs of any size, for the layout-stability test and the benchmark. The
 * graphs look like the lineage of a real platform: sources feed jobs, jobs write datasets and
 * feature groups, models train on those, endpoints serve models and components call endpoints.
 * A seeded generator makes every run produce the same graph.
 */
import type { ArchitectureGraph, EdgeKind, ElementKind, GraphEdge, GraphNode } from './graph-model.js';
import { LINEAGE_COLUMNS } from './lineage-view.js';

/** Share of each kind among the generated nodes; the shares add up to 1. */
const KIND_SHARES: ReadonlyArray<[ElementKind, number]> = [
    ['stream', 0.08],
    ['datastore', 0.07],
    ['job', 0.25],
    ['dataset', 0.15],
    ['featuregroup', 0.1],
    ['model', 0.15],
    ['endpoint', 0.09],
    ['experiment', 0.03],
    ['component', 0.08]
];

const COLUMN_OF_KIND: Partial<Record<ElementKind, number>> = {
    stream: LINEAGE_COLUMNS.source,
    datastore: LINEAGE_COLUMNS.source,
    job: LINEAGE_COLUMNS.processing,
    dataset: LINEAGE_COLUMNS.data,
    featuregroup: LINEAGE_COLUMNS.data,
    model: LINEAGE_COLUMNS.model,
    endpoint: LINEAGE_COLUMNS.serving,
    experiment: LINEAGE_COLUMNS.serving,
    component: LINEAGE_COLUMNS.consumer
};

/**
 * Generates a lineage graph with `size` nodes. Nodes of all kinds are interleaved in the node
 * list, as elements of a real workspace are spread over its files.
 */
export function generateLineageGraph(size: number, seed = 1): ArchitectureGraph {
    const random = seededRandom(seed);
    const kinds: ElementKind[] = [];
    for (const [kind, share] of KIND_SHARES) {
        const count = Math.max(1, Math.round(size * share));
        for (let index = 0; index < count; index++) {
            kinds.push(kind);
        }
    }
    kinds.length = Math.min(kinds.length, size);
    while (kinds.length < size) {
        kinds.push('job');
    }
    shuffle(kinds, random);

    const nodes = kinds.map((kind, index) => syntheticNode(kind, index));
    const graph: ArchitectureGraph = { view: 'lineage', nodes, edges: [] };
    for (const node of nodes) {
        addSyntheticEdges(graph, node, random);
    }
    return graph;
}

/**
 * Returns a copy of the graph with one more job in the middle of the node list, which reads two
 * existing sources and writes an existing dataset: the kind of edit a user makes in one go.
 */
export function addSyntheticJob(graph: ArchitectureGraph, seed = 2): ArchitectureGraph {
    const random = seededRandom(seed);
    const job = syntheticNode('job', graph.nodes.length);
    job.id = `added_job_${seed}`;
    job.label = `Added Job ${seed}`;
    const nodes = [...graph.nodes];
    nodes.splice(Math.floor(nodes.length / 2), 0, job);
    const changed: ArchitectureGraph = { ...graph, nodes, edges: [...graph.edges] };
    const sources = graph.nodes.filter(node => node.kind === 'stream' || node.kind === 'datastore');
    const datasets = graph.nodes.filter(node => node.kind === 'dataset');
    for (const source of pickDistinct(sources, 2, random)) {
        addEdge(changed, 'reads', source.id, job.id);
    }
    for (const dataset of pickDistinct(datasets, 1, random)) {
        addEdge(changed, 'writes', job.id, dataset.id);
    }
    return changed;
}

function syntheticNode(kind: ElementKind, index: number): GraphNode {
    const name = `${kind}_${index}`;
    const details: GraphNode['details'] = {};
    if (kind === 'model') {
        details.version = `${1 + index % 4}.${index % 10}`;
        details.status = index % 3 === 0 ? 'canary' : 'production';
    } else if (kind === 'job') {
        details.mode = index % 2 === 0 ? 'batch' : 'streaming';
        if (index % 5 === 0) {
            details.state = 'stateful';
        }
    }
    return { id: name, kind, label: `${kind[0].toUpperCase()}${kind.slice(1)} ${index}`, details, column: COLUMN_OF_KIND[kind] };
}

/** Adds the edges that an element of the node's kind declares in a real workspace. */
function addSyntheticEdges(graph: ArchitectureGraph, node: GraphNode, random: () => number): void {
    const ofKind = (...kinds: ElementKind[]): GraphNode[] => graph.nodes.filter(other => kinds.includes(other.kind) && other !== node);
    switch (node.kind) {
        case 'job':
            for (const source of pickDistinct(ofKind('stream', 'datastore', 'dataset'), 1 + Math.floor(random() * 2), random)) {
                addEdge(graph, 'reads', source.id, node.id);
            }
            for (const target of pickDistinct(ofKind('dataset', 'featuregroup'), 1 + Math.floor(random() * 2), random)) {
                addEdge(graph, 'writes', node.id, target.id);
            }
            break;
        case 'model':
            for (const data of pickDistinct(ofKind('dataset', 'featuregroup'), 1 + Math.floor(random() * 2), random)) {
                addEdge(graph, 'trains', data.id, node.id);
            }
            if (random() < 0.2) {
                for (const dependency of pickDistinct(ofKind('model'), 1, random)) {
                    addEdge(graph, 'depends', dependency.id, node.id);
                }
            }
            break;
        case 'endpoint':
            for (const model of pickDistinct(ofKind('model'), 1 + Math.floor(random() * 2), random)) {
                addEdge(graph, 'serves', model.id, node.id);
            }
            break;
        case 'experiment':
            for (const model of pickDistinct(ofKind('model'), 2, random)) {
                addEdge(graph, 'experiment', model.id, node.id);
            }
            break;
        case 'component':
            for (const endpoint of pickDistinct(ofKind('endpoint'), 1, random)) {
                addEdge(graph, 'consumer', endpoint.id, node.id);
            }
            break;
        default:
            break;
    }
}

function addEdge(graph: ArchitectureGraph, kind: EdgeKind, source: string, target: string): void {
    const edge: GraphEdge = { id: `${kind}:${source}->${target}`, source, target, kind };
    if (!graph.edges.some(existing => existing.id === edge.id)) {
        graph.edges.push(edge);
    }
}

function pickDistinct<T>(items: T[], count: number, random: () => number): T[] {
    const pool = [...items];
    const picked: T[] = [];
    while (picked.length < count && pool.length > 0) {
        picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
    }
    return picked;
}

function shuffle<T>(items: T[], random: () => number): void {
    for (let index = items.length - 1; index > 0; index--) {
        const other = Math.floor(random() * (index + 1));
        [items[index], items[other]] = [items[other], items[index]];
    }
}

/** Mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let value = state;
        value = Math.imul(value ^ (value >>> 15), value | 1);
        value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
        return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
    };
}
