import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatViewSpec, viewRequestOf, parseViewSpec, VIEW_SPEC_FORMS, ViewSpecError, type ViewSpec } from '../../language/src/export/view-spec.js';

describe('parseViewSpec', () => {
    const valid: Array<[string, ViewSpec]> = [
        ['building-blocks', { view: 'building-blocks' }],
        ['lineage', { view: 'lineage' }],
        ['workflows', { view: 'workflows' }],
        ['workflow:rec_model_training', { view: 'workflows', workflow: 'rec_model_training' }],
        ['model:RecommendationEnsemble', { view: 'model-dependencies', model: 'RecommendationEnsemble' }],
        ['model:Netflix.ModelLayer.Ranker', { view: 'model-dependencies', model: 'Netflix.ModelLayer.Ranker' }],
        ['model:Ranker:2', { view: 'model-dependencies', model: 'Ranker', hops: 2 }],
        [' lineage ', { view: 'lineage' }]
    ];
    for (const [text, expected] of valid) {
        test(`accepts '${text}'`, () => {
            assert.deepEqual(parseViewSpec(text), expected);
        });
    }

    const invalid: Array<[string, RegExp]> = [
        ['deployment', /Unknown view 'deployment'\. Use one of: building-blocks, lineage, model:<name>, model:<name>:<hops>, workflows, workflow:<name>\./],
        ['', /Unknown view ''/],
        ['models', /Unknown view 'models'/],
        ['model:', /Missing model name in view 'model:'/],
        ['model', /Missing model name in view 'model'/],
        ['workflow:', /Missing workflow name/],
        ['model:Ranker:0', /Invalid hop count '0'/],
        ['model:Ranker:two', /Invalid hop count 'two'/],
        ['model:Ranker:-1', /Invalid hop count '-1'/],
        ['model:1Ranker', /Invalid model name '1Ranker'/],
        ['model:Shop..Ranker', /Invalid model name 'Shop\.\.Ranker'/],
        ['workflow:a b', /Invalid workflow name 'a b'/]
    ];
    for (const [text, message] of invalid) {
        test(`rejects '${text}'`, () => {
            assert.throws(() => parseViewSpec(text), error => error instanceof ViewSpecError && message.test(error.message));
        });
    }

    test('lists every form in the error', () => {
        assert.throws(() => parseViewSpec('nope'), error => VIEW_SPEC_FORMS.every(form => (error as Error).message.includes(form)));
    });
});

describe('formatViewSpec', () => {
    for (const text of ['building-blocks', 'lineage', 'workflows', 'workflow:w', 'model:A.B', 'model:A:3']) {
        test(`round-trips '${text}'`, () => {
            assert.equal(formatViewSpec(parseViewSpec(text)), text);
        });
    }
});

describe('viewRequestOf', () => {
    test('maps structural views without parameters', () => {
        assert.deepEqual(viewRequestOf({ view: 'building-blocks' }), { view: 'building-blocks', parameters: {} });
        assert.deepEqual(viewRequestOf({ view: 'lineage' }), { view: 'lineage', parameters: {} });
    });

    test('passes model and hops', () => {
        assert.deepEqual(viewRequestOf({ view: 'model-dependencies', model: 'Ranker', hops: 1 }),
            { view: 'model-dependencies', parameters: { model: 'Ranker', hops: 1 } });
    });

    test('passes one workflow or none', () => {
        assert.deepEqual(viewRequestOf({ view: 'workflows', workflow: 'train' }), { view: 'workflows', parameters: { workflow: 'train' } });
        assert.deepEqual(viewRequestOf({ view: 'workflows' }), { view: 'workflows', parameters: {} });
    });
});
