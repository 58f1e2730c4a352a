/**
 * Validation of the messages that the preview webview posts to the extension and of the view
 * requests that the server and the extension accept. Also the webview's kind filter.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_PNG_SIDE, parseWebviewMessage } from '../../extension/src/webview-messages.js';
import { withoutKinds } from '../../extension/webview/graph-filter.js';
import type { ArchitectureGraph } from '../../language/src/graph/graph-model.js';
import { checkViewRequest } from '../../language/src/view-request.js';

/** A 1 × 1 PNG, base64-encoded. */
const PNG_DATA_URL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('setView messages', () => {
    test('view with parameters', () => {
        assert.deepEqual(
            parseWebviewMessage({ type: 'setView', view: 'model-dependencies', model: 'Netflix.Ranker', hops: 3 }),
            { type: 'setView', view: 'model-dependencies', model: 'Netflix.Ranker', hops: 3 }
        );
        assert.deepEqual(parseWebviewMessage({ type: 'setView', view: 'workflows', workflow: 'train' }), { type: 'setView', view: 'workflows', workflow: 'train' });
        assert.deepEqual(parseWebviewMessage({ type: 'setView', view: 'lineage' }), { type: 'setView', view: 'lineage' });
    });

    test('extra fields are dropped', () => {
        assert.deepEqual(parseWebviewMessage({ type: 'setView', view: 'lineage', command: 'rm -rf' }), { type: 'setView', view: 'lineage' });
    });

    test('invalid parameters are rejected', () => {
        const invalid: unknown[] = [
            { type: 'setView', view: 'everything' },
            { type: 'setView', view: 'model-dependencies', hops: 0 },
            { type: 'setView', view: 'model-dependencies', hops: 1.5 },
            { type: 'setView', view: 'model-dependencies', hops: '2' },
            { type: 'setView', view: 'model-dependencies', model: '<script>' },
            { type: 'setView', view: 'model-dependencies', model: 'a..b' },
            { type: 'setView', view: 'workflows', workflow: 42 },
            { type: 'setView', view: 'workflows', workflow: 'x'.repeat(2000) }
        ];
        for (const message of invalid) {
            assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message).slice(0, 100));
        }
    });

    test('view request errors name the value', () => {
        assert.match(String(checkViewRequest({ view: 'model-dependencies', hops: -1 })), /invalid hop count -1/);
        assert.match(String(checkViewRequest({ view: 'nope' })), /unknown view "nope"/);
        assert.match(String(checkViewRequest(null)), /expected an object/);
    });
});

describe('exportImage messages', () => {
    const svg = { type: 'exportImage', format: 'svg', theme: 'print', view: 'lineage', data: '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', width: 100, height: 50 };
    const png = { type: 'exportImage', format: 'png', theme: 'theme', view: 'workflows', data: PNG_DATA_URL, width: 1, height: 1 };

    test('valid SVG and PNG', () => {
        assert.deepEqual(parseWebviewMessage(svg), svg);
        assert.deepEqual(parseWebviewMessage(png), png);
    });

    test('invalid images are rejected', () => {
        const invalid: Array<Record<string, unknown>> = [
            { ...svg, format: 'gif' },
            { ...svg, theme: 'neon' },
            { ...svg, view: 'everything' },
            { ...svg, data: '<html><script>alert(1)</script></html>' },
            { ...svg, data: 42 },
            { ...svg, width: 0 },
            { ...svg, height: 1.5 },
            { ...png, data: 'data:image/jpeg;base64,/9j/4AAQ' },
            { ...png, data: 'data:image/png;base64,R0lGODlhAQABAAAAACw=' },
            { ...png, data: `${PNG_DATA_URL}!` },
            { ...png, data: 'https://example.invalid/image.png' },
            { ...png, width: MAX_PNG_SIDE + 1 }
        ];
        for (const message of invalid) {
            assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message).slice(0, 120));
        }
    });

    test('export failure keeps a short message', () => {
        const parsed = parseWebviewMessage({ type: 'exportFailed', format: 'png', message: 'x'.repeat(10_000) });
        assert.equal(parsed?.type, 'exportFailed');
        assert.equal(parsed?.type === 'exportFailed' ? parsed.message.length : 0, 500);
        assert.equal(parseWebviewMessage({ type: 'exportFailed', format: 'bmp', message: 'no' }), undefined);
    });
});

describe('kind filter of the preview', () => {
    const graph: ArchitectureGraph = {
        view: 'building-blocks',
        nodes: [
            { id: 'P', kind: 'platform', label: 'P', details: {} },
            { id: 'P.L', kind: 'group', label: 'L', parent: 'P', details: {} },
            { id: 'P.L.C', kind: 'component', label: 'C', parent: 'P.L', details: {} },
            { id: 'P.L.J', kind: 'job', label: 'J', parent: 'P.L', details: {} }
        ],
        edges: [
            { id: 'uses:P.L.C->P.L.J', source: 'P.L.C', target: 'P.L.J', kind: 'uses' },
            { id: 'uses:P.L->P', source: 'P.L', target: 'P', kind: 'uses' }
        ]
    };

    test('hidden parent hands children up', () => {
        const filtered = withoutKinds(graph, new Set(['group']));
        assert.deepEqual(filtered.nodes.map(node => [node.id, node.parent]), [['P', undefined], ['P.L.C', 'P'], ['P.L.J', 'P']]);
        assert.deepEqual(filtered.edges.map(edge => edge.id), ['uses:P.L.C->P.L.J']);
    });

    test('hidden kind drops its edges', () => {
        const filtered = withoutKinds(graph, new Set(['job']));
        assert.ok(filtered.nodes.every(node => node.kind !== 'job'));
        assert.deepEqual(filtered.edges.map(edge => edge.id), ['uses:P.L->P']);
        assert.equal(graph.nodes.length, 4, 'the input is unchanged');
    });

    test('nothing hidden returns the graph', () => {
        assert.equal(withoutKinds(graph, new Set()), graph);
    });
});
