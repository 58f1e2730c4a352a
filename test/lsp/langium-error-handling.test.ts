/**
 * Checks what Langium 4.4 does with an exception in MLArch code, on a language server that runs
 * in this process over in-memory streams. An exception in a validation check or in scope
 * resolution becomes an error diagnostic. An exception in a request handler becomes an error
 * response, and the server keeps handling requests.
 */
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { EmptyFileSystem, type ReferenceInfo } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, ErrorCodes, ProposedFeatures } from 'vscode-languageserver/node';
import type { Diagnostic, DocumentSymbol, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import type { MlArchAstType } from '../../language/src/generated/ast.js';
import { createMlArchServices } from '../../language/src/mlarch-module.js';

const URI = 'file:///virtual/errors.mlarch';
const TEXT = `model Ranker {
    task ranking
    depends on ThrowsInScope
}
`;
const WAIT_MS = 20_000;

function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

describe('Langium error handling', () => {
    let client: MessageConnection;
    let published: Promise<PublishDiagnosticsParams>;
    const originalConsoleError = console.error;

    before(async () => {
        // Langium logs each caught exception with console.error; the test expects them.
        console.error = () => undefined;
        const clientToServer = new PassThrough();
        const serverToClient = new PassThrough();
        const connection = createConnection(ProposedFeatures.all, clientToServer, serverToClient);
        const { shared, MlArch } = createMlArchServices({ connection, ...EmptyFileSystem });

        MlArch.validation.ValidationRegistry.register<MlArchAstType>({
            Model: () => {
                throw new Error('check failed on purpose');
            }
        });
        const scopeProvider = MlArch.references.ScopeProvider;
        const getScope = scopeProvider.getScope.bind(scopeProvider);
        scopeProvider.getScope = (context: ReferenceInfo) => {
            if (context.reference.$refText === 'ThrowsInScope') {
                throw new Error('scope failed on purpose');
            }
            return getScope(context);
        };
        MlArch.lsp.HoverProvider!.getHoverContent = () => {
            throw new Error('hover failed on purpose');
        };
        startLanguageServer(shared);

        client = createMessageConnection(new StreamMessageReader(serverToClient), new StreamMessageWriter(clientToServer));
        published = new Promise(resolve => {
            client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
                if (params.uri === URI) {
                    resolve(params);
                }
            });
        });
        client.onRequest(() => null);
        client.listen();
        await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
        await client.sendNotification('initialized', {});
        await client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'mlarch', version: 1, text: TEXT } });
    });

    after(() => {
        console.error = originalConsoleError;
        client?.dispose();
    });

    function withTimeout<T>(promise: Promise<T>, description: string): Promise<T> {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Timed out after ${WAIT_MS} ms waiting for ${description}.`)), WAIT_MS);
        });
        return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
    }

    test('check exception becomes a diagnostic', async () => {
        const params = await withTimeout(published, 'the diagnostics');
        const fromCheck = params.diagnostics.filter(diagnostic => messageOf(diagnostic) === 'An error occurred during validation: check failed on purpose');
        assert.equal(fromCheck.length, 1, params.diagnostics.map(messageOf).join('\n'));
        assert.equal(fromCheck[0].severity, 1);
        // The other checks still ran: the model lacks required metadata.
        assert.ok(params.diagnostics.some(diagnostic => diagnostic.code === 'missing-version'), params.diagnostics.map(messageOf).join('\n'));
    });

    test('scope exception becomes a diagnostic', async () => {
        const params = await withTimeout(published, 'the diagnostics');
        const fromScope = params.diagnostics.filter(diagnostic => messageOf(diagnostic).includes('scope failed on purpose'));
        assert.equal(fromScope.length, 1, params.diagnostics.map(messageOf).join('\n'));
        assert.match(messageOf(fromScope[0]), /^An error occurred while resolving reference to 'ThrowsInScope'/);
    });

    test('handler exception becomes an error response', async () => {
        const hover = withTimeout(client.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 7 } }), 'the hover response');
        await assert.rejects(hover, (error: unknown) => {
            assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
            assert.equal(error.code, ErrorCodes.InternalError);
            assert.match(error.message, /hover failed on purpose/);
            return true;
        });
    });

    test('server answers after the exception', async () => {
        const symbols = await withTimeout(client.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } }), 'the document symbols');
        assert.deepEqual(symbols.map(symbol => symbol.name), ['Ranker']);
    });
});
