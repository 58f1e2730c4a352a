import { LangiumParserErrorMessageProvider } from 'langium';

type MismatchOptions = Parameters<LangiumParserErrorMessageProvider['buildMismatchTokenMessage']>[0];

/**
 * Langium's parser messages, except for a token missing at the end of the file. The end of input
 * has an empty image, which Langium prints as "but found ``.", so the message names the end of the file instead.
 */
export class MlArchParserErrorMessageProvider extends LangiumParserErrorMessageProvider {

    override buildMismatchTokenMessage(options: MismatchOptions): string {
        const message = super.buildMismatchTokenMessage(options);
        if (options.actual.image !== '') {
            return message;
        }
        return message.replace(/ but found ``\.$/, ' but the file ends here. Add it, or close the blocks that are still open.');
    }
}
