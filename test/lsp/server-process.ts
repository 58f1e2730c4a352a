/**
 * Starts the bundled language server (out/server/main.cjs, built by `node scripts/build.mjs`) as
 * a child process on stdio and talks JSON-RPC to it, as an editor does. Every wait has a time
 * limit, so a server that stops responding fails the test instead of hanging it.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'out/server/main.cjs');

export class ServerProcess {
    readonly published: PublishDiagnosticsParams[] = [];
    stderr = '';
    private readonly listeners = new Set<() => void>();
    readonly exit: Promise<number | null>;

    private constructor(readonly process: ChildProcess, readonly connection: MessageConnection) {
        this.exit = new Promise(resolve => process.once('exit', code => resolve(code)));
        process.stderr!.on('data', (chunk: Buffer) => {
            // Keep the tail only: a server that logs per keystroke must not fill the test's memory.
            this.stderr = (this.stderr + chunk.toString()).slice(-20_000);
        });
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            this.published.push(params);
            for (const listener of [...this.listeners]) {
                listener();
            }
        });
        // Reply to requests from the server, such as capability registration, with an empty result.
        connection.onRequest(() => null);
        connection.listen();
    }

    /**
     * Spawns the server with a workspace folder and completes the initialize handshake. `options`
     * add Node.js arguments before the bundle and variables to the environment.
     */
    static async start(workspaceDir: string, timeoutMs: number, options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<ServerProcess> {
        assert.ok(fs.existsSync(SERVER_BUNDLE), `${SERVER_BUNDLE} is missing; run \`node scripts/build.mjs\` first`);
        const child = spawn(process.execPath, [...options.nodeArgs ?? [], SERVER_BUNDLE, '--stdio'], {
            stdio: ['pipe', 'pipe', 'pipe'],
            env: { ...process.env, ...options.env }
        });
        const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
        const server = new ServerProcess(child, connection);
        const rootUri = URI.file(workspaceDir).toString();
        await server.request('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: path.basename(workspaceDir) }],
            capabilities: {
                textDocument: {
                    synchronization: { didSave: false },
                    completion: { completionItem: { snippetSupport: true } },
                    definition: { linkSupport: true },
                    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
                    publishDiagnostics: { relatedInformation: true }
                },
                workspace: { workspaceFolders: true }
            }
        }, timeoutMs);
        await connection.sendNotification('initialized', {});
        return server;
    }

    get alive(): boolean {
        return this.process.exitCode === null && this.process.signalCode === null;
    }

    /** Sends a request and rejects when no response arrives within `timeoutMs`. */
    request<T>(method: string, params: unknown, timeoutMs: number): Promise<T> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for the ${method} response. Server stderr (tail):\n${this.stderr}`)), timeoutMs);
        });
        return Promise.race([this.connection.sendRequest<T>(method, params), timeout]).finally(() => clearTimeout(timer));
    }

    /** Resolves with the first publication from index `fromIndex` on that matches, waiting at most `timeoutMs`. */
    waitForDiagnostics(description: string, matches: (params: PublishDiagnosticsParams) => boolean, fromIndex: number, timeoutMs: number): Promise<PublishDiagnosticsParams> {
        return new Promise((resolve, reject) => {
            const listener = (): void => {
                const found = this.published.slice(fromIndex).find(matches);
                if (found) {
                    this.listeners.delete(listener);
                    clearTimeout(timer);
                    resolve(found);
                }
            };
            const timer = setTimeout(() => {
                this.listeners.delete(listener);
                reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}. Server stderr (tail):\n${this.stderr}`));
            }, timeoutMs);
            this.listeners.add(listener);
            listener();
        });
    }

    /** Asks the server to shut down and exit; kills it when it does not exit within `timeoutMs`. */
    async stop(timeoutMs: number): Promise<number | null> {
        if (!this.alive) {
            this.connection.dispose();
            return this.process.exitCode;
        }
        try {
            await this.request('shutdown', null, timeoutMs);
            await this.connection.sendNotification('exit');
            const timer = setTimeout(() => this.process.kill(), timeoutMs);
            const code = await this.exit;
            clearTimeout(timer);
            return code;
        } finally {
            this.connection.dispose();
            if (this.alive) {
                this.process.kill();
            }
        }
    }
}
