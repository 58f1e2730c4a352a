import { AstUtils, GrammarAST, type AstNode, type LangiumDocument } from 'langium';
import { DefaultRenameProvider } from 'langium/lsp';
import {
    LSPErrorCodes, ResponseError, TextEdit,
    type Range, type RenameParams, type TextDocumentPositionParams, type WorkspaceEdit
} from 'vscode-languageserver';
import { isExperiment, isMonitor, isWorkflow } from '../generated/ast.js';
import type { MlArchServices } from '../mlarch-module.js';
import { isNamedElement, isTopLevel, qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import type { WorkspaceFacts } from '../workspace/workspace-facts.js';
import { nameLocationOf } from './element-location.js';
import type { NameOccurrences } from './name-occurrences.js';
import { findTargetAtOffset, qualifiedNameChain } from './qualified-reference-target.js';

const IDENTIFIER = /^[_a-zA-Z]\w*$/;

/**
 * Renames elements, steps, variants and metrics across the workspace. A qualified reference keeps
 * its form: renaming `Foo` changes only the last segment of `Netflix.ModelLayer.Foo`, and renaming
 * the layer changes `ModelLayer` in it. The cursor may sit on any segment of a qualified reference
 * and renames the element that segment names.
 *
 * An invalid new name (not an identifier, or a keyword) and a name that another element already
 * has are rejected with a ResponseError, whose message VS Code shows at the rename box.
 */
export class MlArchRenameProvider extends DefaultRenameProvider {

    protected readonly services: MlArchServices;
    protected readonly occurrences: NameOccurrences;
    protected readonly facts: WorkspaceFacts;
    protected readonly keywords: ReadonlySet<string>;

    constructor(services: MlArchServices) {
        super(services);
        this.services = services;
        this.occurrences = services.references.NameOccurrences;
        this.facts = services.workspace.Facts;
        this.keywords = new Set(AstUtils.streamAllContents(services.Grammar).filter(GrammarAST.isKeyword).map(keyword => keyword.value));
    }

    override prepareRename(document: LangiumDocument, params: TextDocumentPositionParams): Range | undefined {
        const found = findTargetAtOffset(this.services, document, document.textDocument.offsetAt(params.position));
        return found?.leaf.range;
    }

    override async rename(document: LangiumDocument, params: RenameParams): Promise<WorkspaceEdit | undefined> {
        const found = findTargetAtOffset(this.services, document, document.textDocument.offsetAt(params.position));
        if (!found) {
            return undefined;
        }
        const { target } = found;
        const newName = params.newName.trim();
        this.checkNewName(target, newName);

        // A simple reference to a nested element would become ambiguous if another element already
        // has the new simple name, so such references get the new qualified name instead.
        const nameShared = (this.facts.tables.bySimpleName.get(newName) ?? []).some(other => other !== target);
        const simpleReferenceText = isNamedElement(target) && !isTopLevel(target) && nameShared
            ? this.newQualifiedName(target, newName)
            : newName;

        const changes: Record<string, TextEdit[]> = {};
        for (const occurrence of this.occurrences.find(target, true)) {
            const text = occurrence.kind === 'simple-reference' ? simpleReferenceText : newName;
            (changes[occurrence.uri] ??= []).push(TextEdit.replace(occurrence.range, text));
        }
        return { changes };
    }

    /** Throws a ResponseError when the new name is not a valid name or already taken. */
    protected checkNewName(target: AstNode, newName: string): void {
        const oldName = (target as { name?: string }).name ?? '';
        if (!IDENTIFIER.test(newName)) {
            throw renameError(`Cannot rename '${oldName}' to '${newName}': a name must start with a letter or '_' and contain only letters, digits and '_'.`);
        }
        if (this.keywords.has(newName)) {
            throw renameError(`Cannot rename '${oldName}' to '${newName}': '${newName}' is a keyword of MLArch. Choose another name.`);
        }
        if (newName === oldName) {
            return;
        }

        if (isNamedElement(target)) {
            const newQualifiedName = this.newQualifiedName(target, newName);
            const clash = (this.facts.tables.byQualifiedName.get(newQualifiedName) ?? []).find(other => other !== target);
            if (clash) {
                throw renameError(`Cannot rename '${qualifiedNameOf(target)}' to '${newName}': '${newQualifiedName}' already names another ${clash.$type.toLowerCase()}${describeLocation(clash)}. Choose another name.`);
            }
            return;
        }

        const siblings = localSiblings(target);
        const clash = siblings.find(other => other !== target && other.name === newName);
        if (clash) {
            throw renameError(`Cannot rename ${target.$type.toLowerCase()} '${oldName}' to '${newName}': ${clash.$type.toLowerCase()} '${newName}' already exists in the same ${target.$container?.$type.toLowerCase() ?? 'file'}. Choose another name.`);
        }
    }

    protected newQualifiedName(target: NamedElement, newName: string): string {
        const names = qualifiedNameChain(target).map(element => element.name);
        names[names.length - 1] = newName;
        return names.join('.');
    }
}

/** Steps, variants and metrics must be unique within their workflow, experiment or monitor. */
function localSiblings(node: AstNode): Array<AstNode & { name: string }> {
    const container = node.$container;
    if (isWorkflow(container)) {
        return container.steps;
    }
    if (isExperiment(container)) {
        return container.variants;
    }
    if (isMonitor(container)) {
        return container.metrics;
    }
    return [];
}

function describeLocation(node: AstNode): string {
    const location = nameLocationOf(node);
    if (!location) {
        return '';
    }
    const file = location.uri.substring(location.uri.lastIndexOf('/') + 1);
    return ` (${decodeURIComponent(file)}:${location.range.start.line + 1})`;
}

function renameError(message: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestFailed, message);
}
