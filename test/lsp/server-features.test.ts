/**
 * Runs the bundled language server (out/server/main.cjs) as a separate process and checks hover,
 * references, rename, symbols, formatting and code actions over stdio, as an editor uses them.
 * The workspace is a temporary copy of examples/getting-started plus one file, monitors.mlarch,
 * that refers to a model of ml.mlarch, so that references and rename cross a file boundary.
 */
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ResponseError } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
    CodeAction, Command, Diagnostic, DocumentSymbol, Hover, Location, MarkupContent, Position, Range,
    SymbolInformation, TextEdit, WorkspaceEdit, WorkspaceSymbol
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { ServerProcess } from './server-process.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples/getting-started');
const WAIT_MS = 20_000;

/** A third file whose monitor watches ProductRanker, a model declared in ml.mlarch. */
const MONITORS_FILE = 'monitors.mlarch';
const MONITORS_TEXT = [
    'monitor RankerLatency "Ranker Latency" in Shop.ModelLayer {',
    '    watches ProductRanker',
    '    metric latency_p95 threshold 50 every "hourly"',
    '    emits drift_detected',
    '}',
    ''
].join('\n');

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

/** Applies LSP text edits to `text` with the reference implementation of vscode-languageserver-textdocument. */
function applyEdits(text: string, edits: TextEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create('file:///edit.mlarch', 'mlarch', 1, text), edits);
}

/** Collects the text edits per URI from either form of WorkspaceEdit. */
function editsByUri(edit: WorkspaceEdit): Map<string, TextEdit[]> {
    const result = new Map<string, TextEdit[]>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
        result.set(uri, [...(result.get(uri) ?? []), ...edits]);
    }
    for (const change of edit.documentChanges ?? []) {
        assert.ok('textDocument' in change, `unexpected resource operation ${JSON.stringify(change)}`);
        // An AnnotatedTextEdit is a TextEdit with an annotation id, so both apply the same way.
        // A SnippetTextEdit (LSP 3.18) has no newText and is a server bug here, because the client did not offer snippet edits.
        const edits = change.edits.map(item => {
            assert.ok('newText' in item, `unexpected snippet edit ${JSON.stringify(item)}`);
            return item;
        });
        result.set(change.textDocument.uri, [...(result.get(change.textDocument.uri) ?? []), ...edits]);
    }
    return result;
}

function codesOf(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map(diagnostic => String(diagnostic.code)).sort();
}

