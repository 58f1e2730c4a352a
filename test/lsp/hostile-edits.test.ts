/**
 * Feeds the bundled language server a sequence of hostile edits over JSON-RPC, as an editor
 * would send them. The edits bring unbalanced braces, lines of 5 MB (a string, keywords, random
 * characters, escaped quotes, dashes) and random UTF-16 code units with unpaired surrogates.
 * Then come NUL characters, 2,000 nested groups, 100,000 lines and a burst of keystrokes.
 * After each edit the server must publish diagnostics inside the document, return a result or
 * an error response for hover, completion, document symbols and two graph views, and stay
 * alive. The workspace is a temporary copy of examples/getting-started.
 */
import { describe, test, before, after, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ResponseError } from 'vscode-jsonrpc/node';
import type { Hover, Position, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { LineTable } from '../fuzz/checks.js';
import { dashes, escapedQuotes, keywordSoup, longStringLine, manyLines, nestedGroups, randomCharacters, unbalancedBraces } from '../fuzz/big-inputs.js';
import { SeededRandom } from '../fuzz/random.js';
import { ServerProcess } from './server-process.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples/getting-started');
/** Time limit for one request or one publication. A 5 MB document takes a few seconds to build. */
const WAIT_MS = 90_000;

const VALID_TEXT = `/** A model for the hostile-edit test. */
model HostileRanker "Hostile Ranker" {
    task ranking
    trained on OrderHistory
}
`;

/** Random UTF-16 code units, including NUL, control characters and unpaired surrogates. */
function randomCodeUnits(length: number, seed: number): string {
    const random = new SeededRandom(seed);
    let text = '';
    for (let index = 0; index < length; index++) {
        const roll = random.int(10);
        if (roll === 0) {
            text += String.fromCharCode(0xd800 + random.int(0x800));
        } else if (roll === 1) {
            text += '\u0000';
        } else if (roll < 5) {
            text += String.fromCharCode(random.int(0x80));
        } else {
            text += String.fromCharCode(random.int(0x10000));
        }
    }
    return text;
}

interface HostileStep {
    name: string;
    /** Returns the changes to send, given the current text. */
    changes(text: string): TextDocumentContentChangeEvent[];
}

function fullText(text: string): TextDocumentContentChangeEvent[] {
    return [{ text }];
}

/** Returns the ranged change that inserts text at `offset` of the current text. */
function insertAt(text: string, offset: number, insertion: string): TextDocumentContentChangeEvent[] {
    const position = positionAt(text, offset);
    return [{ range: { start: position, end: position }, text: insertion }];
}

function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    const line = before.split(/\r\n|\r|\n/).length - 1;
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    return { line, character: offset - lineStart };
}

/** Applies ranged or full changes as the server does, to know the text it now holds. */
function applyChanges(text: string, changes: TextDocumentContentChangeEvent[]): string {
    let result = text;
    for (const change of changes) {
        if (!('range' in change) || !change.range) {
            result = change.text;
            continue;
        }
        const offsets = lineOffsets(result);
        const offsetOf = (position: Position): number => Math.min((offsets[position.line] ?? result.length) + position.character, result.length);
        result = result.slice(0, offsetOf(change.range.start)) + change.text + result.slice(offsetOf(change.range.end));
    }
    return result;
}

function lineOffsets(text: string): number[] {
    const offsets = [0];
    for (let index = 0; index < text.length; index++) {
        const character = text[index];
        if (character === '\r' && text[index + 1] === '\n') {
            index++;
        }
        if (character === '\r' || character === '\n') {
            offsets.push(index + 1);
        }
    }
    return offsets;
}

const STEPS: HostileStep[] = [
    { name: 'valid text', changes: () => fullText(VALID_TEXT) },
    { name: 'unbalanced opening braces', changes: text => insertAt(text, text.indexOf('task'), '{{{{ {{ {') },
    { name: 'unbalanced closing braces', changes: text => insertAt(text, 0, '}}}}}}}}\n}') },
    { name: '100,000 unbalanced braces', changes: () => fullText(unbalancedBraces(100_000)) },
    { name: '5 MB string on one line', changes: () => fullText(longStringLine(5_000_000)) },
    { name: '5 MB line of keywords', changes: () => fullText(keywordSoup(5_000_000)) },
    { name: '5 MB of random characters', changes: () => fullText(randomCharacters(5_000_000)) },
    { name: '5 MB of escaped quotes', changes: () => fullText(escapedQuotes(5_000_000)) },
    { name: '5 MB of dashes', changes: () => fullText(dashes(5_000_000)) },
    { name: 'random code units with unpaired surrogates', changes: () => fullText(randomCodeUnits(200_000, 7)) },
    { name: 'NUL characters inside valid text', changes: () => fullText(VALID_TEXT.replace('ranking', `rank${'\u0000'.repeat(10_000)}ing`)) },
    { name: 'insertion inside a surrogate pair', changes: () => [...fullText(`model M "\u{1F600}" { }`), ...insertAt(`model M "\u{1F600}" { }`, 10, '\uD800x')] },
    { name: '2,000 nested groups', changes: () => fullText(nestedGroups(2_000)) },
    { name: '100,000 lines', changes: () => fullText(manyLines(100_000)) },
    { name: 'valid text again', changes: () => fullText(VALID_TEXT) }
];

