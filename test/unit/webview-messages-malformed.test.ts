/**
 * The extension treats every message from the preview webview as untrusted input. These cases
 * post what a buggy or compromised webview could: values of the wrong type, missing fields,
 * positions that are negative, fractional or not numbers, huge strings and unknown types.
 * parseWebviewMessage checks only the shape and the length of a reveal's URI; whether the URI
 * lies in the workspace is checkRevealTarget's job (reveal-target.test.ts).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MAX_REVEAL_URI_CHARACTERS, parseWebviewMessage } from '../../extension/src/webview-messages.js';
import { VIEW_KINDS } from '../../language/src/graph/graph-model.js';

const RANGE = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };
const URI = 'file:///workspace/ml.mlarch';
const HUGE = 'x'.repeat(1_000_000);

/** Returns a reveal message with one position field of its range replaced. */
function withPosition(field: 'start' | 'end', key: 'line' | 'character', value: unknown): unknown {
    return { type: 'reveal', uri: URI, range: { ...RANGE, [field]: { ...RANGE[field], [key]: value } } };
}

const REJECTED: Array<[string, unknown]> = [
    ['undefined', undefined],
    ['null', null],
    ['number', 42],
    ['string', 'ready'],
    ['boolean', true],
    ['array', ['ready']],
    ['empty object', {}],
    ['object without prototype', Object.create(null)],
    ['type not a string', { type: 1 }],
    ['type an array', { type: ['ready'] }],
    ['unknown type', { type: 'runCommand', command: 'workbench.action.quit' }],
    ['type in upper case', { type: 'READY' }],
    ['type with a trailing space', { type: 'ready ' }],
    ['type named after a prototype key', { type: 'constructor' }],
    ['huge type', { type: HUGE }],
    ['setView without view', { type: 'setView' }],
    ['setView with unknown view', { type: 'setView', view: 'sideways' }],
    ['setView with view in upper case', { type: 'setView', view: 'LINEAGE' }],
    ['setView with view as a number', { type: 'setView', view: 1 }],
    ['setView with view in an array', { type: 'setView', view: ['lineage'] }],
    ['setView with view __proto__', { type: 'setView', view: '__proto__' }],
    ['setView with huge view', { type: 'setView', view: HUGE }],
    ['setView with huge model name', { type: 'setView', view: 'model-dependencies', model: HUGE }],
    ['setView with negative hops', { type: 'setView', view: 'model-dependencies', hops: -1 }],
    ['reveal without uri', { type: 'reveal', range: RANGE }],
    ['reveal with uri as a number', { type: 'reveal', uri: 7, range: RANGE }],
    ['reveal with uri as an object', { type: 'reveal', uri: { scheme: 'file', path: '/etc/passwd' }, range: RANGE }],
    ['reveal without range', { type: 'reveal', uri: URI }],
    ['reveal with range as a string', { type: 'reveal', uri: URI, range: '1:2-1:9' }],
    ['reveal with range as an array', { type: 'reveal', uri: URI, range: [1, 2, 1, 9] }],
    ['reveal without start', { type: 'reveal', uri: URI, range: { end: RANGE.end } }],
    ['reveal without end', { type: 'reveal', uri: URI, range: { start: RANGE.start } }],
    ['reveal without line', { type: 'reveal', uri: URI, range: { start: { character: 2 }, end: RANGE.end } }],
    ['negative start line', withPosition('start', 'line', -1)],
    ['negative end character', withPosition('end', 'character', -5)],
    ['fractional start line', withPosition('start', 'line', 1.5)],
    ['fractional end character', withPosition('end', 'character', 0.25)],
    ['NaN line', withPosition('start', 'line', Number.NaN)],
    ['infinite character', withPosition('end', 'character', Number.POSITIVE_INFINITY)],
    ['line as a string', withPosition('start', 'line', '1')],
    ['line as null', withPosition('end', 'line', null)],
    ['line as a huge string', withPosition('start', 'line', HUGE)]
];

describe('malformed webview messages', () => {

    for (const [name, message] of REJECTED) {
        test(`rejects ${name}`, () => {
            assert.equal(parseWebviewMessage(message), undefined);
        });
    }

    test('accepts every view kind', () => {
        for (const view of VIEW_KINDS) {
            assert.deepEqual(parseWebviewMessage({ type: 'setView', view }), { type: 'setView', view });
        }
    });

    test('accepts a well-formed reveal', () => {
        assert.deepEqual(parseWebviewMessage({ type: 'reveal', uri: URI, range: RANGE }), { type: 'reveal', uri: URI, range: RANGE });
    });

    test('leaves huge line numbers to the editor', () => {
        // A non-negative integer beyond the document is well-formed: the editor clamps it to the last line.
        assert.equal(parseWebviewMessage(withPosition('end', 'line', 1e9))?.type, 'reveal');
    });

    test('passes reveals outside the workspace on', () => {
        // The shape is valid; checkRevealTarget then rejects URIs outside the workspace folders.
        for (const uri of ['file:///etc/passwd', 'https://example.com/x.mlarch', 'command:workbench.action.quit', 'untitled:Untitled-1']) {
            assert.equal(parseWebviewMessage({ type: 'reveal', uri, range: RANGE })?.type, 'reveal', uri);
        }
    });

    test('rejects a reveal with a 1 MB uri', () => {
        assert.equal(parseWebviewMessage({ type: 'reveal', uri: `file:///workspace/${HUGE}.mlarch`, range: RANGE }), undefined);
    });

    test('reveal uri at the length limit', () => {
        const prefix = 'file:///workspace/';
        const atLimit = `${prefix}${'a'.repeat(MAX_REVEAL_URI_CHARACTERS - prefix.length)}`;
        assert.equal(parseWebviewMessage({ type: 'reveal', uri: atLimit, range: RANGE })?.type, 'reveal');
        assert.equal(parseWebviewMessage({ type: 'reveal', uri: `${atLimit}a`, range: RANGE }), undefined);
    });
});
