import { DefaultTokenBuilder, type GrammarAST } from 'langium';

/**
 * Matches the STRING terminal of mlarch.langium, /"[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'/,
 * in linear time over a whole tokenization. The regular expression rescans to the end of the
 * text at every quote that opens no string. Chevrotain tries it at every quote while it skips
 * unexpected characters, so 80,000 characters of `\'` took 50 s to lex (measured with Node.js
 * 20 and chevrotain 13.2). This matcher remembers the scan positions that end without a closing
 * quote, so within one tokenization no failed scan passes a position twice.
 */
export function matchString(text: string, offset: number, matchedTokens?: object): [string] | null {
    const quote = text.charCodeAt(offset);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) {
        return null;
    }
    const failBit = quote === DOUBLE_QUOTE ? 1 : 2;
    const failed = failedScansOf(text, matchedTokens);
    // Positions where the scan is between characters of the string body, as in the regular expression.
    const visited: number[] = [];
    let index = offset + 1;
    let end = -1;
    while (index < text.length) {
        if (failed.has(index, failBit)) {
            break;
        }
        visited.push(index);
        const code = text.charCodeAt(index);
        if (code === quote) {
            end = index + 1;
            break;
        }
        if (code === BACKSLASH) {
            // `\\.` takes any character but a line terminator, as `.` does without the s flag.
            if (index + 1 >= text.length || isLineTerminator(text.charCodeAt(index + 1))) {
                break;
            }
            index += 2;
        } else {
            index++;
        }
    }
    if (end < 0) {
        for (const position of visited) {
            failed.set(position, failBit);
        }
        return null;
    }
    return [text.slice(offset, end)];
}

const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;

function isLineTerminator(code: number): boolean {
    return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029;
}

/** Bit flags per position of one text: bit 1 for scans of a `"` string that fail from there, bit 2 for `'`. */
class FailedScans {
    private flags: Uint8Array | undefined;

    constructor(private readonly text: string) {}

    has(position: number, bit: number): boolean {
        return this.flags !== undefined && (this.flags[position] & bit) !== 0;
    }

    set(position: number, bit: number): void {
        this.flags ??= new Uint8Array(this.text.length + 1);
        this.flags[position] |= bit;
    }
}

/**
 * Failed scans per tokenization. Chevrotain passes each custom matcher the array of tokens that
 * the running tokenization collects, one array per call of tokenize, so it identifies the text
 * without comparing strings of megabytes.
 */
const scansByTokenization = new WeakMap<object, FailedScans>();

function failedScansOf(text: string, matchedTokens: object | undefined): FailedScans {
    if (matchedTokens === undefined) {
        return new FailedScans(text);
    }
    let scans = scansByTokenization.get(matchedTokens);
    if (!scans) {
        scans = new FailedScans(text);
        scansByTokenization.set(matchedTokens, scans);
    }
    return scans;
}

/** Builds Langium's tokens, with matchString in place of the STRING terminal's regular expression. */
export class MlArchTokenBuilder extends DefaultTokenBuilder {

    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): ReturnType<DefaultTokenBuilder['buildTerminalToken']> {
        const token = super.buildTerminalToken(terminal);
        if (terminal.name === 'STRING') {
            token.PATTERN = matchString;
            token.LINE_BREAKS = true;
            token.START_CHARS_HINT = ['"', '\''];
        }
        return token;
    }
}
