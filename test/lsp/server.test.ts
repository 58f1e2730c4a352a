/**
 * Runs the bundled language server (out/server/main.cjs, built by `node scripts/build.mjs`) as
 * a separate process and talks LSP to it over stdio, as an editor does. The workspace is a
 * temporary copy of examples/getting-started, so the repository is never changed.
 */
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
    CompletionItem, CompletionList, Diagnostic, Location, LocationLink, Position, PublishDiagnosticsParams, Range
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_BUNDLE = path.join(REPO_ROOT, 'out/server/main.cjs');
const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples/getting-started');
const WAIT_MS = 20_000;

const MISSING_METADATA_CODES = [
    'missing-task', 'missing-framework', 'missing-version', 'missing-status',
    'missing-serving', 'missing-owner', 'missing-training-data', 'missing-baseline'
].sort();

interface GraphResult {
    view: string;
    nodes: Array<{ id: string; kind: string; column?: number; diagnostics?: { errors: number; warnings: number; messages: Array<{ message: string }> } }>;
    edges: Array<{ source: string; target: string }>;
    focus?: string;
    parameters?: { model?: string; hops?: number };
}

/** Returns the position of `offset` in `text` as zero-based line and character. */
function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Returns the range of `name` where it follows `prefix` in `text`, failing when it does not occur. */
function nameRange(text: string, prefix: string, name: string): Range {
    const index = text.indexOf(prefix + name);
    assert.ok(index >= 0, `text does not contain ${JSON.stringify(prefix + name)}`);
    const start = index + prefix.length;
    return { start: positionAt(text, start), end: positionAt(text, start + name.length) };
}

/** Returns the message text of a diagnostic. LSP also allows markup content, which MLArch does not send. */
function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function codesOf(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(diagnostic => String(diagnostic.code)).sort();
}

