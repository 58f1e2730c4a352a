/**
 * Limits for pathological documents. Each must parse and validate within BOUND_MS without an
 * exception and get diagnostics inside the document. Hover, completion, definition, symbols,
 * folding, semantic tokens and both graph views must still return without failure. The measured
 * times are printed as test diagnostics, and the README states them as the tested limits.
 */
import { describe, test, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import type { LangiumDocument } from 'langium';
import { MAX_BLOCK_DEPTH, MAX_LEXER_ERRORS, MAX_SKIPPED_CHARACTERS } from '../../language/src/parser/mlarch-lexer.js';
import { MAX_RECOVERED_ERRORS } from '../../language/src/parser/mlarch-parser.js';
import { dashes, escapedQuotes, keywordSoup, longStringLine, manyLines, nestedGroups, randomCharacters, unbalancedBraces } from './big-inputs.js';
import { FuzzOracle, fuzzUri, type Phase } from './oracle.js';

/**
 * Upper bound for parsing and validating one input. Generous, because the point is that the
 * work ends: the slowest input, 5 MB of random characters, took about 15 s on a 2-core machine.
 */
const BOUND_MS = 60_000;

const FEATURE_PHASES: ReadonlySet<Phase> = new Set<Phase>([
    'diagnostics', 'hover', 'completion', 'definition', 'symbols', 'folding', 'semantic-tokens', 'graph'
]);

const oracle = new FuzzOracle();

/**
 * Parses and validates one file, then calls the language features of `phases` at the given
 * offsets. Asserts that nothing fails and that parsing and validating end within BOUND_MS, and
 * returns the document.
 */
async function checkInput(t: TestContext, name: string, text: string, offsets: number[], phases = FEATURE_PHASES): Promise<LangiumDocument> {
    const failures = await oracle.check({ files: new Map([[name, text]]), target: name, offsets }, { phases, slowPhaseMs: BOUND_MS });
    const timings = oracle.lastPhaseTimings;
    const buildMs = Math.round((timings.get('parse') ?? 0) + (timings.get('build') ?? 0));
    const features = [...timings].filter(([phase]) => phase !== 'parse' && phase !== 'build').map(([phase, ms]) => `${phase} ${Math.round(ms)}`);
    t.diagnostic(`${name}: ${(text.length / 1e6).toFixed(2)} M characters, ${text.split('\n').length} lines; parse and validate ${buildMs} ms; ms per feature: ${features.join(', ')}`);
    assert.deepEqual(failures.map(failure => `${failure.kind}: ${failure.message}`), []);
    assert.ok(buildMs < BOUND_MS, `parsing and validating took ${buildMs} ms, more than ${BOUND_MS} ms`);
    const document = oracle.currentServices.shared.workspace.LangiumDocuments.getDocument(fuzzUri(name));
    assert.ok(document, `document ${name} is missing after the build`);
    return document;
}

function messages(document: LangiumDocument): string[] {
    return (document.diagnostics ?? []).map(diagnostic => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value));
}

describe('big and pathological inputs', () => {

    test('nesting at the depth limit', async t => {
        const text = nestedGroups(MAX_BLOCK_DEPTH);
        const innermost = text.indexOf('{\n}') + 1;
        const phases = new Set<Phase>([...FEATURE_PHASES, 'formatting', 'references', 'rename', 'code-lens', 'call-hierarchy']);
        const document = await checkInput(t, 'at-limit.mlarch', text, [innermost, text.length], phases);
        assert.deepEqual(messages(document), []);
    });

    test('2,000 nested groups', async t => {
        const text = nestedGroups(2_000);
        const document = await checkInput(t, 'deep.mlarch', text, [0, text.indexOf('G50'), text.length]);
        const nesting = (document.diagnostics ?? []).filter(diagnostic => String(diagnostic.message).startsWith('Blocks are nested more than'));
        assert.equal(nesting.length, 1, messages(document).join('\n'));
        // The brace that opens block MAX_BLOCK_DEPTH + 1 is on line MAX_BLOCK_DEPTH (zero-based).
        assert.equal(nesting[0].range.start.line, MAX_BLOCK_DEPTH);
    });

    test('5 MB string on one line', async t => {
        const text = longStringLine(5_000_000);
        const document = await checkInput(t, 'long-string.mlarch', text, [0, 10, text.length]);
        assert.deepEqual(messages(document), []);
    });

    test('5 MB line of keywords', async t => {
        const text = keywordSoup(5_000_000);
        const document = await checkInput(t, 'keywords.mlarch', text, [0, 10, text.length]);
        const parserErrors = document.parseResult.parserErrors.length;
        assert.ok(parserErrors > 0, 'no parser error reported');
        assert.ok(parserErrors <= MAX_RECOVERED_ERRORS + 1, `${parserErrors} parser errors, more than the recovery limit`);
    });

    test('5 MB of random characters', async t => {
        const text = randomCharacters(5_000_000);
        const document = await checkInput(t, 'random.mlarch', text, [0, 10, text.length]);
        const lexerErrors = document.parseResult.lexerErrors;
        assert.ok(lexerErrors.length <= MAX_LEXER_ERRORS, `${lexerErrors.length} lexer errors`);
        assert.match(lexerErrors.at(-1)!.message, /the file is read only up to here/);
    });

    test('5 MB of escaped quotes', async t => {
        const text = escapedQuotes(5_000_000);
        const document = await checkInput(t, 'escaped-quotes.mlarch', text, [0, 10, text.length]);
        assert.match(document.parseResult.lexerErrors.at(-1)!.message, new RegExp(`^${MAX_SKIPPED_CHARACTERS} unexpected characters so far`));
    });

    test('5 MB of dashes', async t => {
        const text = dashes(5_000_000);
        const document = await checkInput(t, 'dashes.mlarch', text, [0, 10, text.length]);
        assert.match(document.parseResult.lexerErrors.at(-1)!.message, new RegExp(`^${MAX_SKIPPED_CHARACTERS} unexpected characters so far`));
    });

    test('100,000-line file', async t => {
        const text = manyLines(100_000);
        const document = await checkInput(t, 'lines.mlarch', text, [0, text.indexOf('D5000 '), text.length]);
        assert.deepEqual(messages(document), []);
    });

    test('100,000 unbalanced braces', async t => {
        const text = unbalancedBraces(100_000);
        const document = await checkInput(t, 'braces.mlarch', text, [0, 100_001, text.length]);
        assert.ok((document.diagnostics ?? []).length > 0, 'no syntax error reported');
    });
});
