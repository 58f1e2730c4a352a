import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { expectCompletion } from 'langium/test';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { snippetPreview } from '../../language/src/lsp/construct-snippets.js';
import { createMlArchServices } from '../../language/src/mlarch-module.js';
import { buildWorkspace, describeDiagnostics } from './workspace-helpers.js';

const services = createMlArchServices(EmptyFileSystem).MlArch;
const completion = expectCompletion(services);

const SNIPPET_LABELS = ['experiment', 'job', 'model', 'workflow'];

function snippetsOf(list: CompletionList): CompletionItem[] {
    return list.items.filter(item => item.kind === CompletionItemKind.Snippet);
}

function snippetLabels(list: CompletionList): string[] {
    return snippetsOf(list).map(item => item.label).sort();
}

/** Returns the completion list at the `<|>` marker. */
async function completionsAt(text: string, mlarch = services): Promise<CompletionList> {
    let found: CompletionList | undefined;
    await expectCompletion(mlarch)({ text, index: 0, disposeAfterCheck: true, assert: list => { found = list; } });
    assert.ok(found, 'no completion list');
    return found;
}

/** Returns the text the snippet inserts with every placeholder at its default. */
function insertedText(item: CompletionItem | undefined): string {
    const text = item?.textEdit?.newText ?? item?.insertText;
    assert.ok(typeof text === 'string', `snippet ${item?.label} has no text`);
    return snippetPreview(text);
}

describe('construct snippets', () => {

    test('offered at top level', async () => {
        await completion({
            text: 'signal s\n<|>',
            index: 0,
            disposeAfterCheck: true,
            assert: list => {
                assert.deepEqual(snippetLabels(list), SNIPPET_LABELS);
                const labels = list.items.map(item => item.label);
                assert.ok(labels.filter(label => label === 'model').length === 2, 'the model keyword stays next to the snippet');
                for (const snippet of snippetsOf(list)) {
                    assert.equal(snippet.insertTextFormat, InsertTextFormat.Snippet, snippet.label);
                }
            }
        });
    });

    test('offered in platform and component bodies', async () => {
        assert.deepEqual(snippetLabels(await completionsAt('platform P {\n    <|>\n}')), SNIPPET_LABELS);
        assert.deepEqual(snippetLabels(await completionsAt('platform P { layer L { component C { <|> } } }')), SNIPPET_LABELS);
    });

    test('not offered in model body', async () => {
        assert.deepEqual(snippetLabels(await completionsAt('model M {\n    <|>\n}')), []);
    });

    test('filtered by typed prefix', async () => {
        assert.deepEqual(snippetLabels(await completionsAt('wor<|>')), ['workflow']);
    });

    test('model snippet has every required field', async () => {
        const list = await completionsAt('<|>');
        const model = insertedText(snippetsOf(list).find(item => item.label === 'model'));
        assert.match(model, /^model Name "Title" \{\n {4}owner "Team"\n {4}task ranking\n/);
        const workspace = await buildWorkspace({ 'main.mlarch': `${model}\ndataset TrainingData { }\n` });
        assert.deepEqual(workspace.document('main.mlarch').parseResult.parserErrors.map(error => error.message), []);
        const missing = workspace.diagnostics('main.mlarch').filter(diagnostic => String(diagnostic.code).startsWith('missing-'));
        assert.deepEqual(missing, [], describeDiagnostics(missing));
    });

    test('model snippet follows metadata policy', async () => {
        const mlarch = createMlArchServices(EmptyFileSystem).MlArch;
        mlarch.workspace.MetadataPolicy.requiredFields = new Set(['owner', 'status']);
        const model = insertedText(snippetsOf(await completionsAt('<|>', mlarch)).find(item => item.label === 'model'));
        assert.equal(model, 'model Name "Title" {\n    owner "Team"\n    status development\n}');
    });

    test('not offered without client support', async () => {
        const mlarch = createMlArchServices(EmptyFileSystem).MlArch;
        await mlarch.shared.lsp.LanguageServer.initialize({
            processId: null,
            rootUri: null,
            capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } }
        });
        const list = await completionsAt('<|>', mlarch);
        assert.deepEqual(snippetLabels(list), []);
        assert.ok(list.items.some(item => item.label === 'model'), 'keywords are still offered');
    });

    test('workflow, experiment and job snippets parse', async () => {
        const snippets = snippetsOf(await completionsAt('<|>'));
        const workflow = insertedText(snippets.find(item => item.label === 'workflow'));
        const experiment = insertedText(snippets.find(item => item.label === 'experiment'));
        const job = insertedText(snippets.find(item => item.label === 'job'));
        assert.match(workflow, /step start -> finish\n {4}step finish\n\}$/);
        assert.match(experiment, /variant control model Model traffic 50%\n {4}variant treatment model Model traffic 50%/);
        assert.match(job, /state stateful \{\n {8}backend "RocksDB"\n {8}checkpointing "every 60 s"\n {4}\}/);

        const workspace = await buildWorkspace({ 'main.mlarch': [workflow, experiment, job].join('\n') });
        const document = workspace.document('main.mlarch');
        assert.deepEqual(document.parseResult.parserErrors.map(error => error.message), []);
        assert.deepEqual(document.parseResult.lexerErrors.map(error => error.message), []);
    });
});
