import {
    createCompletionParser, createLangiumParser, LangiumCompletionParser, LangiumParser,
    type AstNode, type CompletionParserResult, type LangiumCoreServices, type ParseResult, type ParserOptions
} from 'langium';

/**
 * Syntax errors that the parser recovers from in one document. At the next error it stops, so
 * the document keeps the AST of the text before it. Chevrotain's recovery costs about 0.2 ms per
 * error, and its recursion grows with the errors it recovers inside one repetition. A megabyte
 * of random MLArch keywords overflowed the call stack, and 200 KB took 8 s to parse (measured
 * on the development machine with Node.js 20, Langium 4.4.2 and chevrotain 13.2.0).
 */
export const MAX_RECOVERED_ERRORS = 1_000;

/**
 * Creates the document parser: Langium's parser with at most MAX_RECOVERED_ERRORS recoveries
 * per document, and a fallback without error recovery for input that still overflows the call
 * stack. In the language server an exception out of the parser ended the process.
 */
export function createMlArchParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    // A parser that overflowed may keep half-built state, so a fresh one takes over.
    let primary = parser;
    let rearm = limitErrorRecovery(primary);
    let withoutRecovery: LangiumParser | undefined;
    parser.parse = <T extends AstNode = AstNode>(input: string, options?: ParserOptions): ParseResult<T> => {
        rearm();
        try {
            return LangiumParser.prototype.parse.call(primary, input, options) as ParseResult<T>;
        } catch (error) {
            if (!isStackOverflow(error)) {
                throw error;
            }
            primary = createLangiumParser(services);
            rearm = limitErrorRecovery(primary);
            withoutRecovery ??= createLangiumParser(withParserConfig(services, { ...services.parser.ParserConfig, recoveryEnabled: false }));
            return withoutRecovery.parse<T>(input, options);
        }
    };
    return parser;
}

/** Creates the parser that completion runs on the text before the cursor, with the same error limit. */
export function createMlArchCompletionParser(services: LangiumCoreServices): LangiumCompletionParser {
    const parser = createCompletionParser(services);
    const rearm = limitErrorRecovery(parser);
    parser.parse = (input: string): CompletionParserResult => {
        rearm();
        return LangiumCompletionParser.prototype.parse.call(parser, input);
    };
    return parser;
}

/** The members of chevrotain's recognizer that limitErrorRecovery replaces. */
interface Recognizer {
    recoveryEnabled: boolean;
    attemptInRepetitionRecovery: (...args: unknown[]) => void;
    SAVE_ERROR(error: unknown): unknown;
}

/**
 * Turns error recovery off after MAX_RECOVERED_ERRORS errors of one parse, and returns the
 * function that turns it on again before the next parse.
 * NOTE: this reaches into Langium 4.4's `wrapper` field and chevrotain 13.2's recognizer; if
 * they change, the limit is silently not applied, which test/fuzz/big-inputs.test.ts detects.
 */
function limitErrorRecovery(parser: LangiumParser | LangiumCompletionParser): () => void {
    const recognizer = (parser as unknown as { wrapper?: Recognizer }).wrapper;
    if (!recognizer || typeof recognizer.SAVE_ERROR !== 'function' || typeof recognizer.attemptInRepetitionRecovery !== 'function') {
        return () => undefined;
    }
    const recoveryEnabled = recognizer.recoveryEnabled;
    const attemptInRepetitionRecovery = recognizer.attemptInRepetitionRecovery;
    const saveError = recognizer.SAVE_ERROR;
    let errors = 0;
    recognizer.SAVE_ERROR = function (this: Recognizer, error: unknown): unknown {
        errors++;
        if (errors >= MAX_RECOVERED_ERRORS) {
            this.recoveryEnabled = false;
            this.attemptInRepetitionRecovery = () => undefined;
        }
        return saveError.call(this, error);
    };
    return () => {
        errors = 0;
        recognizer.recoveryEnabled = recoveryEnabled;
        recognizer.attemptInRepetitionRecovery = attemptInRepetitionRecovery;
    };
}

function isStackOverflow(error: unknown): boolean {
    return error instanceof RangeError && error.message.includes('Maximum call stack size exceeded');
}

/**
 * Returns a view of the services with another parser configuration. A proxy, because reading
 * every service to copy it would create services that depend on the parser being built.
 */
function withParserConfig(services: LangiumCoreServices, config: NonNullable<LangiumCoreServices['parser']['ParserConfig']>): LangiumCoreServices {
    const parserServices = new Proxy(services.parser, {
        get: (target, property) => (property === 'ParserConfig' ? config : Reflect.get(target, property))
    });
    return new Proxy(services, {
        get: (target, property) => (property === 'parser' ? parserServices : Reflect.get(target, property))
    });
}
