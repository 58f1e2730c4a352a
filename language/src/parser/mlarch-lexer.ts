import { DefaultLexer, type LexerResult, type TokenizeOptions } from 'langium';

/**
 * Deepest nesting of `{ }` blocks that MLArch reads. Langium's parser descends recursively,
 * about 30 stack frames per block, and with Node.js 20's default stack 220 nested groups
 * already overflowed it (measured with test/fuzz/big-inputs.test.ts), so the document could not
 * be parsed at all. 100 levels leave room for the completion parser, the formatter and the
 * graph builder, which recurse too; real architectures nest fewer than ten.
 */
export const MAX_BLOCK_DEPTH = 100;

/**
 * Lexer errors reported per document. A file that is not MLArch at all (a pasted binary or
 * minified script) has an error every few characters, and 400,000 diagnostics make a
 * publishDiagnostics message of tens of megabytes.
 */
export const MAX_LEXER_ERRORS = 1_000;

/**
 * Tokenizes as Langium does, with two limits. It stops at a `{` that opens a block deeper than
 * MAX_BLOCK_DEPTH: the tokens from that brace on are dropped and a lexer error at the brace says
 * why, so the parser sees a truncated file while the document text stays unchanged. And it
 * reports at most MAX_LEXER_ERRORS errors, the last of which counts the rest.
 */
export class MlArchLexer extends DefaultLexer {

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        const result = limitErrors(super.tokenize(text, options));
        const tokens = result.tokens;
        let depth = 0;
        for (let index = 0; index < tokens.length; index++) {
            const type = tokens[index].tokenType.name;
            if (type === '{') {
                depth++;
                if (depth > MAX_BLOCK_DEPTH) {
                    return truncateAt(result, index);
                }
            } else if (type === '}' && depth > 0) {
                depth--;
            }
        }
        return result;
    }
}

function limitErrors(result: LexerResult): LexerResult {
    if (result.errors.length <= MAX_LEXER_ERRORS) {
        return result;
    }
    const omitted = result.errors.length - (MAX_LEXER_ERRORS - 1);
    const first = result.errors[MAX_LEXER_ERRORS - 1];
    const summary: LexerResult['errors'][number] = {
        ...first,
        message: `${omitted} more unexpected characters from here on are not reported; this file is probably not MLArch text.`
    };
    return { ...result, errors: [...result.errors.slice(0, MAX_LEXER_ERRORS - 1), summary] };
}

function truncateAt(result: LexerResult, index: number): LexerResult {
    const brace = result.tokens[index];
    return {
        ...result,
        tokens: result.tokens.slice(0, index),
        hidden: result.hidden.filter(token => token.startOffset < brace.startOffset),
        errors: [...result.errors.filter(error => error.offset < brace.startOffset), {
            offset: brace.startOffset,
            line: brace.startLine,
            column: brace.startColumn,
            length: 1,
            message: `Blocks are nested more than ${MAX_BLOCK_DEPTH} levels deep here; the file is read only up to this brace. Move nested elements to the top level and place them with 'in'.`
        }]
    };
}
