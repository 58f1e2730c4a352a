// Bundles the extension, the language server, the command line and the preview webview with esbuild.
// Usage: node scripts/build.mjs [--watch] [--production]
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// chevrotain 13.2 calls Object.groupBy, which Node.js only has from version 21 on.
const groupByPolyfill = `if (typeof Object.groupBy !== 'function') { Object.groupBy = function (items, key) { const groups = Object.create(null); let i = 0; for (const item of items) { const k = key(item, i++); (groups[k] ??= []).push(item); } return groups; }; }`;

const common = {
    bundle: true,
    sourcemap: !production,
    minify: production,
    logLevel: 'info',
    target: 'es2022'
};

const nodeEntryPoints = {
    'extension/main': 'extension/src/main.ts',
    'server/main': 'server/src/main.ts',
    'cli/main': 'language/src/cli/main.ts'
};

// One build per bundle, so a broken bundle does not keep the others from being written.
const nodeBundles = Object.entries(nodeEntryPoints).map(([name, entry]) => ({
    ...common,
    platform: 'node',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    banner: { js: groupByPolyfill },
    // resvg is a native module that esbuild cannot bundle; the command line loads it from node_modules.
    external: ['vscode', '@resvg/resvg-js'],
    entryPoints: { [name]: entry },
    outdir: 'out'
}));

/**
 * Provides ELK's worker script as a string under the module name `mlarch:elk-worker-source`. The
 * preview starts its layout worker from a blob URL of that text, so the worker needs no file of
 * its own and the webview's content security policy needs only `worker-src blob:`.
 */
const elkWorkerSource = {
    name: 'elk-worker-source',
    setup(build) {
        build.onResolve({ filter: /^mlarch:elk-worker-source$/ }, () => ({
            path: fileURLToPath(import.meta.resolve('elkjs/lib/elk-worker.min.js'))
        }));
        build.onLoad({ filter: /elk-worker\.min\.js$/ }, async args => ({
            contents: await readFile(args.path, 'utf8'),
            loader: 'text'
        }));
    }
};

const webviewBundle = {
    ...common,
    platform: 'browser',
    format: 'iife',
    entryPoints: { 'webview/preview': 'extension/webview/preview.ts' },
    plugins: [elkWorkerSource],
    outdir: 'out'
};

if (watch) {
    const contexts = await Promise.all([...nodeBundles, webviewBundle].map(options => esbuild.context(options)));
    await Promise.all(contexts.map(context => context.watch()));
} else {
    const results = await Promise.allSettled([...nodeBundles, webviewBundle].map(options => esbuild.build(options)));
    if (results.some(result => result.status === 'rejected')) {
        process.exitCode = 1;
    }
}
