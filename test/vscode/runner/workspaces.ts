import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SuiteResult, TestWorkspace } from './suite-result.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** The bundled suite that test/vscode/build-suite.mjs writes. */
export const SUITE_MODULE = join(REPO_ROOT, 'out', 'test', 'vscode', 'suite', 'index.cjs');

/**
 * Copies an example into `parent`, keeping its folder name, so that the tests can edit it and
 * the workbench can store its state without touching the repository.
 */
export function copyExample(name: TestWorkspace, parent: string): string {
    const target = join(parent, name);
    mkdirSync(parent, { recursive: true });
    cpSync(join(REPO_ROOT, 'examples', name), target, { recursive: true });
    return target;
}

/** Reads the result file of one suite run, or returns an error message when it is missing or invalid. */
export function readSuiteResult(file: string): SuiteResult | string {
    if (!existsSync(file)) {
        return `The suite wrote no result file at ${file}, so its tests did not run to the end.`;
    }
    try {
        const result = JSON.parse(readFileSync(file, 'utf8')) as SuiteResult;
        if (!Number.isInteger(result.passed) || !Number.isInteger(result.failed)) {
            return `The result file ${file} has no integer passed and failed counts.`;
        }
        return result;
    } catch (error) {
        return `The result file ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    }
}
