/**
 * Formats the benchmark results as the Markdown page BENCHMARKS.md, with a table of the
 * performance targets and whether each one is met.
 */
import type { LikeC4Result } from './likec4-bench.js';
import type { LatencySummary, LspResult } from './lsp-bench.js';
import type { PreviewResult } from './preview-bench.js';
import type { WorkspaceSizeName } from './workspace-generator.js';

export interface CheckResult {
    size: WorkspaceSizeName;
    models: number;
    jobs: number;
    files: number;
    runs: number;
    wallMs: number;
    cpuMs: number;
    peakRssMb: number;
}

export interface ReportInput {
    cores: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    date: string;
    command: string;
    durationS: number;
    /** One-minute load average when the run started and when it ended. */
    loadStart: number;
    loadEnd: number;
    checks: CheckResult[];
    lsp?: LspResult;
    preview?: PreviewResult;
    likec4?: LikeC4Result;
}

interface Target {
    name: string;
    goal: string;
    /** Measured value in the goal's unit, or undefined when the part did not run. */
    measured?: number;
    limit: number;
    unit: string;
    /** True when a larger value is better (a speed-up ratio). */
    higherIsBetter?: boolean;
}

function ms(value: number): string {
    return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

function seconds(valueMs: number): string {
    return `${(valueMs / 1000).toFixed(2)} s`;
}

function mb(value: number): string {
    return `${value.toFixed(0)} MB`;
}

function table(header: string[], rows: string[][]): string {
    const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
    for (const row of rows) {
        lines.push(`| ${row.join(' | ')} |`);
    }
    return lines.join('\n');
}

function targetsOf(input: ReportInput): Target[] {
    const netflixCheck = input.checks.find(check => check.size === 'netflix');
    const netflixComparison = input.likec4?.comparisons.find(comparison => comparison.size === 'netflix' && comparison.likec4);
    const largestComparison = netflixComparison ?? [...(input.likec4?.comparisons ?? [])].reverse().find(comparison => comparison.likec4);
    // A view that did not finish counts with its time limit, which is a lower bound.
    const preview = (nodes: number): number | undefined => {
        const sample = input.preview?.samples.find(candidate => candidate.targetNodes === nodes);
        return sample?.timeoutMs ?? sample?.totalMs;
    };
    const lsp = input.lsp;
    return [
        { name: 'Cold `mlarch check`, Netflix size', goal: '< 3 s', measured: netflixCheck?.wallMs, limit: 3000, unit: 'ms' },
        {
            name: `Faster than LikeC4 at equal size (${largestComparison?.size ?? 'no size'}, wall time)`,
            goal: '≥ 3×',
            measured: largestComparison?.likec4 ? largestComparison.likec4.wallMs / largestComparison.mlarch.wallMs : undefined,
            limit: 3,
            unit: '×',
            higherIsBetter: true
        },
        { name: 'Edit to diagnostics (typo), p95', goal: '< 50 ms', measured: lsp?.typoToDiagnostics.p95Ms, limit: 50, unit: 'ms' },
        { name: 'Edit to diagnostics (fix), p95', goal: '< 50 ms', measured: lsp?.fixToClean.p95Ms, limit: 50, unit: 'ms' },
        { name: 'Completion with a typed prefix, p95', goal: '< 30 ms', measured: lsp?.completionWithPrefix.p95Ms, limit: 30, unit: 'ms' },
        { name: 'Go to definition, p95', goal: '< 10 ms', measured: lsp?.definition.p95Ms, limit: 10, unit: 'ms' },
        { name: '200-node preview (graph, layout, SVG)', goal: '< 300 ms', measured: preview(200), limit: 300, unit: 'ms' },
        { name: '1,000-node preview (graph, layout, SVG)', goal: '< 1.5 s', measured: preview(1000), limit: 1500, unit: 'ms' },
        lsp?.heapMb === undefined
            ? { name: 'Server memory after start-up (RSS, an upper bound of the heap)', goal: '< 600 MB', measured: lsp?.residentMb, limit: 600, unit: 'MB' }
            : { name: 'Server heap after start-up (after a full GC)', goal: '< 600 MB', measured: lsp.heapMb, limit: 600, unit: 'MB' }
    ];
}

function formatTarget(target: Target): string[] {
    if (target.measured === undefined) {
        return [target.name, target.goal, 'not measured', '–'];
    }
    const value = target.unit === 'ms' ? (target.measured >= 1000 ? seconds(target.measured) : ms(target.measured))
        : target.unit === '×' ? `${target.measured.toFixed(1)}×` : `${target.measured.toFixed(0)} ${target.unit}`;
    const met = target.higherIsBetter ? target.measured >= target.limit : target.measured < target.limit;
    const factor = target.higherIsBetter ? target.limit / target.measured : target.measured / target.limit;
    return [target.name, target.goal, value, met ? 'yes' : `no (${factor.toFixed(1)}× the goal)`];
}

function latencyRow(name: string, summary: LatencySummary): string[] {
    return [name, ms(summary.medianMs), ms(summary.p95Ms), String(summary.samples)];
}

export function formatReport(input: ReportInput): string {
    const parts: string[] = [];
    parts.push('# Benchmarks', '');
    parts.push(
        'Measured by `bench/run.ts` on generated workspaces (`bench/workspace-generator.ts`): small (50 models, 250 jobs), ' +
        'medium (300 models, 1,500 jobs) and Netflix size (3,000 models, 15,000 jobs). Every generated workspace checks with ' +
        'no diagnostics; the benchmark fails otherwise.',
        ''
    );
    parts.push(table(['Run', 'Value'], [
        ['Command', `\`${input.command}\``],
        ['Date', input.date],
        ['Machine', `${input.cores} cores (${input.cpuModel}), ${input.memoryGb.toFixed(0)} GiB`],
        ['Node.js', input.node],
        ['Load average (1 min) at start and end', `${input.loadStart.toFixed(1)} and ${input.loadEnd.toFixed(1)}`],
        ['Duration of the run', `${input.durationS.toFixed(0)} s`]
    ]), '');
    parts.push(
        'Times are wall-clock medians unless marked otherwise. Other processes on the machine slow every wall-clock time down; ' +
        'a load average above the core count means they competed for the CPU during the run, and the CPU times are then the ' +
        'steadier measure.',
        ''
    );

    parts.push('## Targets', '');
    parts.push(table(['Target', 'Goal', 'Measured', 'Met'], targetsOf(input).map(formatTarget)), '');

    if (input.checks.length > 0) {
        parts.push('## Cold `mlarch check`', '');
        parts.push('`node bin/mlarch.cjs check DIR` in a new process; peak RSS from GNU time, or from polling /proc when GNU time is missing.', '');
        parts.push(table(['Size', 'Models', 'Jobs', 'Files', 'Runs', 'Wall time', 'CPU time', 'Peak RSS'], input.checks.map(check => [
            check.size, String(check.models), String(check.jobs), String(check.files), String(check.runs),
            seconds(check.wallMs), Number.isNaN(check.cpuMs) ? '–' : seconds(check.cpuMs), mb(check.peakRssMb)
        ])), '');
    }

    if (input.lsp) {
        const lsp = input.lsp;
        parts.push('## Language server, Netflix size', '');
        parts.push(
            `\`node out/server/main.cjs --stdio\` over JSON-RPC with ${lsp.files} files. The start-up build runs from the ` +
            '`initialize` request until every file has published its diagnostics. Edits replace the whole text of ' +
            '`domains/personalization/homepage/models.mlarch`: a typo in a `trained by` reference, timed until its ' +
            '`unresolved-reference` diagnostic arrives, then the fix, timed until the file has no diagnostics, after five ' +
            'untimed pairs of the same edits. Completion ' +
            'runs in a `consumes` list, go to definition on a workflow declared in another file, and the graph request ' +
            `asks for the lineage view (${lsp.graphNodes} nodes) right after an edit of a model's title.`,
            ''
        );
        parts.push(table(['Measure', 'Median', 'p95', 'Samples'], [
            ['Start-up build', seconds(lsp.initialBuildMs), '–', '1'],
            latencyRow('Typo to its diagnostic', lsp.typoToDiagnostics),
            latencyRow('Fix to no diagnostics', lsp.fixToClean),
            latencyRow('Completion, three letters typed', lsp.completionWithPrefix),
            latencyRow('Completion, nothing typed (every feature group)', lsp.completionWithoutPrefix),
            latencyRow('Go to definition', lsp.definition),
            latencyRow('Edit to updated lineage graph', lsp.editToGraph)
        ]), '');
        const heap = lsp.heapMb === undefined
            ? 'The server did not answer the `mlarch/debug/memory` request with a heap measured after a full collection, so the resident memory is the upper bound reported.'
            : `JavaScript heap after a full garbage collection: ${mb(lsp.heapMb)}.`;
        parts.push(`Server resident memory after the start-up build: ${mb(lsp.residentMb)} (peak ${mb(lsp.peakResidentMb)}). ${heap}`, '');
    }

    if (input.preview) {
        parts.push('## Preview rendering', '');
        parts.push(
            'Lineage views of generated workspaces, each size in its own Node.js process: building the graph from linked ' +
            'documents, `layoutGraph` (ELK layered, on the calling thread) and `renderStandaloneSvg`. Medians of the runs, ' +
            'after a warm-up on the smallest view; the first run, the first layout of that size in the process, is also ' +
            'shown on its own, because an open preview lays out the same view again on every edit and so runs warm. The CPU ' +
            'column is the process CPU time of the whole step, so it shows how much of the wall time was work.',
            ''
        );
        parts.push(table(['View', 'Runs', 'Nodes', 'Edges', 'Graph', 'Layout', 'SVG', 'Total', 'First run', 'Total CPU'], input.preview.samples.map(sample => sample.timeoutMs
            ? [`~${sample.targetNodes} nodes`, '0', '–', '–', '–', '–', '–', `did not finish in ${seconds(sample.timeoutMs)}`, '–', '–']
            : [
                `~${sample.targetNodes} nodes`, String(sample.runs), String(sample.nodes), String(sample.edges),
                ms(sample.graphMs), ms(sample.layoutMs), ms(sample.renderMs), ms(sample.totalMs), ms(sample.firstTotalMs), ms(sample.totalCpuMs)
            ])), '');
    }

    if (input.likec4) {
        const likec4 = input.likec4;
        parts.push('## Side by side with LikeC4', '');
        if (likec4.error) {
            parts.push(`LikeC4 ${likec4.version} could not be compared here: ${likec4.error}`, '');
        }
        if (likec4.comparisons.length > 0) {
            parts.push(
                `\`likec4 validate --no-layout DIR\` (likec4 ${likec4.version}, installed with \`npm install --prefix .cache/bench/likec4\`) ` +
                'on a LikeC4 workspace converted from the MLArch workspace by `bench/likec4-workspace.ts`: one element per MLArch ' +
                'element with the same nesting, one relation per cross-reference, and the other properties as metadata. ' +
                '`mlarch check DIR` on the MLArch workspace in the same run. likec4 1.59.4 declares Node.js 22.22.3 or later and ' +
                'runs here on the Node.js above with an engine warning.',
                ''
            );
            parts.push(table(['Size', 'Elements', 'Relations', 'Sources (MLArch / LikeC4)', 'mlarch check', 'likec4 validate', 'Wall ratio', 'CPU ratio', 'Peak RSS (MLArch / LikeC4)'],
                likec4.comparisons.map(comparison => {
                    const other = comparison.likec4;
                    return [
                        comparison.size, String(comparison.elements), String(comparison.relations),
                        `${(comparison.mlarchBytes / 1e6).toFixed(1)} MB / ${(comparison.likec4Bytes / 1e6).toFixed(1)} MB`,
                        `${seconds(comparison.mlarch.wallMs)} (CPU ${seconds(comparison.mlarch.cpuMs)})`,
                        other ? `${seconds(other.wallMs)} (CPU ${seconds(other.cpuMs)})` : `did not finish in ${seconds(comparison.timeoutMs)}`,
                        other ? `${(other.wallMs / comparison.mlarch.wallMs).toFixed(1)}×` : `> ${(comparison.timeoutMs / comparison.mlarch.wallMs).toFixed(0)}×`,
                        other ? `${(other.cpuMs / comparison.mlarch.cpuMs).toFixed(1)}×` : '–',
                        `${mb(comparison.mlarch.peakRssMb)} / ${other ? mb(other.peakRssMb) : '–'}`
                    ];
                })), '');
        }
        if (!likec4.comparisons.some(comparison => comparison.size === 'netflix')) {
            // NOTE: the Netflix-size attempt is a single manual measurement, not part of this run.
            parts.push(
                'The default run compares the small and medium sizes only, so that it stays within about ten minutes. At ' +
                'Netflix size (30,485 elements, 92,006 relations), `likec4 validate --no-layout` had not finished after 900 s ' +
                'in one separate attempt on this machine while other processes were running; ' +
                '`npm run bench -- --sections likec4 --likec4-sizes netflix` repeats it with the same 900 s limit.',
                ''
            );
        }
    }
    return parts.join('\n');
}
