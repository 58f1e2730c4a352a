/**
 * The result file that the extension-host suite writes before its `run()` settles. The runners
 * trust this file and not the exit code alone, because an extension host whose test module
 * calls `process.exit` reports success to VS Code without running the tests.
 */
export interface SuiteResult {
    /** Example workspace that the run opened, such as `netflix`. */
    workspace: string;
    passed: number;
    failed: number;
    /** Every test that ran and every failed hook, in the order they finished. */
    tests: TestOutcome[];
}

export interface TestOutcome {
    title: string;
    passed: boolean;
    durationMs?: number;
    /** Error message of a failure. */
    message?: string;
}

/** Extension-host environment variable: the example workspace whose tests to run. */
export const WORKSPACE_ENV = 'MLARCH_TEST_WORKSPACE';

/** Extension-host environment variable: the absolute path of the result file to write. */
export const RESULT_FILE_ENV = 'MLARCH_TEST_RESULT_FILE';

/** Example workspaces, each opened by its own extension-host run because their element names overlap. */
export const TEST_WORKSPACES = ['getting-started', 'netflix'] as const;

export type TestWorkspace = (typeof TEST_WORKSPACES)[number];
