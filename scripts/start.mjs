// The quick start: installs dependencies when node_modules is missing, builds, checks the
// Netflix example and exports its building-block and lineage views as SVG files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const example = 'examples/netflix';
const outputFolder = resolve('out', 'diagrams');

function run(command, args) {
    console.log(`> ${[command, ...args].join(' ')}`);
    const result = spawnSync(command, args, { stdio: 'inherit' });
    return result.status ?? 1;
}

if (!existsSync('node_modules')) {
    if (run('npm', ['ci']) !== 0) {
        process.exit(1);
    }
}
if (run('npm', ['run', 'build']) !== 0) {
    process.exit(1);
}

const cli = ['bin/mlarch.cjs'];
const checkStatus = run(process.execPath, [...cli, 'check', example]);

mkdirSync(outputFolder, { recursive: true });
for (const view of ['building-blocks', 'lineage']) {
    const out = resolve(outputFolder, `netflix-${view}.svg`);
    if (run(process.execPath, [...cli, 'export', example, '--view', view, '--out', out]) !== 0) {
        process.exit(1);
    }
}
console.log(`\nDiagrams written to ${outputFolder}. Open the .svg files in a browser.`);
process.exit(checkStatus);
