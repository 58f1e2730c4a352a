import type { AstReflection, GrammarConfig, LangiumDocument, References } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, CodeActionTriggerKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic } from 'vscode-languageserver';
import type { MlArchServices } from '../mlarch-module.js';
import type { WorkspaceFacts } from '../workspace/workspace-facts.js';
import { MetadataFixes } from './code-actions/metadata-fixes.js';
import { createSignalFix, qualifiedNameFixes, removeReferenceFix } from './code-actions/reference-fixes.js';
import { removeDuplicatePropertyFix, removePlacementFix, removeUnusedFeatureGroupFix } from './code-actions/removal-fixes.js';
import { normaliseTrafficFix } from './code-actions/traffic-fix.js';

/** Code action kind of "fix all": adds every missing metadata field to every model of a file. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.mlarch`;

/**
 * Quick fixes for MLArch diagnostics, found by their stable code, plus the `source.fixAll.mlarch`
 * action. Every edit is computed from the syntax tree of the validated document, inserts or
 * removes whole clauses, and keeps comments and other text on the lines it touches.
 */
export class MlArchCodeActionProvider implements CodeActionProvider {

    protected readonly facts: WorkspaceFacts;
    protected readonly reflection: AstReflection;
    protected readonly references: References;
    protected readonly grammarConfig: GrammarConfig;
    protected readonly metadataFixes: MetadataFixes;

    constructor(services: MlArchServices) {
        this.facts = services.workspace.Facts;
        this.reflection = services.shared.AstReflection;
        this.references = services.references.References;
        this.grammarConfig = services.parser.GrammarConfig;
        this.metadataFixes = new MetadataFixes(this.facts, services.shared.workspace.LangiumDocuments);
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
        const actions: CodeAction[] = [];
        if (kindRequested(CodeActionKind.QuickFix, params.context.only)) {
            const addAllOffered = new Set<string>();
            for (const diagnostic of params.context.diagnostics) {
                actions.push(...this.quickFixes(document, diagnostic, addAllOffered));
            }
        }
        if (this.fixAllRequested(params)) {
            const fixAll = this.fixAll(document);
            if (fixAll) {
                actions.push(fixAll);
            }
        }
        return actions;
    }

    /** `addAllOffered` contains the models that already got "add all" in this request, by name position. */
    protected quickFixes(document: LangiumDocument, diagnostic: Diagnostic, addAllOffered: Set<string>): CodeAction[] {
        const code = String(diagnostic.code ?? '');
        if (MetadataFixes.fieldOf(diagnostic) && code.startsWith('missing-')) {
            const fixes = [this.metadataFixes.addField(document, diagnostic)];
            const modelKey = `${diagnostic.range.start.line}:${diagnostic.range.start.character}`;
            if (!addAllOffered.has(modelKey)) {
                addAllOffered.add(modelKey);
                fixes.push(this.metadataFixes.addAllFields(document, diagnostic));
            }
            return present(fixes);
        }

        switch (code) {
            case 'unresolved-reference':
                return present([createSignalFix(document, diagnostic, this.reflection, this.facts)]);
            case 'ambiguous-reference':
                return qualifiedNameFixes(document, diagnostic, this.reflection, this.facts);
            case 'traffic-not-100':
                return present([normaliseTrafficFix(document, diagnostic)]);
            case 'endpoint-serves-inactive-model':
                return present([removeReferenceFix(document, diagnostic, name => `Remove model '${name}' from \`serves\``)]);
            case 'model-dependency-cycle':
                return present([removeReferenceFix(document, diagnostic, name => `Remove the dependency on '${name}' to break the cycle`)]);
            case 'duplicate-property':
                return present([removeDuplicatePropertyFix(document, diagnostic)]);
            case 'invalid-container':
                return present([removePlacementFix(document, diagnostic)]);
            case 'unused-feature-group':
                return present([removeUnusedFeatureGroupFix(document, diagnostic, this.references, this.grammarConfig)]);
            default:
                return [];
        }
    }

    /**
     * Returns true when the request asks for fix-all by kind. Clients that do not filter by kind
     * would list it with every quick fix, so a request without `only` does not get it. An
     * automatic request (on save) must name `source.fixAll.mlarch` itself: a global
     * `"source.fixAll"` on save would otherwise write placeholder metadata into every model.
     */
    protected fixAllRequested(params: CodeActionParams): boolean {
        const only = params.context.only;
        if (!only) {
            return false;
        }
        if (params.context.triggerKind === CodeActionTriggerKind.Automatic) {
            return only.includes(FIX_ALL_KIND);
        }
        return kindRequested(FIX_ALL_KIND, only);
    }

    protected fixAll(document: LangiumDocument): CodeAction | undefined {
        const edits = this.metadataFixes.addAllInDocument(document);
        if (edits.length === 0) {
            return undefined;
        }
        return {
            title: `Add all missing metadata to the ${edits.length} model(s) of this file`,
            kind: FIX_ALL_KIND,
            edit: { changes: { [document.uri.toString()]: edits } }
        };
    }
}

/** Returns true when `only` is absent or requests `kind` or a kind that contains it (`source` contains `source.fixAll`). */
function kindRequested(kind: string, only: string[] | undefined): boolean {
    return !only || only.some(requested => kind === requested || kind.startsWith(`${requested}.`));
}

function present(actions: Array<CodeAction | undefined>): CodeAction[] {
    return actions.filter(action => action !== undefined);
}
