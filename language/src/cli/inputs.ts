import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import fastGlob from 'fast-glob';
import { collectMlArchFiles, MLARCH_EXTENSION } from '../workspace/load-workspace.js';
import { UsageError } from './usage-error.js';

/**
 * Resolves the path and glob arguments of a command into the `.mlarch` files they name,
 * absolute and sorted. An argument that exists is a file or a folder, which is searched
 * recursively. Any other argument with glob syntax (`*`, `?`, `[…]`, `{…}`) is a glob pattern
 * relative to `cwd`. Matches of a pattern are filtered to `.mlarch` files, and matched folders are searched.
 * Patterns skip hidden and `node_modules` folders, as folder searches do. No arguments stand for
 * `cwd`. Throws a UsageError when a path does not exist or is a file of another type, a
 * pattern matches nothing, or no `.mlarch` file is found at all.
 */
export async function resolveMlArchInputs(args: string[], cwd: string = process.cwd()): Promise<string[]> {
    const inputs = args.length > 0 ? args : ['.'];
    const paths: string[] = [];
    for (const input of inputs) {
        const absolute = path.resolve(cwd, input);
        if (await exists(absolute)) {
            if (!absolute.endsWith(MLARCH_EXTENSION) && !await isFolder(absolute)) {
                throw new UsageError(`Not an ${MLARCH_EXTENSION} file: ${input}. Pass .mlarch files or folders, or a glob such as 'models/**/*.mlarch'.`);
            }
            paths.push(absolute);
            continue;
        }
        if (!fastGlob.isDynamicPattern(input)) {
            throw new UsageError(`Path not found: ${input}. Pass existing .mlarch files or folders, or a glob such as 'models/**/*.mlarch'.`);
        }
        const matches = await fastGlob(toPosixPattern(input), {
            cwd,
            absolute: true,
            onlyFiles: false,
            dot: false,
            ignore: ['**/node_modules/**']
        });
        const relevant = [];
        for (const match of matches) {
            const file = path.resolve(match);
            if (file.endsWith(MLARCH_EXTENSION) || await isFolder(file)) {
                relevant.push(file);
            }
        }
        if (relevant.length === 0) {
            throw new UsageError(`No .mlarch files or folders match the pattern '${input}'.`);
        }
        paths.push(...relevant);
    }

    const files = await collectMlArchFiles(paths);
    if (files.length === 0) {
        throw new UsageError(`No .mlarch files found in ${args.length > 0 ? args.join(', ') : `the current folder (${cwd})`}.`);
    }
    return files;
}

/** fast-glob reads `\\` as an escape character, so Windows separators become `/`. */
function toPosixPattern(pattern: string): string {
    return path.sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
}

async function exists(file: string): Promise<boolean> {
    return fs.stat(file).then(() => true, () => false);
}

async function isFolder(file: string): Promise<boolean> {
    return fs.stat(file).then(stat => stat.isDirectory(), () => false);
}
