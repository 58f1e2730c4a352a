// Runs the extension-host suite and the browser checks in code-server (VS Code in a browser)
// with headless Chromium: `npm run test:e2e`. Installs Node.js 24 and code-server into
// .cache/vscode-e2e on first use, or into the folder that MLARCH_E2E_CACHE names, which lets
// several clones share one installation. Needs the npm registry and Debian's chromium.
// Prints `N passed, N failed` last and exits with 1 when anything failed. Pass --no-package
// to test the mlarch.vsix of the last `npm run package` instead of packaging again.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runBrowserChecks, type CheckResult } from './e2e/browser-checks.js';
import { createProfile, installExtension, startCodeServer, type CodeServer } from './e2e/code-server.js';
import { runSuitePage } from './e2e/suite-page.js';
import { CHROMIUM_PATH, ensureTools } from './e2e/tools.js';
import { RESULT_FILE_ENV, TEST_WORKSPACES, WORKSPACE_ENV } from './runner/suite-result.js';
import { copyExample, readSuiteResult, REPO_ROOT, SUITE_MODULE } from './runner/workspaces.js';

const CACHE_DIR = process.env.MLARCH_E2E_CACHE ? resolve(process.env.MLARCH_E2E_CACHE) : join(REPO_ROOT, '.cache', 'vscode-e2e');
/** Run folder: profile, workspace copies, logs and result files of the last run of this clone. */
const RUN_DIR = join(REPO_ROOT, '.cache', 'vscode-e2e', 'run');
const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'e2e');
const VSIX = join(REPO_ROOT, 'mlarch.vsix');
const SUITE_TIMEOUT_MS = 5 * 60_000;

/** Flags for Debian's chromium in a container: no sandbox, no GPU, no background traffic. */
const CHROMIUM_ARGS = [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'
];

interface Totals {
    passed: number;
    failed: number;
}

async function main(): Promise<number> {
    const started = Date.now();
    const tools = ensureTools(CACHE_DIR);
    console.log(`Tools ready after ${seconds(Date.now() - started)}.`);

    if (process.argv.includes('--no-package')) {
        if (!existsSync(VSIX)) {
            throw new Error(`--no-package needs ${VSIX}; run npm run package first.`);
        }
    } else {
        run('npm', ['run', 'package']);
    }
    run('node', ['test/vscode/build-suite.mjs']);

    rmSync(RUN_DIR, { recursive: true, force: true });
    rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const profile = createProfile(RUN_DIR);
    installExtension(tools, profile, VSIX);
    const extensionPath = installedExtensionPath(profile.extensionsDir);

    const totals: Totals = { passed: 0, failed: 0 };
    const testsStarted = Date.now();
    let server: CodeServer | undefined;
    let browser: Browser | undefined;
    try {
        server = await startCodeServer(tools, profile);
        console.log(`code-server listens on ${server.url}; log: ${profile.logFile}`);
        browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

        for (const workspace of TEST_WORKSPACES) {
            await runSuite(browser, server, workspace, extensionPath, totals);
        }

        console.log('\nBrowser checks');
        const checks = await runBrowserChecks(browser, server, {
            workspaceParent: join(RUN_DIR, 'browser'),
            screenshotDir: SCREENSHOT_DIR
        });
        countChecks(checks, totals);
    } finally {
        await browser?.close();
        await server?.stop();
    }

    console.log(`\nSet-up ${seconds(testsStarted - started)}, tests ${seconds(Date.now() - testsStarted)}, total ${seconds(Date.now() - started)}. Screenshots: ${SCREENSHOT_DIR}`);
    console.log(`${totals.passed} passed, ${totals.failed} failed`);
    return totals.failed === 0 && totals.passed > 0 ? 0 : 1;
}

async function runSuite(browser: Browser, server: CodeServer, workspace: (typeof TEST_WORKSPACES)[number], extensionPath: string, totals: Totals): Promise<void> {
    console.log(`\nExtension-host suite in the ${workspace} workspace`);
    const resultFile = join(RUN_DIR, 'results', `${workspace}.json`);
    const logFile = join(RUN_DIR, `workbench-${workspace}.log`);
    let exitCode: number | string;
    try {
        exitCode = await runSuitePage(browser, server, {
            folder: copyExample(workspace, join(RUN_DIR, 'suite')),
            extensionPath,
            testsPath: SUITE_MODULE,
            environment: { [WORKSPACE_ENV]: workspace, [RESULT_FILE_ENV]: resultFile },
            timeoutMs: SUITE_TIMEOUT_MS,
            logFile
        });
    } catch (error) {
        exitCode = error instanceof Error ? error.message : String(error);
    }

    const result = readSuiteResult(resultFile);
    if (typeof result === 'string') {
        // Without the suite's own counts, the workbench's exit code proves nothing.
        console.log(`  FAILED  ${result} Workbench exit: ${exitCode}. Workbench log: ${logFile}`);
        totals.failed++;
        return;
    }
    for (const test of result.tests) {
        const duration = test.durationMs === undefined ? '' : ` (${seconds(test.durationMs)})`;
        console.log(test.passed ? `  ok      ${test.title}${duration}` : `  FAILED  ${test.title}${duration}: ${test.message}`);
    }
    totals.passed += result.passed;
    totals.failed += result.failed;
    if (result.failed === 0 && exitCode !== 0) {
        console.log(`  FAILED  the workbench reported exit code ${exitCode} although the suite reported no failures. Workbench log: ${logFile}`);
        totals.failed++;
    }
    if (result.failed > 0) {
        console.log(`  Workbench log: ${logFile}`);
    }
}

function countChecks(checks: CheckResult[], totals: Totals): void {
    for (const check of checks) {
        if (check.error === undefined) {
            console.log(`  ok      ${check.name}`);
            totals.passed++;
        } else {
            console.log(`  FAILED  ${check.name}: ${check.error}`);
            totals.failed++;
        }
    }
}

/** Returns the folder that `--install-extension` unpacked the .vsix into. */
function installedExtensionPath(extensionsDir: string): string {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    const folder = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
    if (!existsSync(join(folder, 'package.json'))) {
        throw new Error(`The installed extension was not found at ${folder}.`);
    }
    return folder;
}

function run(command: string, args: string[]): void {
    const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit' });
    if (result.status !== 0) {
        throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}.`);
    }
}

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)} s`;
}

// Exiting through process.exit runs the exit handlers that stop code-server.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
        console.log(`Stopped by ${signal}.`);
        process.exit(1);
    });
}

main().then(code => {
    process.exitCode = code;
}, (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
});
