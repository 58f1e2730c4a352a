import { DefaultDocumentValidator, type Cancellation, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { MlArchServices } from '../mlarch-module.js';
import type { MetadataPolicy } from '../workspace/metadata-policy.js';

/**
 * Gives linking errors the stable code `unresolved-reference` in addition to Langium's data, and
 * applies the workspace policy (`mlarch.config.json`) to every document's diagnostics: severity
 * overrides, codes turned off and suppressions on named elements.
 */
export class MlArchDocumentValidator extends DefaultDocumentValidator {

    protected readonly policy: MetadataPolicy;

    constructor(services: MlArchServices) {
        super(services);
        this.policy = services.workspace.MetadataPolicy;
    }

    override async validateDocument(document: LangiumDocument, options: ValidationOptions = {}, cancelToken?: Cancellation.CancellationToken): Promise<Diagnostic[]> {
        // The language server may still be reading mlarch.config.json, which decides the required fields too.
        await this.policy.loaded;
        const diagnostics = await super.validateDocument(document, options, cancelToken);
        return this.policy.apply(document, diagnostics);
    }

    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const start = diagnostics.length;
        super.processLinkingErrors(document, diagnostics, options);
        for (let index = start; index < diagnostics.length; index++) {
            diagnostics[index].code = 'unresolved-reference';
        }
    }
}
