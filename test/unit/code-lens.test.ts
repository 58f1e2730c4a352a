import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { CodeLens, InitializeResult } from 'vscode-languageserver';
import { createMlArchServices, type MlArchServices } from '../../language/src/mlarch-module.js';
import {
    CLIENT_COMMANDS_OPTION, SHOW_DEPENDENCIES_COMMAND, SHOW_REFERENCES_COMMAND, type ShowDependenciesArguments
} from '../../language/src/lsp/show-dependencies-command.js';
import { buildWorkspace, rangeOf, readExample, testUri } from './workspace-helpers.js';

const LINEAGE = `dataset Clicks { }
featurestore Store {
    group Sessions { source SessionJob }
}
job SessionJob {
    reads Clicks
    writes Sessions
}
workflow Training { step fit }
model Base { trained on Clicks }
model Ranker {
    trained on Clicks, Sessions
    consumes Sessions
    trained by Training
    depends on Base
}
model Reranker { depends on Ranker }
endpoint Api { serves Ranker mode realtime consumers Web }
component Web
experiment Test {
    variant a model Ranker traffic 50
    variant b model Base traffic 50
}
`;

const FILE = 'lineage.mlarch';

async function lensesOf(services: MlArchServices, document: LangiumDocument): Promise<CodeLens[]> {
    return await services.lsp.CodeLensProvider!.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } }) ?? [];
}

/** Returns the lenses whose range is the name of the element declared by `declaration`. */
function lensesAt(lenses: CodeLens[], text: string, declaration: string): CodeLens[] {
    const name = declaration.split(' ')[1];
    const start = rangeOf(text, declaration).start;
    const nameStart = { line: start.line, character: start.character + declaration.indexOf(name) };
    return lenses.filter(lens => lens.range.start.line === nameStart.line && lens.range.start.character === nameStart.character);
}

/** Returns the start positions of the names of the given declarations, sorted. */
function namePositions(text: string, declarations: string[]): string[] {
    return declarations.map(declaration => {
        const start = rangeOf(text, declaration).start;
        return `${start.line}:${start.character + declaration.indexOf(' ') + 1}`;
    }).sort();
}

describe('code lenses', () => {
    test('model lens counts', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const lenses = lensesAt(await lensesOf(workspace.services, workspace.document(FILE)), LINEAGE, 'model Ranker');
        assert.deepEqual(lenses.map(lens => lens.command?.title), ['4 upstream', '3 downstream', '1 endpoint', '1 experiment']);
    });

    test('model without endpoints', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const lenses = lensesAt(await lensesOf(workspace.services, workspace.document(FILE)), LINEAGE, 'model Base');
        assert.deepEqual(lenses.map(lens => lens.command?.title), ['1 upstream', '2 downstream', '0 endpoints', '1 experiment']);
    });

    test('job lens counts reads and writes', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const lenses = lensesAt(await lensesOf(workspace.services, workspace.document(FILE)), LINEAGE, 'job SessionJob');
        // Sessions is written by the job and names it as source: one element, counted once.
        assert.deepEqual(lenses.map(lens => lens.command?.title), ['1 upstream', '1 downstream']);
    });

    test('no lenses on other elements', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const lenses = await lensesOf(workspace.services, workspace.document(FILE));
        const lines = new Set(lenses.map(lens => lens.range.start.line));
        const expected = ['job SessionJob', 'model Base', 'model Ranker', 'model Reranker'].map(declaration => rangeOf(LINEAGE, declaration).start.line);
        assert.deepEqual([...lines].sort((a, b) => a - b), expected.sort((a, b) => a - b));
    });

    test('fallback command lists positions', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const [upstream] = lensesAt(await lensesOf(workspace.services, workspace.document(FILE)), LINEAGE, 'model Ranker');
        assert.equal(upstream.command?.command, SHOW_REFERENCES_COMMAND);
        const [uri, position, locations] = upstream.command!.arguments as [string, { line: number; character: number }, Array<{ uri: string; range: { start: { line: number; character: number } } }>];
        assert.equal(uri, testUri(FILE));
        assert.deepEqual(position, upstream.range.start);
        assert.ok(locations.every(location => location.uri === testUri(FILE)));
        const found = locations.map(location => `${location.range.start.line}:${location.range.start.character}`).sort();
        assert.deepEqual(found, namePositions(LINEAGE, ['dataset Clicks', 'group Sessions', 'workflow Training', 'model Base']));
    });

    test('client command when declared', async () => {
        const { shared, MlArch: services } = createMlArchServices(EmptyFileSystem);
        const result: InitializeResult = await shared.lsp.LanguageServer.initialize({
            processId: null,
            rootUri: null,
            capabilities: {},
            initializationOptions: { [CLIENT_COMMANDS_OPTION]: [SHOW_DEPENDENCIES_COMMAND] }
        });
        assert.deepEqual(result.capabilities.codeLensProvider, { resolveProvider: false });

        const document = shared.workspace.LangiumDocumentFactory.fromString(LINEAGE, URI.parse(testUri(FILE)));
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document], { validation: true });

        const lenses = lensesAt(await lensesOf(services, document), LINEAGE, 'model Ranker');
        assert.ok(lenses.every(lens => lens.command?.command === SHOW_DEPENDENCIES_COMMAND));
        const endpoints = lenses[2].command!.arguments![0] as ShowDependenciesArguments;
        assert.equal(endpoints.qualifiedName, 'Ranker');
        assert.equal(endpoints.elementKind, 'model');
        assert.equal(endpoints.dependencyKind, 'endpoints');
        assert.equal(endpoints.uri, testUri(FILE));
        assert.deepEqual(endpoints.locations.map(location => location.range.start), [rangeOf(LINEAGE, 'Api').start]);
    });

    test('lenses on every netflix model and job', async () => {
        const files = readExample('netflix');
        const workspace = await buildWorkspace(files);
        for (const name of Object.keys(files)) {
            const document = workspace.document(name);
            const lenses = await lensesOf(workspace.services, document);
            const text = files[name];
            const models = [...text.matchAll(/^\s*model (\w+)/gm)].length;
            const jobs = [...text.matchAll(/^\s*(?:job|pipeline) (\w+)/gm)].length;
            assert.equal(lenses.length, models * 4 + jobs * 2, `${name}: ${models} model(s) and ${jobs} job(s)`);
            for (const lens of lenses) {
                assert.match(lens.command?.title ?? '', /^\d+ (upstream|downstream|endpoints?|experiments?)$/, name);
            }
        }
    });
});
