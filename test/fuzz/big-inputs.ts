/**
 * Generators of pathological MLArch documents for the limit tests: deep nesting, megabyte-long
 * lines, files of 100,000 lines, unbalanced braces and text that is not MLArch at all. All are
 * deterministic, so measured times compare between runs.
 */
import { SeededRandom } from './random.js';

/** Returns a platform with `depth - 1` groups nested inside it, so `depth` blocks in all, each closed. */
export function nestedGroups(depth: number): string {
    let text = 'platform P {\n';
    for (let level = 1; level < depth; level++) {
        text += `${'    '.repeat(Math.min(level, 8))}group G${level} {\n`;
    }
    return text + '}\n'.repeat(depth);
}

/** Returns one line of about `length` characters: a platform whose description is a single long string. */
export function longStringLine(length: number): string {
    const prefix = 'platform P { description "';
    const suffix = '" }';
    return prefix + 'lorem ipsum '.repeat(Math.ceil(length / 12)).slice(0, Math.max(0, length - prefix.length - suffix.length)) + suffix;
}

const SOUP_WORDS = ['model', '{', '}', 'task', 'ranking', 'uses', 'in', '"s"', 'x', '.', ',', 'group', 'baseline', '1', 'trained', 'on', '->', '%'];

/** Returns one line of about `length` characters of random MLArch keywords, names and punctuation. */
export function keywordSoup(length: number, seed = 1): string {
    const random = new SeededRandom(seed);
    const words: string[] = [];
    let size = 0;
    while (size < length) {
        const word = random.pick(SOUP_WORDS);
        words.push(word);
        size += word.length + 1;
    }
    return words.join(' ');
}

/**
 * Returns `length` random printable ASCII characters on one line, like a pasted binary or
 * minified file. Quotes, braces and slashes are left out because each would end the lexer
 * errors that this input is for. A quote turns long stretches into a string, `//` turns the
 * rest of the line into a comment, and braces hit the nesting limit.
 */
export function randomCharacters(length: number, seed = 1): string {
    const alphabet = [...Array(94).keys()].map(index => String.fromCharCode(33 + index)).filter(character => !'"\'{}/'.includes(character)).join('');
    const random = new SeededRandom(seed);
    const codes = new Uint16Array(length);
    for (let index = 0; index < length; index++) {
        codes[index] = alphabet.charCodeAt(random.int(alphabet.length));
    }
    let text = '';
    for (let start = 0; start < length; start += 8192) {
        text += String.fromCharCode(...codes.subarray(start, start + 8192));
    }
    return text;
}

/** Returns a valid file of `lines` lines: datasets of ten lines each. */
export function manyLines(lines: number): string {
    const blocks: string[] = [];
    for (let index = 0; blocks.length * 10 < lines; index++) {
        blocks.push([
            `dataset D${index} "Dataset ${index}" {`,
            '    description "Generated for the line-count limit test."',
            `    id "DS-${index}"`,
            '    owner "Data Team"',
            '    location "s3://bucket/path"',
            '    refresh "daily"',
            '    schema "id, value"',
            '    privacy internal',
            '    scale "1 GB"',
            '}'
        ].join('\n'));
    }
    return `${blocks.join('\n')}\n`;
}

/** `count` opening braces, then a model, then `count` closing braces, each run on one line. */
export function unbalancedBraces(count: number): string {
    return `${'{'.repeat(count)}\nmodel M { }\n${'}'.repeat(count)}\n${'group G {'.repeat(count)}\n`;
}

/**
 * Returns one line of `\"` pairs after a valid model. Every quote opens a string that never
 * closes, which a regular expression for strings rescans to the end of the text.
 */
export function escapedQuotes(length: number): string {
    return `model M { description "x" }\n${'\\"'.repeat(Math.ceil(length / 2))}`;
}

/** Returns one line of `-`, which starts `->` but is an unexpected character alone. */
export function dashes(length: number): string {
    return '-'.repeat(length);
}
