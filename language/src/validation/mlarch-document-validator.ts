import { DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';

/** Gives linking errors the stable code `unresolved-reference` in addition to Langium's data. */
export class MlArchDocumentValidator extends DefaultDocumentValidator {

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLinkingErrors(document, diagnostics, options);
        for (let index = start; index < diagnostics.length; index++) {
            diagnostics[index].code = 'unresolved-reference';
        }
    }
}
