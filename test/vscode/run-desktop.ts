// Runs the extension-host suite in VS Code desktop with @vscode/test-electron:
// `npm run test:vscode`, which builds first. Uses the VS Code executable in VSCODE_EXECUTABLE,
// else the newest copy in .vscode-test/, the cache of @vscode/test-electron. With --download
// (`npm run test:vscode -- --download`) and network access, it downloads the latest stable
// VS Code into that cache first. On Linux without a display, run it under xvfb-run.
// Prints `N passed, N failed` last and exits with 1 when anything failed.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { RESULT_FILE_ENV, TEST_WORKSPACES, WORKSPACE_ENV } from './runner/suite-result.js';
import { writeUserSettings } from './runner/user-settings.js';
import { copyExample, readSuiteResult, REPO_ROOT, SUITE_MODULE } from './runner/workspaces.js';

/** Run folder: profile, workspace copies and result files of the last run. */
const RUN_DIR = join(REPO_ROOT, '.cache', 'vscode-desktop', 'run');

/** The cache folder of @vscode/test-electron, relative to the working directory. */
const VSCODE_CACHE = join(REPO_ROOT, '.vscode-test');

/** Folder names that @vscode/test-electron gives its downloads, such as `vscode-linux-x64-1.139.1`. */
const CACHED_VSCODE_FOLDER = /^vscode-[a-z0-9-]+-(\d+)\.(\d+)\.(\d+)$/;

async function findVSCode(): Promise<string> {
    const configured = process.env.VSCODE_EXECUTABLE;
    if (configured) {
        if (!existsSync(configured)) {
            throw new Error(`VSCODE_EXECUTABLE is ${configured}, which does not exist. Set it to the VS Code executable, such as /usr/share/code/code.`);
        }
        return configured;
    }
    if (process.argv.includes('--download')) {
        return downloadAndUnzipVSCode({ cachePath: VSCODE_CACHE, version: 'stable' });
    }
    const cached = newestCachedVersion();
    if (cached === undefined) {
        throw new Error(`No VS Code is available for the tests: VSCODE_EXECUTABLE is not set and ${VSCODE_CACHE} has no downloaded copy. Set VSCODE_EXECUTABLE to a VS Code 1.138 or newer executable, run npm run test:vscode -- --download on a machine with network access, or run npm run test:e2e, which runs the same suite in code-server.`);
    }
    // A version that is in the cache resolves without network access.
    return downloadAndUnzipVSCode({ cachePath: VSCODE_CACHE, version: cached });
}

function newestCachedVersion(): string | undefined {
    const folders = existsSync(VSCODE_CACHE) ? readdirSync(VSCODE_CACHE) : [];
    const versions = folders
        .map(folder => CACHED_VSCODE_FOLDER.exec(folder))
        .filter(match => match !== null)
        .map(match => [Number(match[1]), Number(match[2]), Number(match[3])])
        .sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
    return versions.length > 0 ? versions[0].join('.') : undefined;
}

async function main(): Promise<number> {
    if (!existsSync(SUITE_MODULE)) {
        throw new Error(`${SUITE_MODULE} is missing; npm run test:vscode builds it with test/vscode/build-suite.mjs.`);
    }
    const executable = await findVSCode();
    rmSync(RUN_DIR, { recursive: true, force: true });

    let passed = 0;
    let failed = 0;
    for (const workspace of TEST_WORKSPACES) {
        console.log(`\nExtension-host suite in the ${workspace} workspace`);
        const userDataDir = join(RUN_DIR, workspace, 'user-data');
        writeUserSettings(userDataDir);
        const resultFile = join(RUN_DIR, 'results', `${workspace}.json`);
        let exitCode: number | string;
        try {
            exitCode = await runTests({
                vscodeExecutablePath: executable,
                extensionDevelopmentPath: REPO_ROOT,
                extensionTestsPath: SUITE_MODULE,
                extensionTestsEnv: { [WORKSPACE_ENV]: workspace, [RESULT_FILE_ENV]: resultFile },
                launchArgs: [
                    copyExample(workspace, join(RUN_DIR, workspace, 'workspace')),
                    '--user-data-dir', userDataDir,
                    '--extensions-dir', join(RUN_DIR, workspace, 'extensions'),
                    '--disable-extensions'
                ]
            });
        } catch (error) {
            exitCode = error instanceof Error ? error.message : String(error);
        }

        const result = readSuiteResult(resultFile);
        if (typeof result === 'string') {
            // Without the suite's own counts, the exit code of VS Code proves nothing.
            console.log(`  FAILED  ${result} VS Code exit: ${exitCode}.`);
            failed++;
            continue;
        }
        passed += result.passed;
        failed += result.failed;
        if (result.failed === 0 && exitCode !== 0) {
            console.log(`  FAILED  VS Code exited with ${exitCode} although the suite reported no failures.`);
            failed++;
        }
    }
    console.log(`${passed} passed, ${failed} failed`);
    return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(code => {
    process.exitCode = code;
}, (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
});
