import { AstUtils, CstUtils, GrammarUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import { CodeActionKind, TextEdit, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { isDataset, isFeatureGroup, isModel, type Model } from '../../generated/ast.js';
import { isTopLevel, qualifiedNameOf, type NamedElement } from '../../references/qualified-names.js';
import { METADATA_FIELDS, type MetadataField } from '../../workspace/metadata-policy.js';
import type { WorkspaceFacts } from '../../workspace/workspace-facts.js';
import { blockIndentation, lineIndentation, startsLine } from './source-edits.js';

/** Order in which "add all" writes the fields, which is the order the examples use. */
const FIELD_ORDER: readonly MetadataField[] = ['owner', 'task', 'framework', 'version', 'status', 'serving', 'training-data', 'baseline'];

/** Placeholder lines, except training data, which names an element of the workspace. */
const PLACEHOLDERS: Record<Exclude<MetadataField, 'training-data'>, string> = {
    'task': 'task ranking',
    'framework': 'framework "TODO"',
    'version': 'version "0.1.0"',
    'status': 'status development',
    'serving': 'serving batch',
    'owner': 'owner "TODO"',
    // `metric` is a keyword of the grammar, so the placeholder metric needs another name.
    'baseline': 'baseline TODO_metric 0 alert 0'
};

/** Written when the workspace has no dataset or feature group to train on. The diagnostic stays. */
const TRAINING_DATA_TODO = '// TODO: trained on <dataset or feature group>';

/**
 * Builds the quick fixes for missing model metadata: one per missing field, "add all" for a model,
 * and the edits of the `source.fixAll` action. The missing fields of a model are read from its
 * diagnostics, so the metadata policy (required fields, `off` and suppressions) decides them.
 */
export class MetadataFixes {

    constructor(protected readonly facts: WorkspaceFacts, protected readonly documents: LangiumDocuments) {}

    /** Returns the field named by a missing-metadata diagnostic, or undefined for other diagnostics. */
    static fieldOf(diagnostic: Diagnostic): MetadataField | undefined {
        const field = (diagnostic.data as { field?: unknown } | undefined)?.field;
        return METADATA_FIELDS.find(known => known === field);
    }

    /** Returns the model whose name a diagnostic marks. */
    static modelAt(document: LangiumDocument, diagnostic: Diagnostic): Model | undefined {
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        return leaf && AstUtils.getContainerOfType(leaf.astNode, isModel);
    }

    /** Returns the quick fix that adds the field of one missing-metadata diagnostic. */
    addField(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
        const field = MetadataFixes.fieldOf(diagnostic);
        const model = MetadataFixes.modelAt(document, diagnostic);
        if (!field || !model) {
            return undefined;
        }
        const line = this.skeletonLine(field, model, document);
        const edit = this.insertLines(document, model, [line]);
        return edit && {
            title: `Add \`${line}\` to model '${model.name}'`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            // A TODO comment leaves the diagnostic in place, so it is not the fix to apply automatically.
            isPreferred: line !== TRAINING_DATA_TODO,
            edit: { changes: { [document.uri.toString()]: [edit] } }
        };
    }

    /** Returns the quick fix that adds every missing field of the diagnostic's model, or undefined for one field. */
    addAllFields(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
        const model = MetadataFixes.modelAt(document, diagnostic);
        if (!model) {
            return undefined;
        }
        const missing = this.missingFields(document, model);
        const edit = missing.length > 1 ? this.addAllEdit(document, model, missing) : undefined;
        return edit && {
            title: `Add all missing metadata to model '${model.name}' (${missing.join(', ')})`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [document.uri.toString()]: [edit] } }
        };
    }

    /** Returns one edit per model of the document that lacks metadata, each adding every missing field. */
    addAllInDocument(document: LangiumDocument): TextEdit[] {
        const edits: TextEdit[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if (isModel(node)) {
                const missing = this.missingFields(document, node);
                const edit = missing.length > 0 ? this.addAllEdit(document, node, missing) : undefined;
                if (edit) {
                    edits.push(edit);
                }
            }
        }
        return edits;
    }

    /** Returns the fields that the document's diagnostics report missing on the model, in FIELD_ORDER. */
    protected missingFields(document: LangiumDocument, model: Model): MetadataField[] {
        const fields = new Set<MetadataField>();
        for (const diagnostic of document.diagnostics ?? []) {
            const field = MetadataFixes.fieldOf(diagnostic);
            if (field && MetadataFixes.modelAt(document, diagnostic) === model) {
                fields.add(field);
            }
        }
        return FIELD_ORDER.filter(field => fields.has(field));
    }

    protected addAllEdit(document: LangiumDocument, model: Model, fields: MetadataField[]): TextEdit | undefined {
        return this.insertLines(document, model, fields.map(field => this.skeletonLine(field, model, document)));
    }

    protected skeletonLine(field: MetadataField, model: Model, document: LangiumDocument): string {
        if (field !== 'training-data') {
            return PLACEHOLDERS[field];
        }
        const source = this.trainingSourceName(model, document);
        return source ? `trained on ${source}` : TRAINING_DATA_TODO;
    }

    /**
     * Names the training data to suggest: the first feature group the model consumes, else the
     * first dataset or feature group of this document, else of the other documents by URI.
     * Uses the simple name where it is unique and the qualified name otherwise.
     */
    protected trainingSourceName(model: Model, document: LangiumDocument): string | undefined {
        const consumed = model.consumes.find(ref => ref.ref !== undefined);
        if (consumed) {
            return consumed.$refText;
        }
        const candidates: NamedElement[] = [];
        const others = this.documents.all
            .filter(other => other !== document)
            .toArray()
            .sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
        const documents = [document, ...others];
        for (const candidateDocument of documents) {
            for (const node of AstUtils.streamAllContents(candidateDocument.parseResult.value)) {
                if ((isDataset(node) || isFeatureGroup(node)) && node.name) {
                    candidates.push(node);
                }
            }
        }
        for (const candidate of candidates) {
            const name = this.unambiguousName(candidate);
            if (name) {
                return name;
            }
        }
        return undefined;
    }

    protected unambiguousName(element: NamedElement): string | undefined {
        if ((this.facts.tables.bySimpleName.get(element.name) ?? []).length === 1) {
            return element.name;
        }
        const qualifiedName = qualifiedNameOf(element);
        const unique = (this.facts.tables.byQualifiedName.get(qualifiedName) ?? []).length === 1;
        return unique && !isTopLevel(element) ? qualifiedName : undefined;
    }

    /**
     * Returns an edit that inserts lines before the model's closing brace, indented like the
     * model's other properties. A model written on one line (`model M { }`) is opened up so that
     * each new property gets a line of its own. The edit removes no existing text except the
     * spaces before the brace.
     */
    protected insertLines(document: LangiumDocument, model: Model, lines: string[]): TextEdit | undefined {
        const modelNode = model.$cstNode;
        const braces = GrammarUtils.findNodesForKeyword(modelNode, '}');
        const closeBrace = braces[braces.length - 1];
        const openBrace = GrammarUtils.findNodeForKeyword(modelNode, '{');
        if (!modelNode || !openBrace || !closeBrace || closeBrace.end !== modelNode.end) {
            return undefined;
        }

        const text = document.textDocument.getText();
        const indentation = blockIndentation(text, openBrace, closeBrace, modelNode);
        const position = (offset: number) => document.textDocument.positionAt(offset);
        if (startsLine(text, closeBrace.offset)) {
            const lineStart = text.lastIndexOf('\n', closeBrace.offset - 1) + 1;
            return TextEdit.insert(position(lineStart), lines.map(line => `${indentation}${line}\n`).join(''));
        }
        const spaces = /[ \t]*$/.exec(text.slice(0, closeBrace.offset))![0].length;
        const body = lines.map(line => `${indentation}${line}`).join('\n');
        return TextEdit.replace(
            { start: position(closeBrace.offset - spaces), end: position(closeBrace.offset) },
            `\n${body}\n${lineIndentation(text, modelNode.offset)}`
        );
    }
}
