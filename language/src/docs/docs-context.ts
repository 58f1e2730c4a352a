/**
 * Shared input of the sections of the generated documentation: the elements of the workspace,
 * the fact tables and lineage that the checks use, and doc comments. The helpers below write
 * elements and references as Markdown table cells.
 */
import * as path from 'node:path';
import { AstUtils, type AstNode, type LangiumDocument, type Reference } from 'langium';
import { URI } from 'vscode-uri';
import type { Workspace } from '../generated/ast.js';
import type { MlArchServices } from '../mlarch-module.js';
import { isNamedElement, qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import type { ElementLineage } from '../workspace/element-lineage.js';
import type { WorkspaceFactTables } from '../workspace/workspace-facts.js';
import { codeSpan, escapeCell, oneLine } from './markdown.js';

export class DocsContext {

    /** Every named element, by document (sorted by path) and then in source order. */
    readonly elements: NamedElement[] = [];
    readonly facts: WorkspaceFactTables;
    readonly lineage: ElementLineage;

    constructor(
        private readonly services: MlArchServices,
        documents: LangiumDocument[],
        /** Folder that source references are relative to. */
        private readonly baseFolder: string
    ) {
        for (const document of documents) {
            for (const node of AstUtils.streamAllContents(document.parseResult.value as Workspace)) {
                if (isNamedElement(node) && node.name) {
                    this.elements.push(node);
                }
            }
        }
        this.facts = services.workspace.Facts.tables;
        this.lineage = services.workspace.Lineage;
    }

    /** Returns the elements that pass the type guard, in document order. */
    elementsOf<T extends NamedElement>(guard: (node: unknown) => node is T): T[] {
        return this.elements.filter(guard);
    }

    /** Returns the element with the qualified name, or undefined when there is none or several. */
    elementByQualifiedName(qualifiedName: string): NamedElement | undefined {
        const found = this.facts.byQualifiedName.get(qualifiedName);
        return found?.length === 1 ? found[0] : undefined;
    }

    /** Returns the element's doc comment as one line of plain text, or undefined without one. */
    docComment(node: AstNode): string | undefined {
        const text = this.services.documentation.DocumentationProvider.getDocumentation(node);
        return text ? oneLine(text) : undefined;
    }

    /** Returns the first of the texts that is not empty, collapsed to one line. */
    firstText(...texts: Array<string | undefined>): string | undefined {
        const text = texts.find(candidate => candidate !== undefined && candidate.trim() !== '');
        return text === undefined ? undefined : oneLine(text);
    }

    /** Returns `file.mlarch:line` of the element's name, relative to the documented folder. */
    sourceOf(node: AstNode): string {
        const document = AstUtils.getDocument(node);
        const file = URI.parse(document.uri.toString()).fsPath;
        const relative = path.relative(this.baseFolder, file).split(path.sep).join('/');
        const line = (node.$cstNode?.range.start.line ?? 0) + 1;
        return `${relative}:${line}`;
    }
}

/** Returns the display title of an element: its title, or its name without one. */
export function titleOf(element: NamedElement): string {
    return element.title ?? element.name;
}

/** Writes an element for a table cell: the title followed by the name as code, or the name alone when there is no title. */
export function elementCell(element: NamedElement): string {
    return element.title ? `${escapeCell(element.title)} (${codeSpan(element.name)})` : codeSpan(element.name);
}

/** Writes the target of a reference as code: its simple name, or the written text with a note when it does not resolve. */
export function referenceCell(reference: Reference<NamedElement> | undefined): string {
    if (!reference) {
        return '';
    }
    const target = reference.ref;
    return target ? codeSpan(target.name) : `${codeSpan(reference.$refText)} (unresolved)`;
}

/** Writes the targets of references as a comma-separated list of code spans. */
export function referencesCell(references: ReadonlyArray<Reference<NamedElement>>): string {
    return references.map(referenceCell).join(', ');
}

/** Writes elements as a comma-separated list of their names as code, without repeats. */
export function namesCell(elements: Iterable<NamedElement>): string {
    return [...new Set(elements)].map(element => codeSpan(element.name)).join(', ');
}

/** Writes text for a table cell, or an empty cell when the text is absent. */
export function textCell(text: string | number | undefined): string {
    return text === undefined ? '' : escapeCell(String(text));
}

export { qualifiedNameOf };