describe('language server under hostile edits', () => {
    let workspaceDir: string;
    let server: ServerProcess;
    let uri: string;
    let text = '';
    let version = 1;

    before(async () => {
        workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlarch-hostile-'));
        fs.cpSync(EXAMPLE_DIR, workspaceDir, { recursive: true });
        server = await ServerProcess.start(workspaceDir, WAIT_MS);
        uri = URI.file(path.join(workspaceDir, 'hostile.mlarch')).toString();
        text = VALID_TEXT;
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'mlarch', version, text } });
    });

    after(async () => {
        await server?.stop(10_000);
        if (workspaceDir) {
            fs.rmSync(workspaceDir, { recursive: true, force: true });
        }
    });

    /** Sends a request and returns 'result' or 'error response'; fails on a timeout or a closed connection. */
    async function answers(method: string, params: unknown): Promise<'result' | 'error response'> {
        try {
            await server.request(method, params, WAIT_MS);
            return 'result';
        } catch (error) {
            if (error instanceof ResponseError) {
                return 'error response';
            }
            throw error;
        }
    }

    /** Asserts that every published diagnostic of the document lies inside the text the server holds. */
    function assertDiagnosticsInside(params: PublishDiagnosticsParams, current: string): void {
        const lines = new LineTable(current);
        for (const diagnostic of params.diagnostics) {
            const problem = lines.rangeProblem(diagnostic.range);
            const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
            assert.equal(problem, undefined, `diagnostic ${JSON.stringify(message.slice(0, 80))} lies outside the document`);
        }
    }

    async function probe(t: TestContext, step: string): Promise<void> {
        const end = positionAt(text, text.length);
        const middle = positionAt(text, Math.floor(text.length / 2));
        const requests: Array<[string, unknown]> = [
            ['textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }],
            ['textDocument/hover', { textDocument: { uri }, position: middle }],
            ['textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }],
            ['textDocument/completion', { textDocument: { uri }, position: end }],
            ['textDocument/documentSymbol', { textDocument: { uri } }],
            ['mlarch/graph', { view: 'building-blocks' }],
            ['mlarch/graph', { view: 'lineage' }]
        ];
        const outcomes: string[] = [];
        for (const [method, params] of requests) {
            const started = performance.now();
            const outcome = await answers(method, params);
            outcomes.push(`${method} ${outcome} in ${Math.round(performance.now() - started)} ms`);
        }
        t.diagnostic(`${step}: ${outcomes.join('; ')}`);
        assert.ok(server.alive, `the server exited after "${step}". Server stderr (tail):\n${server.stderr}`);
    }

    for (const step of STEPS) {
        test(step.name, async t => {
            const changes = step.changes(text);
            text = applyChanges(text, changes);
            version++;
            const from = server.published.length;
            const started = performance.now();
            await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
            const published = await server.waitForDiagnostics(`the diagnostics of version ${version}`,
                params => params.uri === uri && (params.version === undefined || params.version === version), from, WAIT_MS);
            t.diagnostic(`${step.name}: ${text.length} characters; ${published.diagnostics.length} diagnostics published after ${Math.round(performance.now() - started)} ms`);
            assertDiagnosticsInside(published, text);
            await probe(t, step.name);
        });
    }

    test('burst of 50 keystrokes', async t => {
        const from = server.published.length;
        for (let index = 0; index < 50; index++) {
            let keystroke = 'x';
            if (index % 7 === 0) {
                keystroke = '{';
            } else if (index % 11 === 0) {
                keystroke = '}';
            }
            const changes = insertAt(text, text.length, keystroke);
            text = applyChanges(text, changes);
            version++;
            await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
        }
        const published = await server.waitForDiagnostics(`the diagnostics of version ${version}`,
            params => params.uri === uri && (params.version === undefined || params.version === version), from, WAIT_MS);
        assertDiagnosticsInside(published, text);
        await probe(t, 'burst of 50 keystrokes');
    });

    test('correct answers after recovery', async () => {
        text = VALID_TEXT;
        version++;
        await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: fullText(text) });
        const hover = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionAt(text, text.indexOf('HostileRanker') + 2) }, WAIT_MS);
        const contents = hover?.contents;
        const markdown = contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
        assert.match(markdown, /HostileRanker/);
        const graph = await server.request<{ nodes: Array<{ id: string }> }>('mlarch/graph', { view: 'building-blocks' }, WAIT_MS);
        assert.ok(graph.nodes.some(node => node.id === 'HostileRanker'), 'the graph lacks the model of the hostile document');
    });

    test('shutdown with exit code 0', async () => {
        assert.doesNotMatch(server.stderr, /Maximum call stack size exceeded|Uncaught|FATAL/);
        const code = await server.stop(10_000);
        assert.equal(code, 0);
    });
});
