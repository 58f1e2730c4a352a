/**
 * A language-server session for the benchmark: starts `node out/server/main.cjs --stdio`, talks
 * LSP to it over JSON-RPC as an editor does, and waits for diagnostics.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Position, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { MemoryUsageRequest } from '../language/src/protocol.js';
import { readStatusKb } from './measure.js';

interface DiagnosticsWaiter {
    matches(params: PublishDiagnosticsParams): boolean;
    resolve(params: PublishDiagnosticsParams): void;
}

export class LspSession {
    readonly connection: MessageConnection;
    private readonly server: ChildProcess;
    private readonly waiters = new Set<DiagnosticsWaiter>();
    private readonly published = new Map<string, Diagnostic[]>();
    private stderr = '';
    private versions = new Map<string, number>();

    /** Starts the server; `nodeArgs` go to Node.js before the bundle, such as `--cpu-prof`. */
    constructor(serverBundle: string, nodeArgs: string[] = []) {
        // MLARCH_DEBUG_REQUESTS turns on the server's debug requests, such as the heap size after GC.
        this.server = spawn(process.execPath, ['--expose-gc', ...nodeArgs, serverBundle, '--stdio'], {
            stdio: ['pipe', 'pipe', 'pipe'],
            env: { ...process.env, MLARCH_DEBUG_REQUESTS: '1' }
        });
        this.server.stderr!.on('data', chunk => {
            this.stderr += chunk;
        });
        this.connection = createMessageConnection(new StreamMessageReader(this.server.stdout!), new StreamMessageWriter(this.server.stdin!));
        this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            this.published.set(params.uri, params.diagnostics);
            for (const waiter of [...this.waiters]) {
                if (waiter.matches(params)) {
                    this.waiters.delete(waiter);
                    waiter.resolve(params);
                }
            }
        });
        this.connection.listen();
    }

    get pid(): number | undefined {
        return this.server.pid;
    }

    /** Resident set size of the server process in MB, from /proc. */
    residentMb(): number {
        return readStatusKb(this.server.pid, 'VmRSS') / 1024;
    }

    /** Peak resident set size of the server process so far in MB, from /proc. */
    peakResidentMb(): number {
        return readStatusKb(this.server.pid, 'VmHWM') / 1024;
    }

    /**
     * Returns the server's JavaScript heap in MB after a full garbage collection, or undefined
     * when the server does not handle `mlarch/debug/memory` (a debug request it may not have).
     */
    async heapMb(): Promise<number | undefined> {
        try {
            const usage = await this.connection.sendRequest<MemoryUsageRequest.Result | null>(MemoryUsageRequest.method);
            return usage?.collected && typeof usage.heapUsed === 'number' ? usage.heapUsed / 2 ** 20 : undefined;
        } catch {
            return undefined;
        }
    }

    /**
     * Initializes the server on `folder` and resolves when every one of `fileCount` documents has
     * published the diagnostics of the start-up build.
     */
    async initialize(folder: string, fileCount: number, timeoutMs: number): Promise<void> {
        const rootUri = URI.file(folder).toString();
        const seen = new Set<string>();
        const allPublished = this.waitFor(params => {
            seen.add(params.uri);
            return seen.size >= fileCount;
        }, timeoutMs, `diagnostics of all ${fileCount} files`);
        await this.connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'bench' }],
            capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } }
        });
        await this.connection.sendNotification('initialized', {});
        await allPublished;
    }

    async open(uri: string, text: string): Promise<void> {
        this.versions.set(uri, 1);
        await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mlarch', version: 1, text } });
    }

    /** Replaces the whole text of an open document. */
    async change(uri: string, text: string): Promise<void> {
        const version = (this.versions.get(uri) ?? 1) + 1;
        this.versions.set(uri, version);
        await this.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ text }]
        });
    }

    /** Resolves with the next publication for which `matches` returns true. */
    waitFor(matches: (params: PublishDiagnosticsParams) => boolean, timeoutMs: number, description: string): Promise<PublishDiagnosticsParams> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
                this.waiters.delete(waiter);
                reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}. Server stderr: ${this.stderr.slice(-2000)}`));
            }, timeoutMs);
            const waiter: DiagnosticsWaiter = {
                matches,
                resolve: params => {
                    clearTimeout(timer);
                    resolve(params);
                }
            };
            this.waiters.add(waiter);
        });
    }

    completion(uri: string, position: Position): Promise<unknown> {
        return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
    }

    definition(uri: string, position: Position): Promise<unknown> {
        return this.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position });
    }

    async close(): Promise<void> {
        const exited = new Promise<void>(resolve => this.server.once('exit', () => resolve()));
        try {
            await Promise.race([
                this.connection.sendRequest('shutdown').then(() => this.connection.sendNotification('exit')),
                new Promise(resolve => setTimeout(resolve, 5000))
            ]);
        } finally {
            const timer = setTimeout(() => this.server.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(timer);
            this.connection.dispose();
        }
    }
}

/** Returns the position of `offset` in `text` as zero-based line and character. */
export function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}
