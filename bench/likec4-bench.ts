/**
 * Side-by-side part of the benchmark: `likec4 validate --no-layout` on a LikeC4 workspace with
 * the same elements and relations as a generated MLArch workspace, against `mlarch check` on
 * the MLArch workspace. LikeC4 is installed into its own folder with `npm install --prefix`,
 * never as a dependency of this project.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { convertToLikeC4 } from './likec4-workspace.js';
import { measureProcess, median } from './measure.js';
import type { WorkspaceSizeName } from './workspace-generator.js';

/** The LikeC4 release compared against; pinned so that runs stay comparable. */
export const LIKEC4_VERSION = '1.59.4';
const RUNS: Record<WorkspaceSizeName, number> = { small: 3, medium: 2, netflix: 1 };
const TIMEOUT_MS: Record<WorkspaceSizeName, number> = { small: 120_000, medium: 300_000, netflix: 900_000 };

export interface ProcessSummary {
    wallMs: number;
    cpuMs: number;
    peakRssMb: number;
}

export interface LikeC4Comparison {
    size: WorkspaceSizeName;
    files: number;
    elements: number;
    relations: number;
    mlarchBytes: number;
    likec4Bytes: number;
    runs: number;
    mlarch: ProcessSummary;
    /** Undefined when LikeC4 did not finish within `timeoutMs`. */
    likec4?: ProcessSummary;
    timeoutMs: number;
}

export interface LikeC4Result {
    version: string;
    /** Reason the comparison could not run, when it could not. */
    error?: string;
    comparisons: LikeC4Comparison[];
}

/** Installs LikeC4 into `folder` unless it is there, and returns the path of its command. */
function installLikeC4(folder: string, log: (message: string) => void): string {
    const command = path.join(folder, 'node_modules/.bin/likec4');
    const installed = path.join(folder, 'node_modules/likec4/package.json');
    if (fs.existsSync(installed) && JSON.parse(fs.readFileSync(installed, 'utf-8')).version === LIKEC4_VERSION) {
        return command;
    }
    log(`installing likec4@${LIKEC4_VERSION} into ${folder}`);
    fs.mkdirSync(folder, { recursive: true });
    const result = spawnSync('npm', ['install', '--prefix', folder, `likec4@${LIKEC4_VERSION}`, '--no-audit', '--no-fund', '--no-save'], {
        encoding: 'utf-8',
        timeout: 600_000
    });
    if (result.status !== 0 || !fs.existsSync(command)) {
        throw new Error(`npm install likec4@${LIKEC4_VERSION} failed (exit code ${result.status}): ${(result.stderr || String(result.error ?? '')).slice(-1500)}`);
    }
    return command;
}

function folderBytes(folder: string, extension: string): number {
    let total = 0;
    for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
        if (entry.isFile() && entry.name.endsWith(extension)) {
            total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
        }
    }
    return total;
}

/**
 * Compares LikeC4 and MLArch on each size. `measureMlArch` checks a folder with `mlarch check`;
 * `knownMlArch` contains measurements of the same folders made earlier in the run, which are reused.
 */
export async function runLikeC4Comparison(
    sizes: WorkspaceSizeName[],
    mlarchFolder: (size: WorkspaceSizeName) => string,
    cacheFolder: string,
    measureMlArch: (folder: string, runs: number) => Promise<ProcessSummary>,
    knownMlArch: Map<WorkspaceSizeName, ProcessSummary>,
    log: (message: string) => void
): Promise<LikeC4Result> {
    let command: string;
    try {
        command = installLikeC4(path.join(cacheFolder, 'likec4'), log);
    } catch (error) {
        return { version: LIKEC4_VERSION, error: error instanceof Error ? error.message : String(error), comparisons: [] };
    }

    const comparisons: LikeC4Comparison[] = [];
    for (const size of sizes) {
        const source = mlarchFolder(size);
        const target = path.join(cacheFolder, 'likec4-workspaces', size);
        const converted = await convertToLikeC4(source, target);
        log(`likec4 validate on ${size} (${converted.elements} elements, ${converted.relations} relations), ${RUNS[size]} run(s)`);

        const samples: ProcessSummary[] = [];
        let timedOut = false;
        for (let run = 0; run < RUNS[size] && !timedOut; run++) {
            const measured = await measureProcess(command, ['validate', '--no-layout', target], { timeoutMs: TIMEOUT_MS[size] });
            // measureProcess kills the process at the timeout, which leaves no exit code.
            if (measured.exitCode === null) {
                timedOut = true;
                break;
            }
            if (measured.exitCode !== 0) {
                return {
                    version: LIKEC4_VERSION,
                    error: `likec4 validate failed on the ${size} workspace (exit code ${measured.exitCode}): ${(measured.stderr + measured.stdout).slice(-1500)}`,
                    comparisons
                };
            }
            samples.push(measured);
        }
        const mlarch = knownMlArch.get(size) ?? await measureMlArch(source, RUNS[size]);
        comparisons.push({
            size,
            files: converted.files,
            elements: converted.elements,
            relations: converted.relations,
            mlarchBytes: folderBytes(source, '.mlarch'),
            likec4Bytes: folderBytes(target, '.c4'),
            runs: samples.length,
            mlarch,
            likec4: timedOut ? undefined : {
                wallMs: median(samples.map(sample => sample.wallMs)),
                cpuMs: median(samples.map(sample => sample.cpuMs)),
                peakRssMb: median(samples.map(sample => sample.peakRssMb))
            },
            timeoutMs: TIMEOUT_MS[size]
        });
    }
    return { version: LIKEC4_VERSION, comparisons };
}
