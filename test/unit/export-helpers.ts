/**
 * Helpers for the export and documentation tests: the graphs of the Netflix example, the bundled
 * command line as a child process, and temporary workspaces.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import { VIEW_KINDS, type ArchitectureGraph, type ViewKind } from '../../language/src/graph/graph-model.js';
import { collectMlArchFiles, loadWorkspace } from '../../language/src/workspace/load-workspace.js';
import { EXAMPLES_DIR, REPO_ROOT } from './workspace-helpers.js';

export const NETFLIX_DIR = path.join(EXAMPLES_DIR, 'netflix');

/** Every view of the graph builder; the format tests convert each of them, built with default parameters. */
export const ALL_VIEWS: readonly ViewKind[] = VIEW_KINDS;

const graphs = new Map<ViewKind, ArchitectureGraph>();

/** Returns one view of the Netflix example with default parameters, built once per test process. */
export async function netflixGraph(view: ViewKind): Promise<ArchitectureGraph> {
    let graph = graphs.get(view);
    if (!graph) {
        const { documents } = await loadWorkspace(await collectMlArchFiles([NETFLIX_DIR]));
        graph = buildArchitectureGraph(documents, view);
        graphs.set(view, graph);
    }
    return graph;
}

export interface CliResult {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the bundled command line (`npm run build` or `node scripts/build.mjs` writes it) in `cwd`. */
export function runCli(args: string[], cwd: string = REPO_ROOT): CliResult {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'mlarch.cjs'), ...args], {
        cwd,
        encoding: 'utf-8',
        timeout: 120_000
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Creates a temporary folder with the given files (paths relative to it, `/` separators) and returns its path. */
export function writeTempWorkspace(prefix: string, files: Record<string, string>): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const [relative, text] of Object.entries(files)) {
        const target = path.join(root, ...relative.split('/'));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, text);
    }
    return root;
}
