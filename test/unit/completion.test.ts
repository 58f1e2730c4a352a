import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CompletionItemKind } from 'vscode-languageserver';
import { buildWorkspace, stripMarkers } from './workspace-helpers.js';

/**
 * A workspace with one element of each kind, in a second file, so that reference completions
 * can be checked for what they leave out. Nested elements are offered under their simple and
 * their qualified name.
 */
const OTHER_FILE = `platform Plat {
    layer Layer {
        component Comp
        model NestedModel { }
    }
}
datastore Store { }
stream Events { }
dataset Data { }
featurestore Features {
    group Clicks { }
}
job Etl { }
pipeline Nightly { }
signal Ready
workflow Flow {
    step other_step
}
endpoint Api { }
experiment Test { }
monitor Watch { }
model Other { }
`;

const ALL_MODELS = ['NestedModel', 'Plat.Layer.NestedModel', 'Other'];

/** Returns the sorted completion labels at the `<|>` marker of `source`, next to the other file. */
async function completionLabels(source: string): Promise<string[]> {
    const { text, cursor } = stripMarkers(source);
    assert.ok(cursor >= 0, 'test input has no <|> cursor marker');
    const workspace = await buildWorkspace({ 'other.mlarch': OTHER_FILE, 'main.mlarch': text });
    const document = workspace.document('main.mlarch');
    const completion = await workspace.services.lsp.CompletionProvider?.getCompletion(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(cursor)
    });
    assert.ok(completion, 'the completion provider returned nothing');
    // Construct snippets have tests of their own; these tests look at keywords and references.
    return completion.items.filter(item => item.kind !== CompletionItemKind.Snippet).map(item => item.label).sort();
}

function sorted(labels: string[]): string[] {
    return [...labels].sort();
}

describe('completion keywords', () => {
    test('top-level keywords', async () => {
        const labels = await completionLabels('<|>');
        assert.deepEqual(labels, sorted([
            'platform', 'group', 'layer', 'component', 'datastore', 'stream', 'dataset', 'job', 'pipeline',
            'featurestore', 'model', 'workflow', 'signal', 'endpoint', 'experiment', 'monitor'
        ]));
    });

    test('model body keywords', async () => {
        const labels = await completionLabels('model M {\n    <|>\n}');
        assert.deepEqual(labels, sorted([
            'description', 'id', 'owner', 'task', 'type', 'framework', 'version', 'status', 'serving',
            'trained', 'depends', 'consumes', 'baseline', 'history', 'purpose', 'limitations', 'card',
            'uses', 'feedback'
        ]));
    });

    test('model status values', async () => {
        const labels = await completionLabels('model M {\n    status <|>\n}');
        assert.deepEqual(labels, sorted([
            'development', 'experimentation', 'candidate', 'canary', 'shadow', 'production', 'deprecated', 'retired'
        ]));
    });

    test('model serving values', async () => {
        const labels = await completionLabels('model M {\n    serving <|>\n}');
        assert.deepEqual(labels, sorted(['realtime', 'batch']));
    });

    test('model task values', async () => {
        const labels = await completionLabels('model M {\n    task <|>\n}');
        assert.deepEqual(labels, sorted([
            'ranking', 'classification', 'regression', 'generation', 'recommendation', 'retrieval',
            'forecasting', 'clustering', 'embedding', 'detection', 'estimation', 'other'
        ]));
    });

    test('job mode values', async () => {
        const labels = await completionLabels('job J {\n    mode <|>\n}');
        assert.deepEqual(labels, sorted(['streaming', 'batch', 'hybrid', 'event-driven']));
    });

    test('job state values', async () => {
        const labels = await completionLabels('job J {\n    state <|>\n}');
        assert.deepEqual(labels, sorted(['stateless', 'stateful']));
    });

    test('datastore kind values', async () => {
        const labels = await completionLabels('datastore D {\n    kind <|>\n}');
        assert.deepEqual(labels, sorted([
            'object-store', 'table', 'key-value', 'cache', 'warehouse', 'database', 'search-index', 'registry'
        ]));
    });
});

describe('completion references', () => {
    test('depends on offers other models', async () => {
        // The model being edited is left out: depending on itself is a cycle.
        const labels = await completionLabels('model Current {\n    depends on <|>\n}');
        assert.deepEqual(labels, sorted(ALL_MODELS));
    });

    test('trained on offers training data', async () => {
        const labels = await completionLabels('model Current {\n    trained on <|>\n}');
        assert.deepEqual(labels, sorted(['Data', 'Clicks', 'Features.Clicks']));
    });

    test('variant model offers models', async () => {
        const labels = await completionLabels('experiment X {\n    variant a model <|>\n}');
        assert.deepEqual(labels, sorted(ALL_MODELS));
    });

    test('reads offers data sources', async () => {
        const labels = await completionLabels('job J {\n    reads <|>\n}');
        assert.deepEqual(labels, sorted(['Store', 'Events', 'Data', 'Clicks', 'Features.Clicks']));
    });

    test('trigger on offers signals', async () => {
        const labels = await completionLabels('signal Local\nworkflow W {\n    trigger on <|>\n}');
        assert.deepEqual(labels, sorted(['Ready', 'Local']));
    });

    test('serves offers models', async () => {
        const labels = await completionLabels('endpoint E {\n    serves <|>\n}');
        assert.deepEqual(labels, sorted(ALL_MODELS));
    });

    test('step edge offers sibling steps', async () => {
        const labels = await completionLabels('workflow W {\n    step first -> <|>\n    step second\n    step third\n}');
        assert.deepEqual(labels, sorted(['second', 'third']));
    });

    test('in offers containers', async () => {
        const labels = await completionLabels('model M in <|> { }');
        assert.deepEqual(labels, sorted(['Plat', 'Plat.Layer', 'Layer', 'Plat.Layer.Comp', 'Comp']));
    });

    test('feature group source offers jobs', async () => {
        const labels = await completionLabels('featurestore F {\n    group G {\n        source <|>\n    }\n}');
        assert.deepEqual(labels, sorted(['Etl', 'Nightly']));
    });

    test('depends on filters by prefix', async () => {
        const labels = await completionLabels('model Current {\n    depends on Oth<|>\n}');
        assert.deepEqual(labels, ['Other']);
    });
});
