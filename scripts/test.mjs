// Runs the whole test suite with Node's own test runner: unit tests, the language-server
// process test and the webview browser test. Builds first, because the process and browser
// tests run the bundles. Pass --no-build to skip the build, and test files to run only those.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const skipBuild = args.includes('--no-build');
const selected = args.filter(arg => !arg.startsWith('--'));

function run(command, commandArgs) {
    const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
    if (result.status !== 0) {
        process.exit(result.status ?? 1);
    }
}

function findTests(folder) {
    const found = [];
    for (const name of readdirSync(folder).sort()) {
        const full = join(folder, name);
        // test/vscode runs inside a VS Code extension host: `npm run test:e2e` or `npm run test:vscode`.
        if (full === join('test', 'vscode')) {
            continue;
        }
        if (statSync(full).isDirectory()) {
            // The extension-host suite runs inside VS Code, through `npm run test:e2e` or `npm run test:vscode`.
            if (full !== join('test', 'vscode')) {
                found.push(...findTests(full));
            }
        } else if (name.endsWith('.test.ts')) {
            found.push(full);
        }
    }
    return found;
}

if (!skipBuild) {
    run('npm', ['run', 'build']);
}
const files = selected.length > 0 ? selected : findTests('test');
run(process.execPath, [
    '--import', './scripts/group-by-polyfill.mjs',
    '--import', 'tsx',
    '--test', '--test-concurrency=1',
    ...files
]);
