import type { LangiumDocument } from 'langium';
import { DefaultReferencesProvider } from 'langium/lsp';
import type { Location, ReferenceParams } from 'vscode-languageserver';
import type { MlArchServices } from '../mlarch-module.js';
import type { NameOccurrences } from './name-occurrences.js';
import { findTargetAtOffset } from './qualified-reference-target.js';

/**
 * Finds references as rename changes them: on a segment of a qualified reference, the references
 * of the element that segment names, and for a container also the qualified references that
 * pass through it. Each location covers the name segment, not the whole qualified name.
 */
export class MlArchReferencesProvider extends DefaultReferencesProvider {

    protected readonly services: MlArchServices;
    protected readonly occurrences: NameOccurrences;

    constructor(services: MlArchServices) {
        super(services);
        this.services = services;
        this.occurrences = services.references.NameOccurrences;
    }

    override findReferences(document: LangiumDocument, params: ReferenceParams): Location[] {
        const found = findTargetAtOffset(this.services, document, document.textDocument.offsetAt(params.position));
        if (!found) {
            return [];
        }
        return this.occurrences.find(found.target, params.context.includeDeclaration)
            .map(occurrence => ({ uri: occurrence.uri, range: occurrence.range }));
    }
}
