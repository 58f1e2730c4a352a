// Bundles the extension, the language server, the command line and the preview webview with esbuild.
// Usage: node scripts/build.mjs [--watch] [--production]
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

const nodeBundles = {
    ...common,
    platform: 'node',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    banner: { js: groupByPolyfill },
    external: ['vscode'],
    entryPoints: {
        'extension/main': 'extension/src/main.ts',
        'server/main': 'server/src/main.ts',
        'cli/main': 'language/src/cli/main.ts'
    },
    outdir: 'out'
};

const webviewBundle = {
    ...common,
    platform: 'browser',
    format: 'iife',
    entryPoints: { 'webview/preview': 'extension/webview/preview.ts' },
    outdir: 'out'
};

if (watch) {
    const contexts = await Promise.all([esbuild.context(nodeBundles), esbuild.context(webviewBundle)]);
    await Promise.all(contexts.map(context => context.watch()));
} else {
    await Promise.all([esbuild.build(nodeBundles), esbuild.build(webviewBundle)]);
}
