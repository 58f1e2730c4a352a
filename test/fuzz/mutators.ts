/**
 * Mutations of MLArch source text for the fuzzer. Each mutation takes the text and a seeded
 * random source and returns a new text. None of them uses the grammar beyond its keywords, so
 * the results range from almost valid to garbage.
 */
import type { SeededRandom } from './random.js';

export interface MutationContext {
    random: SeededRandom;
    /** Keywords of the MLArch grammar, such as `model`, `{` and `trained`. */
    keywords: readonly string[];
}

export interface Mutation {
    name: string;
    apply(text: string, context: MutationContext): string;
}

/** Maximum length of a mutated text, in UTF-16 code units. Longer results are cut. */
export const MAX_MUTATED_LENGTH = 300_000;

/**
 * Splits text into tokens the way the MLArch lexer roughly does, so that token mutations keep
 * strings and comments whole. Every character belongs to exactly one token. The string patterns
 * are written as unrolled loops, because `("|\\.)*` overflows V8's regular expression stack on
 * strings of a few megabytes.
 */
const TOKEN_PATTERN = /\s+|\/\/[^\n\r]*|\/\*[\s\S]*?(?:\*\/|$)|"[^"\\]*(?:\\[\s\S][^"\\]*)*"?|'[^'\\]*(?:\\[\s\S][^'\\]*)*'?|[_a-zA-Z]\w*|[0-9]+(?:\.[0-9]+)?|->|[\s\S]/g;

export function tokenize(text: string): string[] {
    return text.match(TOKEN_PATTERN) ?? [];
}

function isWhitespace(token: string): boolean {
    return /^\s+$/.test(token);
}

/** Splits text into lines that keep their line breaks, so joining them restores the text. */
export function splitLines(text: string): string[] {
    return text.split(/(?<=\n)/);
}

/** Characters that editors and parsers often get wrong. */
export const SPECIAL_CHARACTERS: readonly string[] = [
    '\u202E',          // right-to-left override
    '\u202D',          // left-to-right override
    '\u200F',          // right-to-left mark
    '\u200B',          // zero-width space
    '\u200D',          // zero-width joiner
    '\uFEFF',          // byte order mark
    '\u2028',          // line separator, a line break in JavaScript but not in LSP
    '\u2029',          // paragraph separator
    '\u00A0',          // no-break space
    '\u0000',          // NUL
    '\u0007',          // bell
    '\u001B[31m',      // ANSI escape sequence
    '\uD800',          // unpaired high surrogate
    '\uDFFF',          // unpaired low surrogate
    '\uDC00\uD800',    // surrogates in the wrong order
    '\u{1F600}',       // emoji outside the Basic Multilingual Plane
    '\u{10FFFF}',      // highest code point
    'e\u0301',         // e with a combining acute accent
    '\u0130',          // capital I with dot, whose lower case is longer
    '\uFB03',          // ligature ffi, whose upper case is longer
    'ß',
    'مرحبا',            // Arabic, written right to left
    'שלום',             // Hebrew
    '𝒜𝒷𝒸',              // mathematical letters
    '\r',
    '\r\n',
    '\t',
    '\v',
    '\f',
    '\\',
    '\\u0000',
    '%',
    '->',
    '.',
    ',',
    '..',
    '<script>alert(1)</script>',
    '${process.exit(1)}',
    '](command:workbench.action.quit)',
    '`'
];

const COMMENT_FRAGMENTS: readonly string[] = ['//', '/*', '*/', '/** doc */', '// note\n', '/* a\n * b\n */', '/*/', '/**/'];

/** Lengths of generated long identifiers and strings; the largest passes the 64 Ki mark. */
const LONG_LENGTHS: readonly number[] = [300, 5_000, 70_000];

/** Returns a random offset in [0, text.length], either anywhere or at a token boundary. */
function randomOffset(text: string, random: SeededRandom): number {
    if (random.chance(0.5)) {
        return random.int(text.length + 1);
    }
    const tokens = tokenize(text);
    const index = random.int(tokens.length + 1);
    return tokens.slice(0, index).join('').length;
}

function insertAt(text: string, offset: number, insertion: string): string {
    return text.slice(0, offset) + insertion + text.slice(offset);
}

function insertRandomly(text: string, random: SeededRandom, insertion: string): string {
    return insertAt(text, randomOffset(text, random), insertion);
}

/** Indexes of the tokens that are not whitespace. */
function solidTokenIndexes(tokens: string[]): number[] {
    const indexes: number[] = [];
    tokens.forEach((token, index) => {
        if (!isWhitespace(token)) {
            indexes.push(index);
        }
    });
    return indexes;
}

/** Applies a change to the list of tokens, or returns the text unchanged when it has no solid token. */
function withTokens(text: string, change: (tokens: string[], solid: number[]) => void): string {
    const tokens = tokenize(text);
    const solid = solidTokenIndexes(tokens);
    if (solid.length === 0) {
        return text;
    }
    change(tokens, solid);
    return tokens.join('');
}

/** Applies a change to the list of lines, or returns the text unchanged when it is empty. */
function withLines(text: string, change: (lines: string[]) => void): string {
    const lines = splitLines(text);
    if (text.length === 0) {
        return text;
    }
    change(lines);
    return lines.join('');
}

function withLineBreak(line: string): string {
    return line.endsWith('\n') ? line : `${line}\n`;
}

function longIdentifier(random: SeededRandom): string {
    const length = random.pick(LONG_LENGTHS);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_';
    let identifier = random.pick(['x', '_', 'Model']);
    while (identifier.length < length) {
        identifier += alphabet[random.int(alphabet.length)].repeat(random.between(1, 64));
    }
    return identifier.slice(0, length);
}

function longString(random: SeededRandom): string {
    const length = random.pick(LONG_LENGTHS);
    const quote = random.pick(['"', '\'']);
    const pieces = ['a', ' ', '\\n', '\\"', '\\\\', '\\\'', 'https://example.com/x ', '\u202E', '\t', '\n'];
    let body = '';
    while (body.length < length) {
        body += random.pick(pieces).repeat(random.between(1, 200));
    }
    // A quarter of the strings stay unterminated, so the rest of the file becomes part of them.
    return quote + body.slice(0, length).replace(/\\$/, '') + (random.chance(0.75) ? quote : '');
}

function randomCodeUnits(random: SeededRandom): string {
    let result = '';
    const count = random.between(1, 16);
    for (let i = 0; i < count; i++) {
        result += String.fromCharCode(random.chance(0.5) ? random.int(0x80) : random.int(0x10000));
    }
    return result;
}

export const MUTATIONS: readonly Mutation[] = [
    {
        name: 'delete-token',
        apply: (text, { random }) => withTokens(text, (tokens, solid) => {
            tokens.splice(random.pick(solid), 1);
        })
    },
    {
        name: 'duplicate-token',
        apply: (text, { random }) => withTokens(text, (tokens, solid) => {
            const index = random.pick(solid);
            tokens.splice(index + 1, 0, ' ', tokens[index]);
        })
    },
    {
        name: 'swap-tokens',
        apply: (text, { random }) => withTokens(text, (tokens, solid) => {
            const first = random.pick(solid);
            const second = random.pick(solid);
            [tokens[first], tokens[second]] = [tokens[second], tokens[first]];
        })
    },
    {
        name: 'replace-token',
        apply: (text, { random }) => withTokens(text, (tokens, solid) => {
            tokens[random.pick(solid)] = tokens[random.pick(solid)];
        })
    },
    {
        name: 'delete-range',
        apply: (text, { random }) => {
            const start = random.int(text.length + 1);
            return text.slice(0, start) + text.slice(start + random.between(1, 100));
        }
    },
    {
        name: 'delete-line',
        apply: (text, { random }) => withLines(text, lines => {
            lines.splice(random.int(lines.length), 1);
        })
    },
    {
        name: 'duplicate-line',
        apply: (text, { random }) => withLines(text, lines => {
            const index = random.int(lines.length);
            lines.splice(index, 0, withLineBreak(lines[index]));
        })
    },
    {
        name: 'swap-lines',
        apply: (text, { random }) => withLines(text, lines => {
            const first = random.int(lines.length);
            const second = random.int(lines.length);
            [lines[first], lines[second]] = [withLineBreak(lines[second]), withLineBreak(lines[first])];
        })
    },
    {
        name: 'insert-keyword',
        apply: (text, { random, keywords }) => insertRandomly(text, random, ` ${random.pick(keywords)} `)
    },
    {
        name: 'insert-braces',
        apply: (text, { random }) => {
            let braces = '';
            const count = random.between(1, 12);
            for (let i = 0; i < count; i++) {
                braces += random.pick(['{', '}', '{', '}', ' ', '\n']);
            }
            return insertRandomly(text, random, braces);
        }
    },
    {
        name: 'insert-quote',
        apply: (text, { random }) => insertRandomly(text, random, random.pick(['"', '\'', '\\', '"\\', '""', '\'\'']))
    },
    {
        name: 'insert-unicode',
        apply: (text, { random }) => {
            let insertion = '';
            const count = random.between(1, 3);
            for (let i = 0; i < count; i++) {
                insertion += random.pick(SPECIAL_CHARACTERS);
            }
            return insertRandomly(text, random, insertion);
        }
    },
    {
        name: 'insert-code-units',
        apply: (text, { random }) => insertRandomly(text, random, randomCodeUnits(random))
    },
    {
        name: 'long-identifier',
        apply: (text, { random }) => {
            const identifier = longIdentifier(random);
            if (random.chance(0.5)) {
                return insertRandomly(text, random, ` ${identifier} `);
            }
            // Replace every occurrence of one name, so declarations and references both grow.
            const names = tokenize(text).filter(token => /^[_a-zA-Z]\w*$/.test(token));
            if (names.length === 0) {
                return insertRandomly(text, random, identifier);
            }
            const name = random.pick(names);
            return tokenize(text).map(token => (token === name ? identifier : token)).join('');
        }
    },
    {
        name: 'long-string',
        apply: (text, { random }) => insertRandomly(text, random, ` ${longString(random)} `)
    },
    {
        name: 'truncate',
        apply: (text, { random }) => text.slice(0, random.int(text.length + 1))
    },
    {
        name: 'splice-fragment',
        apply: (text, { random }) => {
            const start = random.int(text.length + 1);
            const fragment = text.slice(start, start + random.between(1, 200));
            return insertRandomly(text, random, fragment);
        }
    },
    {
        name: 'insert-comment',
        apply: (text, { random }) => insertRandomly(text, random, random.pick(COMMENT_FRAGMENTS))
    },
    {
        name: 'insert-nesting',
        apply: (text, { random }) => {
            const depth = random.between(1, 40);
            const keyword = random.pick(['group', 'layer', 'component', 'platform']);
            let opening = '';
            for (let level = 0; level < depth; level++) {
                opening += `${keyword} N${level} { `;
            }
            const closing = random.chance(0.7) ? ' }'.repeat(depth) : '';
            return insertRandomly(text, random, `\n${opening}${closing}\n`);
        }
    }
];

export interface MutationResult {
    text: string;
    /** Names of the mutations applied, in order. */
    applied: string[];
}

/** Applies one to four random mutations in a row and cuts the result to MAX_MUTATED_LENGTH. */
export function mutate(text: string, context: MutationContext): MutationResult {
    const applied: string[] = [];
    let result = text;
    const count = context.random.pick([1, 1, 1, 2, 2, 3, 4]);
    for (let i = 0; i < count; i++) {
        const mutation = context.random.pick(MUTATIONS);
        result = mutation.apply(result, context);
        applied.push(mutation.name);
        if (result.length > MAX_MUTATED_LENGTH) {
            result = result.slice(0, MAX_MUTATED_LENGTH);
        }
    }
    return { text: result, applied };
}