describe('language server features', () => {
    let workspaceDir: string;
    let server: ServerProcess;

    function uriOf(file: string): string {
        return URI.file(path.join(workspaceDir, file)).toString();
    }

    function readWorkspaceFile(file: string): string {
        return fs.readFileSync(path.join(workspaceDir, file), 'utf-8');
    }

    before(async () => {
        workspaceDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlarch-lsp-features-'));
        fs.cpSync(EXAMPLE_DIR, workspaceDir, { recursive: true });
        fs.writeFileSync(path.join(workspaceDir, MONITORS_FILE), MONITORS_TEXT);
        server = await ServerProcess.start(workspaceDir, WAIT_MS);
        // The workspace is indexed once the first diagnostics of ml.mlarch arrive.
        await server.waitForDiagnostics('the diagnostics of ml.mlarch', params => params.uri === uriOf('ml.mlarch'), 0, WAIT_MS);
    });

    after(async () => {
        if (server) {
            await server.stop(WAIT_MS).catch(() => undefined);
            if (server.alive) {
                server.process.kill();
            }
        }
        if (workspaceDir) {
            fs.rmSync(workspaceDir, { recursive: true, force: true });
        }
    });

    test('hover on model name', async () => {
        const text = readWorkspaceFile('ml.mlarch');
        const name = nameRange(text, 'model ', 'ProductRanker');
        const hover = await server.request<Hover | null>('textDocument/hover', {
            textDocument: { uri: uriOf('ml.mlarch') },
            position: name.start
        }, WAIT_MS);
        assert.ok(hover, 'no hover returned');
        const contents = hover.contents as MarkupContent;
        assert.equal(contents.kind, 'markdown', JSON.stringify(hover.contents));
        assert.match(contents.value, /Product Ranker/);
    });

    test('references across files', async () => {
        const text = readWorkspaceFile('ml.mlarch');
        const name = nameRange(text, 'model ', 'ProductRanker');
        const locations = await server.request<Location[] | null>('textDocument/references', {
            textDocument: { uri: uriOf('ml.mlarch') },
            position: name.start,
            context: { includeDeclaration: true }
        }, WAIT_MS);
        assert.ok(locations, 'no references returned');
        const uris = new Set(locations.map(location => location.uri));
        assert.ok(uris.has(uriOf('ml.mlarch')), `no location in ml.mlarch: ${JSON.stringify(locations)}`);
        assert.ok(uris.has(uriOf(MONITORS_FILE)), `no location in ${MONITORS_FILE}: ${JSON.stringify(locations)}`);
        const monitorReference = nameRange(MONITORS_TEXT, 'watches ', 'ProductRanker');
        assert.ok(locations.some(location => location.uri === uriOf(MONITORS_FILE) && location.range.start.line === monitorReference.start.line
            && location.range.start.character === monitorReference.start.character), `no location at the watches reference: ${JSON.stringify(locations)}`);
    });

    test('rename model across files', async () => {
        const text = readWorkspaceFile('ml.mlarch');
        const name = nameRange(text, 'model ', 'ProductRanker');
        const edit = await server.request<WorkspaceEdit | null>('textDocument/rename', {
            textDocument: { uri: uriOf('ml.mlarch') },
            position: name.start,
            newName: 'ProductScorer'
        }, WAIT_MS);
        assert.ok(edit, 'no workspace edit returned');
        const byUri = editsByUri(edit);

        const mlEdits = byUri.get(uriOf('ml.mlarch')) ?? [];
        assert.ok(mlEdits.some(item => item.newText === 'ProductScorer' && item.range.start.line === name.start.line
            && item.range.start.character === name.start.character), `the declaration is not renamed: ${JSON.stringify(mlEdits)}`);
        const renamedMl = applyEdits(text, mlEdits);
        assert.ok(!/\bProductRanker\b/.test(renamedMl), 'ml.mlarch still mentions ProductRanker after the rename');

        const monitorEdits = byUri.get(uriOf(MONITORS_FILE)) ?? [];
        assert.equal(applyEdits(MONITORS_TEXT, monitorEdits), MONITORS_TEXT.replace('ProductRanker', 'ProductScorer'));
    });

    test('rename to invalid name', async () => {
        const text = readWorkspaceFile('ml.mlarch');
        const name = nameRange(text, 'model ', 'ProductRanker');
        const request = server.request('textDocument/rename', {
            textDocument: { uri: uriOf('ml.mlarch') },
            position: name.start,
            newName: '1bad'
        }, WAIT_MS);
        await assert.rejects(request, (error: unknown) => {
            assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
            assert.match(error.message, /'1bad'/);
            return true;
        });
    });

    test('document symbols are nested', async () => {
        const symbols = await server.request<DocumentSymbol[] | SymbolInformation[] | null>('textDocument/documentSymbol', {
            textDocument: { uri: uriOf('platform.mlarch') }
        }, WAIT_MS);
        assert.ok(symbols, 'no document symbols returned');
        assert.ok(symbols.length > 0, 'the document symbol list is empty');
        assert.ok('children' in symbols[0] || 'selectionRange' in symbols[0], `flat symbols returned: ${JSON.stringify(symbols)}`);
        const shop = (symbols as DocumentSymbol[]).find(symbol => symbol.name === 'Shop');
        assert.ok(shop, `no Shop symbol: ${JSON.stringify(symbols.map(symbol => symbol.name))}`);
        const dataLayer = shop.children?.find(symbol => symbol.name === 'DataLayer');
        assert.ok(dataLayer, `Shop has no DataLayer child: ${JSON.stringify(shop.children?.map(symbol => symbol.name))}`);
        const eventBus = dataLayer.children?.find(symbol => symbol.name === 'EventBus');
        assert.ok(eventBus, `DataLayer has no EventBus child: ${JSON.stringify(dataLayer.children?.map(symbol => symbol.name))}`);
    });

    test('workspace symbol finds model', async () => {
        const symbols = await server.request<Array<SymbolInformation | WorkspaceSymbol> | null>('workspace/symbol', { query: 'ChurnPredictor' }, WAIT_MS);
        assert.ok(symbols, 'no workspace symbols returned');
        const churn = symbols.find(symbol => symbol.name === 'ChurnPredictor');
        assert.ok(churn, `ChurnPredictor not found: ${JSON.stringify(symbols.map(symbol => symbol.name))}`);
        assert.equal(churn.location.uri, uriOf('ml.mlarch'));
    });

    test('formatting gives canonical text', async () => {
        const uri = uriOf('messy.mlarch');
        const messy = 'model Messy "Messy Model" {\nowner "Data Team"\n          task ranking\n  trained on OrderHistory ,SessionActivity\n}';
        const canonical = 'model Messy "Messy Model" {\n    owner "Data Team"\n    task ranking\n    trained on OrderHistory, SessionActivity\n}\n';
        await server.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'mlarch', version: 1, text: messy }
        });
        const options = { tabSize: 4, insertSpaces: true };
        const edits = await server.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options }, WAIT_MS);
        assert.ok(edits, 'no formatting response for a badly indented document');
        assert.ok(edits.length > 0, 'no formatting edits for a badly indented document');
        const formatted = applyEdits(messy, edits);
        assert.equal(formatted, canonical);

        await server.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ text: formatted }]
        });
        const again = await server.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options }, WAIT_MS);
        assert.deepEqual(again ?? [], [], 'the formatted text formats to further edits');
    });

    test('code action fixes missing metadata', async () => {
        const uri = uriOf('ml.mlarch');
        const text = readWorkspaceFile('ml.mlarch');
        await server.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'mlarch', version: 1, text }
        });
        const churnName = nameRange(text, 'model ', 'ChurnPredictor');
        const current = [...server.published].reverse().find(params => params.uri === uri);
        assert.ok(current, 'no diagnostics of ml.mlarch published');
        const onChurn = current.diagnostics.filter(diagnostic => diagnostic.range.start.line === churnName.start.line);
        assert.ok(onChurn.some(diagnostic => diagnostic.code === 'missing-owner'), `no missing-owner diagnostic: ${JSON.stringify(codesOf(onChurn))}`);

        const actions = await server.request<Array<CodeAction | Command> | null>('textDocument/codeAction', {
            textDocument: { uri },
            range: churnName,
            context: { diagnostics: onChurn, only: ['quickfix'] }
        }, WAIT_MS);
        assert.ok(actions, 'no code actions returned');
        assert.ok(actions.length > 0, 'the code action list is empty');
        const quickFixes = actions.filter((action): action is CodeAction => 'kind' in action && action.kind === 'quickfix');
        const ownerFix = quickFixes.find(action => action.diagnostics?.some(diagnostic => diagnostic.code === 'missing-owner') && action.diagnostics.length === 1);
        assert.ok(ownerFix?.edit, `no quick fix with an edit for missing-owner: ${JSON.stringify(quickFixes.map(action => action.title))}`);

        const edits = editsByUri(ownerFix.edit).get(uri);
        assert.ok(edits, `the quick fix has no edit for ml.mlarch: ${JSON.stringify(ownerFix.edit)}`);
        assert.ok(edits.length > 0, `the quick fix has an empty edit list for ml.mlarch: ${JSON.stringify(ownerFix.edit)}`);
        const fixed = applyEdits(text, edits);
        const from = server.published.length;
        await server.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ text: fixed }]
        });
        const after = await server.waitForDiagnostics('the diagnostics of ml.mlarch after the quick fix', params => params.uri === uri, from, WAIT_MS);
        const codes = codesOf(after.diagnostics);
        assert.ok(!codes.includes('missing-owner'), `missing-owner is still reported: ${codes.join(', ')}`);
        assert.deepEqual(codes, codesOf(onChurn).filter(code => code !== 'missing-owner'));
    });
});
