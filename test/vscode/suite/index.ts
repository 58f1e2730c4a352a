// Entry point of the extension-host tests: VS Code loads this module through
// `extensionTestsPath` and calls run(). Both runners, test/vscode/run-desktop.ts and
// test/vscode/run-e2e.ts, use it.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import Mocha from 'mocha';
import { RESULT_FILE_ENV, TEST_WORKSPACES, WORKSPACE_ENV, type SuiteResult, type TestWorkspace } from '../runner/suite-result.js';

/** Test modules per example workspace. esbuild bundles each import into index.cjs. */
const TEST_MODULES: Record<TestWorkspace, () => Promise<unknown>> = {
    'getting-started': () => import('./getting-started.test.js'),
    'netflix': () => import('./netflix.test.js')
};

/**
 * Runs the tests of the workspace named by MLARCH_TEST_WORKSPACE and writes the counts to the
 * file named by MLARCH_TEST_RESULT_FILE. Resolves when every test passed and rejects otherwise.
 * It never calls process.exit, which VS Code would report as success.
 */
export async function run(): Promise<void> {
    const workspace = process.env[WORKSPACE_ENV];
    const resultFile = process.env[RESULT_FILE_ENV];
    if (!isTestWorkspace(workspace)) {
        throw new Error(`${WORKSPACE_ENV} is ${JSON.stringify(workspace)}; set it to one of ${TEST_WORKSPACES.join(', ')}.`);
    }
    if (!resultFile) {
        throw new Error(`${RESULT_FILE_ENV} is not set; set it to the absolute path of the result file to write.`);
    }

    const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
    // mocha.addFile would load the test files with require, but they are bundled into this
    // file, so this emits the events that set up `suite` and `test` around each import.
    const file = `${workspace}.test.ts`;
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, file, mocha);
    await TEST_MODULES[workspace]();
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_POST_REQUIRE, globalThis, file, mocha);

    const result: SuiteResult = { workspace, passed: 0, failed: 0, tests: [] };
    await new Promise<void>(resolve => {
        const runner = mocha.run(() => resolve());
        runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, test => {
            result.passed++;
            result.tests.push({ title: test.fullTitle(), passed: true, durationMs: test.duration });
        });
        // Also fires for failed hooks, whose tests then do not run.
        runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error: unknown) => {
            result.failed++;
            const message = error instanceof Error ? error.message : String(error);
            result.tests.push({ title: test.fullTitle(), passed: false, durationMs: test.duration, message });
        });
    });

    await mkdir(dirname(resultFile), { recursive: true });
    await writeFile(resultFile, JSON.stringify(result, undefined, 2));
    if (result.failed > 0 || result.passed === 0) {
        throw new Error(`${result.failed} of ${result.passed + result.failed} tests failed in the ${workspace} workspace.`);
    }
}

function isTestWorkspace(value: string | undefined): value is TestWorkspace {
    return (TEST_WORKSPACES as readonly (string | undefined)[]).includes(value);
}
