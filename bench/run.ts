/**
 * The MLArch benchmark: `npm run bench`. Builds the bundles, generates the small, medium and
 * Netflix-size workspaces, and measures
 *   - cold `mlarch check` per size (wall time and peak RSS),
 *   - the language server on the Netflix-size workspace (start-up build, edit-to-diagnostics,
 *     completion, go-to-definition, memory, edit-to-graph),
 *   - preview rendering (graph building, ELK layout and SVG) for 50, 200 and 1,000-node views,
 *   - `likec4 validate --no-layout` against `mlarch check` on equivalent workspaces.
 * Prints the tables and writes them to BENCHMARKS.md.
 *
 * Options: see USAGE below.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeWorkspace } from './generate-workspace.js';
import { runLikeC4Comparison, type LikeC4Result } from './likec4-bench.js';
import { runLspBenchmark, type LspResult } from './lsp-bench.js';
import { measureProcess, median } from './measure.js';
import { runPreviewBenchmark, type PreviewResult } from './preview-bench.js';
import { formatReport, type CheckResult } from './report.js';
import { WORKSPACE_SIZES, generateWorkspace, type WorkspaceSizeName } from './workspace-generator.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache/bench');
const CLI = path.join(REPO_ROOT, 'bin/mlarch.cjs');

/** Runs per size for the cold check; the median is reported. */
const CHECK_RUNS: Record<WorkspaceSizeName, number> = { small: 5, medium: 5, netflix: 3 };
const CHECK_TIMEOUT_MS = 180_000;

export function workspaceDir(size: WorkspaceSizeName): string {
    return path.join(CACHE_DIR, 'workspaces', size);
}

