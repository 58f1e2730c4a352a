/**
 * Language-server part of the benchmark, on one generated workspace: start-up build, edit-to-
 * diagnostics, completion, go-to-definition, memory and edit-to-graph latency, all measured
 * through the real server process over JSON-RPC.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { LspSession, positionAt } from './lsp-session.js';
import { median, percentile } from './measure.js';

export interface LatencySummary {
    samples: number;
    medianMs: number;
    p95Ms: number;
}

export interface LspResult {
    files: number;
    initialBuildMs: number;
    /** Resident memory of the server after the start-up build, in MB. */
    residentMb: number;
    peakResidentMb: number;
    /** JavaScript heap after the start-up build in MB, when the server reports it. */
    heapMb?: number;
    typoToDiagnostics: LatencySummary;
    fixToClean: LatencySummary;
    completionWithPrefix: LatencySummary;
    completionWithoutPrefix: LatencySummary;
    definition: LatencySummary;
    editToGraph: LatencySummary;
    graphNodes: number;
}

const EDITS = 50;
const WARM_UP_EDITS = 5;
const REQUESTS = 100;
const GRAPH_EDITS = 5;
const INITIAL_BUILD_TIMEOUT_MS = 300_000;
const EDIT_TIMEOUT_MS = 30_000;

function summarize(samples: number[]): LatencySummary {
    return { samples: samples.length, medianMs: median(samples), p95Ms: percentile(samples, 95) };
}

async function timed<T>(action: () => Promise<T>): Promise<[number, T]> {
    const started = performance.now();
    const result = await action();
    return [performance.now() - started, result];
}

/** Returns the offset just after `prefix` in `text`, failing when the text lacks it. */
function offsetAfter(text: string, prefix: string, file: string): number {
    const index = text.indexOf(prefix);
    if (index < 0) {
        throw new Error(`${file} does not contain ${JSON.stringify(prefix)}; the generator changed.`);
    }
    return index + prefix.length;
}

export async function runLspBenchmark(serverBundle: string, folder: string, fileCount: number, log: (message: string) => void): Promise<LspResult> {
    const session = new LspSession(serverBundle);
    try {
        const [initialBuildMs] = await timed(() => session.initialize(folder, fileCount, INITIAL_BUILD_TIMEOUT_MS));
        const residentMb = session.residentMb();
        const peakResidentMb = session.peakResidentMb();
        const heapMb = await session.heapMb();
        log(`start-up build ${initialBuildMs.toFixed(0)} ms, RSS ${residentMb.toFixed(0)} MB`);

        // The first team's model file: its models are served, tested and depended on from other files.
        const modelsFile = path.join(folder, 'domains/personalization/homepage/models.mlarch');
        const uri = URI.file(modelsFile).toString();
        const original = fs.readFileSync(modelsFile, 'utf-8');
        await session.open(uri, original);

        // A typo in a `trained by` reference, then its fix: WARM_UP_EDITS times untimed, so that the
        // JIT compiler has seen the edit path as in an editing session, then EDITS times.
        const reference = /trained by (\w+)/.exec(original)!;
        const typoAt = reference.index + reference[0].length;
        const typo = original.slice(0, typoAt) + 'x' + original.slice(typoAt);
        const typoSamples: number[] = [];
        const fixSamples: number[] = [];
        for (let edit = 0; edit < WARM_UP_EDITS + EDITS; edit++) {
            const [typoMs] = await timed(async () => {
                const reported = session.waitFor(params => params.uri === uri && params.diagnostics.some(diagnostic => diagnostic.code === 'unresolved-reference'), EDIT_TIMEOUT_MS, 'the typo diagnostic');
                await session.change(uri, typo);
                await reported;
            });

            const [fixMs] = await timed(async () => {
                const cleared = session.waitFor(params => params.uri === uri && params.diagnostics.length === 0, EDIT_TIMEOUT_MS, 'the diagnostics to clear');
                await session.change(uri, original);
                await cleared;
            });
            if (edit >= WARM_UP_EDITS) {
                typoSamples.push(typoMs);
                fixSamples.push(fixMs);
            }
        }
        log(`edit to diagnostics: typo median ${median(typoSamples).toFixed(0)} ms, fix median ${median(fixSamples).toFixed(0)} ms`);

        // Completion in `consumes <name>`, with the first three letters typed and with none.
        const consumesAt = offsetAfter(original, '    consumes ', modelsFile);
        const withPrefix = positionAt(original, consumesAt + 3);
        const withoutPrefix = positionAt(original, consumesAt);
        const completionWithPrefix: number[] = [];
        const completionWithoutPrefix: number[] = [];
        for (let request = 0; request < REQUESTS; request++) {
            completionWithPrefix.push((await timed(() => session.completion(uri, withPrefix)))[0]);
            completionWithoutPrefix.push((await timed(() => session.completion(uri, withoutPrefix)))[0]);
        }

        // Go to the definition of the workflow in `trained by`, which is declared in another file.
        const definitionAt = positionAt(original, reference.index + 'trained by '.length + 2);
        const definitionSamples: number[] = [];
        for (let request = 0; request < REQUESTS; request++) {
            const [ms, result] = await timed(() => session.definition(uri, definitionAt));
            if (!Array.isArray(result) || result.length === 0) {
                throw new Error(`Go to definition returned no location for ${reference[1]}.`);
            }
            definitionSamples.push(ms);
        }
        log(`completion median ${median(completionWithPrefix).toFixed(1)} ms, definition median ${median(definitionSamples).toFixed(1)} ms`);

        // Rename a model's title, then request the lineage graph, which waits for the rebuild.
        const titleMatch = /^model (\w+) "([^"]+)"/m.exec(original)!;
        const graphSamples: number[] = [];
        let graphNodes = 0;
        for (let edit = 0; edit < GRAPH_EDITS; edit++) {
            const title = `${titleMatch[2]} ${edit + 1}`;
            const edited = original.replace(titleMatch[0], `model ${titleMatch[1]} "${title}"`);
            const [ms, graph] = await timed(async () => {
                await session.change(uri, edited);
                return session.connection.sendRequest('mlarch/graph', { view: 'lineage' }) as Promise<{ nodes: Array<{ id: string; label: string }> }>;
            });
            const node = graph.nodes.find(candidate => candidate.label === title);
            if (!node) {
                throw new Error(`The graph after the edit has no node labelled '${title}'.`);
            }
            graphNodes = graph.nodes.length;
            graphSamples.push(ms);
        }
        await session.change(uri, original);
        log(`edit to graph median ${median(graphSamples).toFixed(0)} ms (${graphNodes} nodes)`);

        return {
            files: fileCount,
            initialBuildMs,
            residentMb,
            peakResidentMb,
            heapMb,
            typoToDiagnostics: summarize(typoSamples),
            fixToClean: summarize(fixSamples),
            completionWithPrefix: summarize(completionWithPrefix),
            completionWithoutPrefix: summarize(completionWithoutPrefix),
            definition: summarize(definitionSamples),
            editToGraph: summarize(graphSamples),
            graphNodes
        };
    } finally {
        await session.close();
    }
}