describe('language server process', () => {
    let workspaceDir: string;
    let server: ChildProcess;
    let connection: MessageConnection;
    let serverExit: Promise<number | null>;
    let stderr = '';
    const published: PublishDiagnosticsParams[] = [];
    const publishListeners = new Set<() => void>();

    /** Resolves with the first publication, received before or after the call, that matches. */
    function waitForDiagnostics(description: string, matches: (params: PublishDiagnosticsParams) => boolean, fromIndex = 0): Promise<PublishDiagnosticsParams> {
        return new Promise((resolve, reject) => {
            const check = (): boolean => {
                const found = published.slice(fromIndex).find(matches);
                if (found) {
                    publishListeners.delete(listener);
                    clearTimeout(timer);
                    resolve(found);
                }
                return found !== undefined;
            };
            const listener = (): void => {
                check();
            };
            const timer = setTimeout(() => {
                publishListeners.delete(listener);
                const seen = published.map(params => `${params.uri}: ${codesOf(params.diagnostics).join(', ')}`).join('\n');
                reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${description}. Publications so far:\n${seen}\nServer stderr:\n${stderr}`));
            }, WAIT_MS);
            publishListeners.add(listener);
            check();
        });
    }

    function withTimeout<T>(promise: Promise<T>, description: string): Promise<T> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${description}. Server stderr:\n${stderr}`)), WAIT_MS);
        });
        return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
    }

    function uriOf(file: string): string {
        return URI.file(path.join(workspaceDir, file)).toString();
    }

    function readWorkspaceFile(file: string): string {
        return fs.readFileSync(path.join(workspaceDir, file), 'utf-8');
    }

    before(async () => {
        assert.ok(fs.existsSync(SERVER_BUNDLE), `${SERVER_BUNDLE} is missing; run \`node scripts/build.mjs\` first`);
        workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlarch-lsp-'));
        fs.cpSync(EXAMPLE_DIR, workspaceDir, { recursive: true });

        server = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        server.stderr!.on('data', (chunk: Buffer) => {
            stderr += chunk.toString();
        });
        serverExit = new Promise(resolve => server.once('exit', code => resolve(code)));

        connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
        connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
            published.push(params);
            for (const listener of [...publishListeners]) {
                listener();
            }
        });
        // Reply to requests from the server, such as capability registration, with an empty result.
        connection.onRequest(() => null);
        connection.listen();

        const rootUri = URI.file(workspaceDir).toString();
        await withTimeout(connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'getting-started' }],
            capabilities: {
                textDocument: {
                    synchronization: { didSave: false },
                    completion: { completionItem: { snippetSupport: false } },
                    definition: { linkSupport: true },
                    publishDiagnostics: { relatedInformation: true }
                },
                workspace: { workspaceFolders: true }
            }
        }), 'the initialize response');
        await connection.sendNotification('initialized', {});
    });

    after(async () => {
        connection?.dispose();
        if (server && server.exitCode === null && server.signalCode === null) {
            server.kill();
        }
        if (workspaceDir) {
            fs.rmSync(workspaceDir, { recursive: true, force: true });
        }
    });

    test('start-up diagnostics without open', async () => {
        const text = readWorkspaceFile('ml.mlarch');
        const params = await waitForDiagnostics('the diagnostics of ml.mlarch',
            candidate => candidate.uri === uriOf('ml.mlarch') && candidate.diagnostics.length > 0);
        assert.deepEqual(codesOf(params.diagnostics), MISSING_METADATA_CODES);
        const expected = nameRange(text, 'model ', 'ChurnPredictor');
        for (const diagnostic of params.diagnostics) {
            assert.deepEqual(diagnostic.range, expected, `range of ${String(diagnostic.code)}`);
        }
        const platform = await waitForDiagnostics('the diagnostics of platform.mlarch', candidate => candidate.uri === uriOf('platform.mlarch'));
        assert.deepEqual(platform.diagnostics, []);
    });

    test('definition across files', async () => {
        const text = readWorkspaceFile('ml.mlarch');
        await connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: uriOf('ml.mlarch'), languageId: 'mlarch', version: 1, text }
        });
        // `consumers WebShop` in ml.mlarch names a component declared in platform.mlarch.
        const reference = nameRange(text, 'consumers ', 'WebShop');
        const result = await withTimeout(connection.sendRequest<Array<Location | LocationLink> | Location | null>('textDocument/definition', {
            textDocument: { uri: uriOf('ml.mlarch') },
            position: reference.start
        }), 'the definition response');
        assert.ok(result, 'no definition returned');
        const locations = Array.isArray(result) ? result : [result];
        assert.equal(locations.length, 1, JSON.stringify(locations));
        const [location] = locations;
        const targetUri = 'targetUri' in location ? location.targetUri : location.uri;
        const targetRange = 'targetUri' in location ? location.targetSelectionRange : location.range;
        assert.equal(targetUri, uriOf('platform.mlarch'));
        assert.deepEqual(targetRange, nameRange(readWorkspaceFile('platform.mlarch'), 'component ', 'WebShop'));
    });

    test('completion after depends on', async () => {
        // A new, unsaved file of the workspace folder.
        const text = 'model Draft {\n    depends on \n}\n';
        await connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: uriOf('draft.mlarch'), languageId: 'mlarch', version: 1, text }
        });
        const result = await withTimeout(connection.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', {
            textDocument: { uri: uriOf('draft.mlarch') },
            position: { line: 1, character: '    depends on '.length }
        }), 'the completion response');
        assert.ok(result, 'no completion returned');
        const items = Array.isArray(result) ? result : result.items;
        assert.deepEqual(items.map(item => item.label).sort(), ['ChurnPredictor', 'ProductRanker']);
    });

    test('graph request has models', async () => {
        // Draft is the unsaved file that the completion test opened.
        const blocks = await withTimeout(connection.sendRequest<GraphResult>('mlarch/graph', { view: 'building-blocks' }), 'the building-blocks graph');
        assert.equal(blocks.view, 'building-blocks');
        const blockModels = blocks.nodes.filter(node => node.kind === 'model').map(node => node.id).sort();
        assert.deepEqual(blockModels, ['ChurnPredictor', 'Draft', 'ProductRanker']);

        const lineage = await withTimeout(connection.sendRequest<GraphResult>('mlarch/graph', { view: 'lineage' }), 'the lineage graph');
        assert.equal(lineage.view, 'lineage');
        const lineageModels = lineage.nodes.filter(node => node.kind === 'model');
        assert.deepEqual(lineageModels.map(node => node.id).sort(), ['ChurnPredictor', 'Draft', 'ProductRanker']);
        assert.ok(lineageModels.every(node => node.column === 3), 'models are not in lineage column 3');
    });

    test('graph request rejects bad view', async () => {
        await assert.rejects(
            withTimeout(connection.sendRequest('mlarch/graph', { view: 'sideways' }), 'the graph error'),
            /unknown view "sideways"\. The view must be one of building-blocks, lineage, model-dependencies, workflows/);
    });

    test('graph nodes carry their diagnostics', async () => {
        const blocks = await withTimeout(connection.sendRequest<GraphResult>('mlarch/graph', { view: 'building-blocks' }), 'the building-blocks graph');
        const churn = blocks.nodes.find(node => node.id === 'ChurnPredictor')?.diagnostics;
        assert.ok(churn, 'ChurnPredictor carries its missing-metadata diagnostics');
        assert.equal(churn.errors + churn.warnings, MISSING_METADATA_CODES.length);
        assert.ok(churn.messages.every(item => item.message.includes('ChurnPredictor')));
        assert.equal(blocks.nodes.find(node => node.id === 'ProductRanker')?.diagnostics, undefined, 'the complete model has none');
    });

    test('model dependency graph request', async () => {
        const graph = await withTimeout(
            connection.sendRequest<GraphResult>('mlarch/graph', { view: 'model-dependencies', model: 'ProductRanker', hops: 1 }),
            'the model dependency graph');
        assert.equal(graph.view, 'model-dependencies');
        assert.equal(graph.focus, 'ProductRanker');
        assert.deepEqual(graph.parameters, { model: 'ProductRanker', hops: 1 });
        assert.ok(graph.nodes.length > 1, 'the model has neighbours');
        await assert.rejects(
            withTimeout(connection.sendRequest('mlarch/graph', { view: 'model-dependencies', hops: -2 }), 'the hop count error'),
            /invalid hop count -2/);
    });

    test('element at a position', async () => {
        const text = readWorkspaceFile('ml.mlarch');
        const offset = text.indexOf('ChurnPredictor "Churn Predictor"') + 3;
        const result = await withTimeout(connection.sendRequest('mlarch/elementAt', { uri: uriOf('ml.mlarch'), position: positionAt(text, offset) }), 'the element at the position');
        assert.deepEqual(result, { element: { id: 'ChurnPredictor', kind: 'model' } });
        const unknown = await withTimeout(connection.sendRequest('mlarch/elementAt', { uri: uriOf('absent.mlarch'), position: { line: 0, character: 0 } }), 'the unknown document');
        assert.deepEqual(unknown, {});
    });

    test('didChange publishes new diagnostics', async () => {
        const text = readWorkspaceFile('ml.mlarch');
        const end = positionAt(text, text.length);
        const insertion = '\nmodel FraudScorer "Fraud Scorer" { }\n';
        const newText = text + insertion;
        const from = published.length;
        await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: uriOf('ml.mlarch'), version: 2 },
            contentChanges: [{ range: { start: end, end }, text: insertion }]
        });
        const params = await waitForDiagnostics('diagnostics that name FraudScorer',
            candidate => candidate.uri === uriOf('ml.mlarch') && candidate.diagnostics.some(diagnostic => messageOf(diagnostic).includes('FraudScorer')),
            from);
        const expected = nameRange(newText, 'model ', 'FraudScorer');
        const onNewModel = params.diagnostics.filter(diagnostic => messageOf(diagnostic).includes('\'FraudScorer\''));
        assert.deepEqual(codesOf(onNewModel), MISSING_METADATA_CODES);
        for (const diagnostic of onNewModel) {
            assert.deepEqual(diagnostic.range, expected, `range of ${String(diagnostic.code)}`);
        }
        const onOldModel = params.diagnostics.filter(diagnostic => messageOf(diagnostic).includes('\'ChurnPredictor\''));
        assert.deepEqual(codesOf(onOldModel), MISSING_METADATA_CODES);
        assert.equal(params.diagnostics.length, 16);
    });

    test('shutdown and exit code 0', async () => {
        await withTimeout(connection.sendRequest('shutdown'), 'the shutdown response');
        await connection.sendNotification('exit');
        const code = await withTimeout(serverExit, 'the server to exit');
        assert.equal(code, 0);
    });
});
