/**
 * Preview part of the benchmark: for lineage views of about 50, 200 and 1,000 nodes, the time
 * to build the graph from linked documents, lay it out with ELK and render it to SVG, in this
 * process with the shared modules that the preview uses.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { buildArchitectureGraph } from '../language/src/graph/graph-builder.js';
import { layoutGraph } from '../language/src/graph/layout.js';
import { renderStandaloneSvg } from '../language/src/graph/svg-render.js';
import { createMlArchServices } from '../language/src/mlarch-module.js';
import { median } from './measure.js';
import { generateWorkspace } from './workspace-generator.js';

export interface PreviewSample {
    targetNodes: number;
    nodes: number;
    edges: number;
    runs: number;
    graphMs: number;
    layoutMs: number;
    renderMs: number;
    totalMs: number;
}

export interface PreviewResult {
    samples: PreviewSample[];
}

/** Workspace sizes whose lineage view has about the target number of nodes (about ten per model). */
const VIEW_SIZES = [
    { targetNodes: 50, models: 5, jobs: 14 },
    { targetNodes: 200, models: 20, jobs: 95 },
    { targetNodes: 1000, models: 100, jobs: 500 }
];
const RUNS = 5;

async function linkedDocuments(models: number, jobs: number): Promise<LangiumDocument[]> {
    const workspace = generateWorkspace({ models, jobs });
    const services = createMlArchServices(EmptyFileSystem).MlArch;
    const documents = [...workspace.files].map(([name, text]) => {
        const document = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(`/preview-bench/${name}`));
        services.shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: false });
    return documents;
}

export async function runPreviewBenchmark(log: (message: string) => void): Promise<PreviewResult> {
    const samples: PreviewSample[] = [];
    for (const size of VIEW_SIZES) {
        const documents = await linkedDocuments(size.models, size.jobs);
        const graphTimes: number[] = [];
        const layoutTimes: number[] = [];
        const renderTimes: number[] = [];
        const totals: number[] = [];
        let nodes = 0;
        let edges = 0;
        // One run more than reported: the first one also loads and compiles ELK.
        for (let run = 0; run <= RUNS; run++) {
            const started = performance.now();
            const graph = buildArchitectureGraph(documents, 'lineage');
            const built = performance.now();
            const layout = await layoutGraph(graph);
            const laidOut = performance.now();
            const svg = renderStandaloneSvg(layout);
            const rendered = performance.now();
            if (!svg.includes('<svg')) {
                throw new Error(`The SVG renderer returned no SVG for the ${size.targetNodes}-node view.`);
            }
            if (run === 0) {
                continue;
            }
            nodes = graph.nodes.length;
            edges = graph.edges.length;
            graphTimes.push(built - started);
            layoutTimes.push(laidOut - built);
            renderTimes.push(rendered - laidOut);
            totals.push(rendered - started);
        }
        const sample: PreviewSample = {
            targetNodes: size.targetNodes,
            nodes,
            edges,
            runs: RUNS,
            graphMs: median(graphTimes),
            layoutMs: median(layoutTimes),
            renderMs: median(renderTimes),
            totalMs: median(totals)
        };
        log(`preview of ${nodes} nodes: ${sample.totalMs.toFixed(0)} ms`);
        samples.push(sample);
    }
    return { samples };
}
