import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

/**
 * Deepest nesting of `{ }` blocks that MLArch reads. Langium's parser descends recursively,
 * about 30 stack frames per block, and with Node.js 20's default stack 220 nested groups
 * already overflowed it (measured on the development machine), so the document could not be
 * parsed at all. 100 levels leave room for the completion parser, the formatter and the graph
 * builder, which recurse too, as test/fuzz/big-inputs.test.ts checks. Real architectures nest
 * fewer than ten levels.
 */
export const MAX_BLOCK_DEPTH = 100;

/**
 * Lexer errors after which the lexer stops reading a document. A file that is not MLArch at all
 * (a pasted binary or minified script) has one every few characters. 5 MB of random characters
 * gave 400,000 diagnostics, a publishDiagnostics message of an estimated 80 MB.
 */
export const MAX_LEXER_ERRORS = 1_000;

/**
 * Unexpected characters after which the lexer stops reading a document. Chevrotain 13.2 tries
 * every token pattern at each character it skips, 5 to 20 µs per character, so 5 MB of them
 * took 30 s per edit (measured on the development machine with Node.js 20).
 */
export const MAX_SKIPPED_CHARACTERS = 10_000;

/**
 * Characters where the lexer can meet an unexpected character: all but letters, digits, `_`,
 * whitespace, quotes and the one-character keywords. `-` and `/` start `->` and comments but
 * fail alone. The lexer first runs on the text before the MAX_SKIPPED_CHARACTERS-th of them, so
 * a file full of them costs little. Inside strings and comments they are valid, so the whole
 * text is lexed when that part stays within the limits.
 */
const ERROR_CANDIDATE = /[^\s\w"'{},.%]/g;

/**
 * Tokenizes as Langium does, with limits, so the parser reads a truncated token stream while the
 * document text stays unchanged. The lexer stops at its MAX_LEXER_ERRORS-th error, at the error
 * that brings the skipped characters to MAX_SKIPPED_CHARACTERS, and at a `{` that opens a block
 * deeper than MAX_BLOCK_DEPTH. A lexer error at that point gives the reason.
 */
export class MlArchLexer extends DefaultLexer {

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = stopAtErrorLimits(this.tokenizeWithPrescan(text, options));
        const tokens = result.tokens;
        let depth = 0;
        for (let index = 0; index < tokens.length; index++) {
            const type = tokens[index].tokenType.name;
            if (type === '{') {
                depth++;
                if (depth > MAX_BLOCK_DEPTH) {
                    const brace = tokens[index];
                    return truncate(result, brace.startOffset, {
                        offset: brace.startOffset,
                        line: brace.startLine,
                        column: brace.startColumn,
                        length: 1,
                        message: `Blocks are nested more than ${MAX_BLOCK_DEPTH} levels deep here; the file is read only up to this brace. Move nested elements to the top level and place them with 'in'.`
                    });
                }
            } else if (type === '}' && depth > 0) {
                depth--;
            }
        }
        return result;
    }

    /**
     * Lexes the text before the MAX_SKIPPED_CHARACTERS-th error candidate first, and returns
     * that result when it already reaches a limit of stopAtErrorLimits.
     */
    private tokenizeWithPrescan(text: string, options?: TokenizeOptions): LexerResult {
        const prescanEnd = offsetAfterMatch(text, ERROR_CANDIDATE, MAX_SKIPPED_CHARACTERS);
        if (prescanEnd >= 0) {
            const prefix = super.tokenize(text.slice(0, prescanEnd), options);
            if (errorLimitIndex(prefix) >= 0) {
                return prefix;
            }
        }
        return super.tokenize(text, options);
    }
}

/** Returns the offset just after the `count`-th match of a global pattern, or -1 when it matches fewer times. */
function offsetAfterMatch(text: string, pattern: RegExp, count: number): number {
    pattern.lastIndex = 0;
    let seen = 0;
    while (pattern.exec(text) !== null) {
        seen++;
        if (seen === count) {
            return pattern.lastIndex;
        }
    }
    return -1;
}

/** Returns the index of the error at which a limit is reached, or -1. */
function errorLimitIndex(result: LexerResult): number {
    let skipped = 0;
    for (let index = 0; index < result.errors.length; index++) {
        skipped += result.errors[index].length;
        if (index + 1 >= MAX_LEXER_ERRORS || skipped >= MAX_SKIPPED_CHARACTERS) {
            return index;
        }
    }
    return -1;
}

function stopAtErrorLimits(result: LexerResult): LexerResult {
    const index = errorLimitIndex(result);
    if (index < 0) {
        return result;
    }
    const error = result.errors[index];
    const reason = index + 1 >= MAX_LEXER_ERRORS ? `${MAX_LEXER_ERRORS} lexer errors` : `${MAX_SKIPPED_CHARACTERS} unexpected characters`;
    return truncate({ ...result, errors: result.errors.slice(0, index) }, error.offset, {
        ...error,
        message: `${reason} so far; the file is read only up to here because it is probably not MLArch text. ${error.message}`
    });
}

/** Drops the tokens and errors from `offset` on and adds `error`, which gives the reason. */
function truncate(result: LexerResult, offset: number, error: LexerResult['errors'][number]): LexerResult {
    return {
        ...result,
        tokens: result.tokens.filter(token => token.startOffset < offset),
        hidden: result.hidden.filter(token => token.startOffset < offset),
        errors: [...result.errors.filter(candidate => candidate.offset < offset), error]
    };
}
