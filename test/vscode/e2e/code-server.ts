import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { writeUserSettings } from '../runner/user-settings.js';
import type { Tools } from './tools.js';

export const HOST = '127.0.0.1';

/** Folders of one code-server instance, all inside the run folder. */
export interface CodeServerProfile {
    userDataDir: string;
    extensionsDir: string;
    configFile: string;
    /** TMPDIR of code-server, where VS Code puts its IPC sockets. */
    tmpDir: string;
    logFile: string;
}

export function createProfile(runDir: string): CodeServerProfile {
    const profile: CodeServerProfile = {
        userDataDir: join(runDir, 'user-data'),
        extensionsDir: join(runDir, 'extensions'),
        configFile: join(runDir, 'code-server.yaml'),
        tmpDir: join(runDir, 'tmp'),
        logFile: join(runDir, 'code-server.log')
    };
    writeUserSettings(profile.userDataDir);
    mkdirSync(profile.extensionsDir, { recursive: true });
    mkdirSync(profile.tmpDir, { recursive: true });
    // Without --config, code-server writes a default configuration into the user's home folder.
    writeFileSync(profile.configFile, 'auth: none\ncert: false\n');
    return profile;
}

function codeServerEnvironment(tools: Tools, profile: CodeServerProfile): NodeJS.ProcessEnv {
    return {
        ...process.env,
        PATH: `${tools.nodeBin}:${process.env.PATH ?? ''}`,
        // An empty gallery configuration keeps VS Code from querying any extension marketplace.
        EXTENSIONS_GALLERY: '{}',
        TMPDIR: profile.tmpDir
    };
}

function commonArguments(profile: CodeServerProfile): string[] {
    return ['--config', profile.configFile, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
}

/** Installs a .vsix file into the profile's extensions folder, as `code --install-extension` does. */
export function installExtension(tools: Tools, profile: CodeServerProfile, vsix: string): void {
    const result = spawnSync(tools.node, [tools.codeServerEntry, ...commonArguments(profile), '--install-extension', vsix], {
        encoding: 'utf8',
        env: codeServerEnvironment(tools, profile)
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.status !== 0 || !/successfully installed/i.test(output)) {
        throw new Error(`Installing ${vsix} into code-server failed with exit code ${result.status}:\n${output}`);
    }
}

export interface CodeServer {
    port: number;
    /** Base URL of the workbench, without a trailing slash. */
    url: string;
    /** Stops code-server and every process it started. */
    stop(): Promise<void>;
}

/** Starts code-server on 127.0.0.1 with a free port, in its own process group, and waits until its health check responds. */
export async function startCodeServer(tools: Tools, profile: CodeServerProfile): Promise<CodeServer> {
    const port = await findFreePort();
    const log = openSync(profile.logFile, 'a');
    const child = spawn(tools.node, [
        tools.codeServerEntry,
        ...commonArguments(profile),
        '--bind-addr', `${HOST}:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        // Ends the extension host and language server of a closed page after 10 s instead of
        // 3 hours, so that earlier pages do not compete with later ones for the CPU.
        '--reconnection-grace-time', '10',
        // Lets the page pass the extension-test `payload` URL parameter to the workbench.
        '--vscode-option', 'enable-smoke-test-driver'
    ], {
        env: codeServerEnvironment(tools, profile),
        stdio: ['ignore', log, log],
        detached: true
    });
    const pid = child.pid;
    if (pid === undefined) {
        throw new Error(`Starting code-server failed; see ${profile.logFile}.`);
    }
    let exited = false;
    const exit = new Promise<void>(resolve => child.once('exit', () => {
        exited = true;
        resolve();
    }));
    // code-server runs in a process group of its own, which a Ctrl+C in the terminal does not
    // reach, so the runner ends that group when it exits in any way.
    const killOnExit = () => killGroup(pid, 'SIGKILL');
    process.once('exit', killOnExit);

    const stop = async (): Promise<void> => {
        if (exited) {
            return;
        }
        killGroup(pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000);
        await exit;
        clearTimeout(timer);
        // The extension host and language server may outlive code-server's main process.
        killGroup(pid, 'SIGKILL');
        process.removeListener('exit', killOnExit);
    };

    const url = `http://${HOST}:${port}`;
    try {
        await waitForHealth(url, () => exited, 60_000);
    } catch (error) {
        await stop();
        const logTail = readFileSync(profile.logFile, 'utf8').trim().split('\n').slice(-20).join('\n');
        throw new Error(`${error instanceof Error ? error.message : String(error)}\ncode-server log (${profile.logFile}):\n${logTail}`);
    }
    return { port, url, stop };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
    try {
        process.kill(-pid, signal);
    } catch (error) {
        // ESRCH: the group has no processes left.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
            throw error;
        }
    }
}

async function findFreePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, HOST, () => {
            const address = server.address();
            server.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No free port found.')));
        });
    });
}

async function waitForHealth(url: string, hasExited: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (hasExited()) {
            throw new Error('code-server exited during start-up.');
        }
        try {
            const response = await fetch(`${url}/healthz`);
            if (response.ok) {
                return;
            }
        } catch {
            // Not listening yet.
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s.`);
}
