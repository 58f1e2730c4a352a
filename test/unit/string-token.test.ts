/**
 * matchString replaces the regular expression of the STRING terminal in the lexer, so it must
 * match exactly what that expression matches, also when it reuses failed scans within one
 * tokenization. Compared on random texts made of the characters that matter: quotes,
 * backslashes and line terminators.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { MlArchTerminals } from '../../language/src/generated/ast.js';
import { matchString } from '../../language/src/parser/string-token.js';
import { SeededRandom } from '../fuzz/random.js';

const STRING_PATTERN = new RegExp(MlArchTerminals.STRING.source, 'y');
const ALPHABET = ['"', '\'', '\\', 'a', ' ', '\n', '\r', '\u2028', '\u2029', '\t'];

function regexMatch(text: string, offset: number): string | null {
    STRING_PATTERN.lastIndex = offset;
    return STRING_PATTERN.exec(text)?.[0] ?? null;
}

function randomText(random: SeededRandom): string {
    let text = '';
    const length = random.int(40);
    for (let index = 0; index < length; index++) {
        text += random.pick(ALPHABET);
    }
    return text;
}

describe('matchString', () => {

    test('matches like the STRING regular expression', () => {
        const random = new SeededRandom(20260101);
        for (let round = 0; round < 20_000; round++) {
            const text = randomText(random);
            // One object per text stands for the token array of one tokenization, which keys the reused scans.
            const tokenization = {};
            for (let offset = 0; offset < text.length; offset++) {
                const expected = regexMatch(text, offset);
                assert.deepEqual(matchString(text, offset, tokenization)?.[0] ?? null, expected, `text ${JSON.stringify(text)} at ${offset}`);
                assert.deepEqual(matchString(text, offset)?.[0] ?? null, expected, `text ${JSON.stringify(text)} at ${offset} without reuse`);
            }
        }
    });

    test('matches strings with escapes and line breaks', () => {
        assert.deepEqual(matchString('"a\\"b" x', 0), ['"a\\"b"']);
        assert.deepEqual(matchString('\'it\\\'s\'', 0), ['\'it\\\'s\'']);
        assert.deepEqual(matchString('"two\nlines"', 0), ['"two\nlines"']);
        assert.equal(matchString('"backslash at line end\\\n"', 0), null);
        assert.equal(matchString('"unterminated', 0), null);
        assert.equal(matchString('x"a"', 0), null);
    });

    test('scans linearly in the number of quotes', () => {
        // Each of these quotes opens a string that never closes, which the regular expression rescans to the end.
        const text = '\\"'.repeat(200_000);
        const tokenization = {};
        const started = performance.now();
        for (let offset = 1; offset < text.length; offset += 2) {
            assert.equal(matchString(text, offset, tokenization), null);
        }
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 5_000, `200,000 failing scans took ${Math.round(elapsed)} ms`);
    });
});