function log(message: string): void {
    console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function generateAll(): Promise<Record<WorkspaceSizeName, number>> {
    const fileCounts = {} as Record<WorkspaceSizeName, number>;
    for (const size of Object.keys(WORKSPACE_SIZES) as WorkspaceSizeName[]) {
        const workspace = generateWorkspace(WORKSPACE_SIZES[size]);
        await writeWorkspace(workspace, workspaceDir(size));
        fileCounts[size] = workspace.files.size;
        log(`generated ${size}: ${workspace.files.size} files`);
    }
    return fileCounts;
}

/** Checks a folder with the bundled CLI and fails unless it reports no diagnostics at all. */
export async function measureCheck(folder: string, runs: number): Promise<{ wallMs: number; cpuMs: number; peakRssMb: number }> {
    const samples = [];
    for (let run = 0; run < runs; run++) {
        const measured = await measureProcess(process.execPath, [CLI, 'check', folder], { timeoutMs: CHECK_TIMEOUT_MS });
        const summary = measured.stdout.trim().split('\n').pop() ?? '';
        if (measured.exitCode !== 0 || !/: 0 error\(s\), 0 warning\(s\), 0 info\(s\), 0 hint\(s\)\.$/.test(summary)) {
            throw new Error(`mlarch check ${folder} failed (exit code ${measured.exitCode}): ${summary || measured.stderr.slice(-2000)}`);
        }
        samples.push(measured);
    }
    return {
        wallMs: median(samples.map(sample => sample.wallMs)),
        cpuMs: median(samples.map(sample => sample.cpuMs)),
        peakRssMb: median(samples.map(sample => sample.peakRssMb))
    };
}

const SECTIONS = ['check', 'lsp', 'preview', 'likec4'] as const;

const USAGE = `Usage: npm run bench -- [options]

Measures MLArch on generated workspaces and writes a Markdown report.

Options:
  --sections LIST      comma-separated parts to run: ${SECTIONS.join(', ')} (default: all)
  --out FILE           report to write (default: BENCHMARKS.md for a full run,
                       out/bench/BENCHMARKS.md when --sections leaves a part out)
  --likec4-sizes LIST  workspace sizes for the LikeC4 comparison: ${Object.keys(WORKSPACE_SIZES).join(', ')} (default: small,medium)
  --no-build           use the bundles in out/ as they are
  -h, --help           print this help`;

/** An invalid command line: main prints the message and the usage, and the process exits with 2. */
class BenchUsageError extends Error {}

async function main(): Promise<void> {
    let parsed;
    try {
        parsed = parseArgs({
            options: {
                sections: { type: 'string', default: SECTIONS.join(',') },
                'no-build': { type: 'boolean', default: false },
                out: { type: 'string' },
                'likec4-sizes': { type: 'string', default: 'small,medium' },
                help: { type: 'boolean', short: 'h', default: false }
            }
        });
    } catch (error) {
        throw new BenchUsageError(error instanceof Error ? error.message : String(error));
    }
    const values = parsed.values;
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const sections = new Set(values.sections!.split(',').map(section => section.trim()));
    const unknownSections = [...sections].filter(section => !(SECTIONS as readonly string[]).includes(section));
    if (unknownSections.length > 0) {
        throw new BenchUsageError(`Unknown section '${unknownSections.join("', '")}' in --sections. Use some of: ${SECTIONS.join(', ')}.`);
    }
    const unknownSizes = values['likec4-sizes']!.split(',').filter(size => !(size in WORKSPACE_SIZES));
    if (unknownSizes.length > 0) {
        throw new BenchUsageError(`Unknown size '${unknownSizes.join("', '")}' in --likec4-sizes. Use some of: ${Object.keys(WORKSPACE_SIZES).join(', ')}.`);
    }
    // A partial run would replace the full report with a partial one, so it goes to out/ unless --out names a file.
    const complete = SECTIONS.every(section => sections.has(section));
    const out = values.out ?? (complete ? path.join(REPO_ROOT, 'BENCHMARKS.md') : path.join(REPO_ROOT, 'out', 'bench', 'BENCHMARKS.md'));
    const started = performance.now();
    const loadStart = os.loadavg()[0];

    if (!values['no-build']) {
        log('building the bundles');
        const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
        if (build.status !== 0) {
            throw new Error('node scripts/build.mjs failed; fix the build first.');
        }
    }
    const fileCounts = await generateAll();

    const checks: CheckResult[] = [];
    if (sections.has('check')) {
        for (const size of Object.keys(WORKSPACE_SIZES) as WorkspaceSizeName[]) {
            log(`cold check of ${size}, ${CHECK_RUNS[size]} runs`);
            const measured = await measureCheck(workspaceDir(size), CHECK_RUNS[size]);
            checks.push({ size, files: fileCounts[size], runs: CHECK_RUNS[size], ...WORKSPACE_SIZES[size], ...measured });
        }
    }

    let lsp: LspResult | undefined;
    if (sections.has('lsp')) {
        log('language server on the netflix workspace');
        lsp = await runLspBenchmark(path.join(REPO_ROOT, 'out/server/main.cjs'), workspaceDir('netflix'), fileCounts.netflix, log);
    }

    let preview: PreviewResult | undefined;
    if (sections.has('preview')) {
        log('preview rendering');
        preview = await runPreviewBenchmark(log);
    }

    let likec4: LikeC4Result | undefined;
    if (sections.has('likec4')) {
        const sizes = values['likec4-sizes']!.split(',') as WorkspaceSizeName[];
        const known = new Map(checks.map(check => [check.size, check]));
        likec4 = await runLikeC4Comparison(sizes, workspaceDir, CACHE_DIR, measureCheck, known, log);
    }

    const command = `npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`;
    const report = formatReport({
        cores: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
        memoryGb: os.totalmem() / 2 ** 30,
        node: process.version,
        date: new Date().toISOString().slice(0, 10),
        command,
        durationS: (performance.now() - started) / 1000,
        loadStart,
        loadEnd: os.loadavg()[0],
        checks,
        lsp,
        preview,
        likec4
    });
    console.log(report);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, report, 'utf-8');
    log(`wrote ${out} after ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    main().catch((error: unknown) => {
        if (error instanceof BenchUsageError) {
            console.error(`bench: ${error.message}\n\n${USAGE}`);
            process.exit(2);
        }
        console.error(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        process.exit(1);
    });
}
