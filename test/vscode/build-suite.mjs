// Bundles the extension-host test suite into out/test/vscode/suite/index.cjs with esbuild.
// mocha is bundled too, so the suite loads in an extension host without node_modules.
// Usage: node test/vscode/build-suite.mjs
import * as esbuild from 'esbuild';

await esbuild.build({
    entryPoints: { 'test/vscode/suite/index': 'test/vscode/suite/index.ts' },
    outdir: 'out',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'es2022',
    sourcemap: true,
    external: ['vscode'],
    logLevel: 'info',
    logOverride: {
        // mocha resolves its worker files only in parallel mode, which the suite does not use.
        'require-resolve-not-external': 'silent'
    }
});
