/**
 * Preview part of the benchmark: for lineage views of about 50, 200 and 1,000 nodes, the time
 * to build the graph from linked documents, lay it out with ELK and render it to SVG. It uses
 * the shared modules of the preview, and each size runs in its own child process.
 */
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { buildArchitectureGraph } from '../language/src/graph/graph-builder.js';
import { layoutGraph } from '../language/src/graph/layout.js';
import { renderStandaloneSvg } from '../language/src/graph/svg-render.js';
import { createMlArchServices } from '../language/src/mlarch-module.js';
import { measureProcess, median } from './measure.js';
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
    /** Total of the first run, the first layout of a view of this size in the process. */
    firstTotalMs: number;
    /** Process CPU time of the whole step; ELK runs on this thread. */
    totalCpuMs: number;
    /** Set when the measurement did not finish within this many milliseconds. */
    timeoutMs?: number;
}

export interface PreviewResult {
    samples: PreviewSample[];
}

/** Workspace sizes whose lineage view has about the target number of nodes (about ten per model). */
const VIEW_SIZES = [
    { targetNodes: 50, models: 5, jobs: 14, runs: 5, timeoutMs: 120_000 },
    { targetNodes: 200, models: 20, jobs: 95, runs: 5, timeoutMs: 120_000 },
    { targetNodes: 1000, models: 100, jobs: 500, runs: 5, timeoutMs: 180_000 }
];
const CHILD_FLAG = '--measure-preview';

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

/** Builds, lays out and renders one view size `runs` times, after a warm-up run on the smallest view. */
async function measureViewSize(index: number): Promise<PreviewSample> {
    const size = VIEW_SIZES[index];
    const warmUp = await linkedDocuments(VIEW_SIZES[0].models, VIEW_SIZES[0].jobs);
    renderStandaloneSvg(await layoutGraph(buildArchitectureGraph(warmUp, 'lineage')));

    const documents = await linkedDocuments(size.models, size.jobs);
    const graphTimes: number[] = [];
    const layoutTimes: number[] = [];
    const renderTimes: number[] = [];
    const totals: number[] = [];
    const cpuTotals: number[] = [];
    let nodes = 0;
    let edges = 0;
    for (let run = 0; run < size.runs; run++) {
        const cpuStarted = process.cpuUsage();
        const started = performance.now();
        const graph = buildArchitectureGraph(documents, 'lineage');
        const built = performance.now();
        const layout = await layoutGraph(graph);
        const laidOut = performance.now();
        const svg = renderStandaloneSvg(layout);
        const rendered = performance.now();
        const cpu = process.cpuUsage(cpuStarted);
        if (!svg.includes('<svg')) {
            throw new Error(`The SVG renderer returned no SVG for the ${size.targetNodes}-node view.`);
        }
        nodes = graph.nodes.length;
        edges = graph.edges.length;
        graphTimes.push(built - started);
        layoutTimes.push(laidOut - built);
        renderTimes.push(rendered - laidOut);
        totals.push(rendered - started);
        cpuTotals.push((cpu.user + cpu.system) / 1000);
    }
    return {
        targetNodes: size.targetNodes,
        nodes,
        edges,
        runs: size.runs,
        graphMs: median(graphTimes),
        layoutMs: median(layoutTimes),
        renderMs: median(renderTimes),
        totalMs: median(totals),
        firstTotalMs: totals[0],
        totalCpuMs: median(cpuTotals)
    };
}

/**
 * Measures each view size in a child process, because ELK lays out synchronously and a large
 * view could otherwise exceed the benchmark's time budget with no way to stop it.
 */
export async function runPreviewBenchmark(log: (message: string) => void): Promise<PreviewResult> {
    const samples: PreviewSample[] = [];
    for (let index = 0; index < VIEW_SIZES.length; index++) {
        const size = VIEW_SIZES[index];
        const measured = await measureProcess(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), CHILD_FLAG, String(index)], {
            timeoutMs: size.timeoutMs
        });
        if (measured.exitCode === null) {
            log(`preview of ~${size.targetNodes} nodes did not finish in ${size.timeoutMs / 1000} s`);
            samples.push({ targetNodes: size.targetNodes, nodes: 0, edges: 0, runs: 0, graphMs: NaN, layoutMs: NaN, renderMs: NaN, totalMs: NaN, firstTotalMs: NaN, totalCpuMs: NaN, timeoutMs: size.timeoutMs });
            continue;
        }
        if (measured.exitCode !== 0) {
            throw new Error(`Measuring the ~${size.targetNodes}-node preview failed (exit code ${measured.exitCode}): ${measured.stderr.slice(-2000)}`);
        }
        const sample = JSON.parse(measured.stdout.trim().split('\n').pop()!) as PreviewSample;
        log(`preview of ${sample.nodes} nodes: ${sample.totalMs.toFixed(0)} ms`);
        samples.push(sample);
    }
    return { samples };
}

if (process.argv[2] === CHILD_FLAG) {
    measureViewSize(Number(process.argv[3])).then(sample => {
        console.log(JSON.stringify(sample));
    }).catch((error: unknown) => {
        console.error(error instanceof Error ? error.stack ?? error.message : String(error));
        process.exit(1);
    });
}
