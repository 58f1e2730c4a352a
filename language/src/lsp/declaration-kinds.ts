import type { AstNode } from 'langium';
import { CompletionItemKind, SemanticTokenTypes, SymbolKind } from 'vscode-languageserver';
import { isGroup, isJob } from '../generated/ast.js';

/** The presentation of one kind of declaration in the outline, completion and semantic highlighting. */
export interface DeclarationKind {
    /** The declaring keyword, or a short noun where the keyword is ambiguous (`feature group`). */
    label: string;
    symbolKind: SymbolKind;
    completionKind: CompletionItemKind;
    tokenType: SemanticTokenTypes;
}

/** Declaration kinds by AST type: every element, feature group, step, experiment variant and monitor metric. */
const DECLARATION_KINDS: Readonly<Record<string, DeclarationKind>> = {
    Platform: { label: 'platform', symbolKind: SymbolKind.Namespace, completionKind: CompletionItemKind.Module, tokenType: SemanticTokenTypes.namespace },
    Group: { label: 'group', symbolKind: SymbolKind.Package, completionKind: CompletionItemKind.Module, tokenType: SemanticTokenTypes.namespace },
    Component: { label: 'component', symbolKind: SymbolKind.Class, completionKind: CompletionItemKind.Class, tokenType: SemanticTokenTypes.class },
    Datastore: { label: 'datastore', symbolKind: SymbolKind.Struct, completionKind: CompletionItemKind.Struct, tokenType: SemanticTokenTypes.struct },
    Stream: { label: 'stream', symbolKind: SymbolKind.Struct, completionKind: CompletionItemKind.Struct, tokenType: SemanticTokenTypes.struct },
    Dataset: { label: 'dataset', symbolKind: SymbolKind.File, completionKind: CompletionItemKind.File, tokenType: SemanticTokenTypes.struct },
    Job: { label: 'job', symbolKind: SymbolKind.Function, completionKind: CompletionItemKind.Function, tokenType: SemanticTokenTypes.function },
    FeatureStore: { label: 'featurestore', symbolKind: SymbolKind.Module, completionKind: CompletionItemKind.Module, tokenType: SemanticTokenTypes.namespace },
    FeatureGroup: { label: 'feature group', symbolKind: SymbolKind.Field, completionKind: CompletionItemKind.Field, tokenType: SemanticTokenTypes.property },
    Model: { label: 'model', symbolKind: SymbolKind.Class, completionKind: CompletionItemKind.Class, tokenType: SemanticTokenTypes.class },
    Workflow: { label: 'workflow', symbolKind: SymbolKind.Function, completionKind: CompletionItemKind.Function, tokenType: SemanticTokenTypes.function },
    Step: { label: 'step', symbolKind: SymbolKind.Method, completionKind: CompletionItemKind.Method, tokenType: SemanticTokenTypes.method },
    Signal: { label: 'signal', symbolKind: SymbolKind.Event, completionKind: CompletionItemKind.Event, tokenType: SemanticTokenTypes.event },
    Endpoint: { label: 'endpoint', symbolKind: SymbolKind.Interface, completionKind: CompletionItemKind.Interface, tokenType: SemanticTokenTypes.interface },
    Experiment: { label: 'experiment', symbolKind: SymbolKind.Object, completionKind: CompletionItemKind.Value, tokenType: SemanticTokenTypes.type },
    Variant: { label: 'variant', symbolKind: SymbolKind.EnumMember, completionKind: CompletionItemKind.EnumMember, tokenType: SemanticTokenTypes.enumMember },
    Monitor: { label: 'monitor', symbolKind: SymbolKind.Object, completionKind: CompletionItemKind.Value, tokenType: SemanticTokenTypes.type },
    MonitorMetric: { label: 'metric', symbolKind: SymbolKind.Property, completionKind: CompletionItemKind.Property, tokenType: SemanticTokenTypes.variable }
};

/** Returns the declaration kind of an AST type, or undefined for nodes that declare nothing. */
export function declarationKindOf(type: string): DeclarationKind | undefined {
    return DECLARATION_KINDS[type];
}

/** Returns the word that declared a node as it reads in the source: `layer` or `group`, `job` or `pipeline`, `model`. */
export function declarationLabelOf(node: AstNode): string {
    if (isGroup(node) || isJob(node)) {
        return node.kind;
    }
    return declarationKindOf(node.$type)?.label ?? node.$type;
}
