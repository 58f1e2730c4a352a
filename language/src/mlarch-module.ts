import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices,
    type PartialLangiumSharedServices
} from 'langium/lsp';
import { MlArchGeneratedModule, MlArchGeneratedSharedModule } from './generated/module.js';
import { MlArchCallHierarchyProvider } from './lsp/mlarch-call-hierarchy-provider.js';
import { MlArchCodeActionProvider } from './lsp/mlarch-code-action-provider.js';
import { MlArchCodeLensProvider } from './lsp/mlarch-code-lens-provider.js';
import { MlArchCompletionProvider } from './lsp/mlarch-completion-provider.js';
import { MlArchDocumentLinkProvider } from './lsp/mlarch-document-link-provider.js';
import { MlArchDocumentSymbolProvider } from './lsp/mlarch-document-symbol-provider.js';
import { MlArchFoldingRangeProvider } from './lsp/mlarch-folding-range-provider.js';
import { MlArchFormatter } from './lsp/mlarch-formatter.js';
import { MlArchHoverProvider } from './lsp/mlarch-hover-provider.js';
import { MlArchNodeKindProvider } from './lsp/mlarch-node-kind-provider.js';
import { MlArchReferencesProvider } from './lsp/mlarch-references-provider.js';
import { MlArchRenameProvider } from './lsp/mlarch-rename-provider.js';
import { MlArchSemanticTokenProvider } from './lsp/mlarch-semantic-token-provider.js';
import { MlArchWorkspaceSymbolProvider } from './lsp/mlarch-workspace-symbol-provider.js';
import { NameOccurrences } from './lsp/name-occurrences.js';
import { MlArchLexer } from './parser/mlarch-lexer.js';
import { createMlArchCompletionParser, createMlArchParser } from './parser/mlarch-parser.js';
import { MlArchParserErrorMessageProvider } from './parser/parser-error-messages.js';
import { MlArchTokenBuilder } from './parser/string-token.js';
import { MlArchLinker } from './references/mlarch-linker.js';
import { MlArchScopeComputation } from './references/mlarch-scope-computation.js';
import { MlArchScopeProvider } from './references/mlarch-scope-provider.js';
import { MlArchDocumentValidator } from './validation/mlarch-document-validator.js';
import { registerMlArchChecks } from './validation/mlarch-checks.js';
import { ElementLineage } from './workspace/element-lineage.js';
import { MlArchIndexManager, MlArchReferenceDescriptionProvider } from './workspace/lazy-reference-index.js';
import { MetadataPolicy } from './workspace/metadata-policy.js';
import { MlArchConfigLoader } from './workspace/mlarch-config-loader.js';
import { MlArchDocumentBuilder } from './workspace/mlarch-document-builder.js';
import { WorkspaceFacts } from './workspace/workspace-facts.js';

/** Services that MLArch adds to Langium's. */
export interface MlArchAddedServices {
    workspace: {
        Facts: WorkspaceFacts;
        MetadataPolicy: MetadataPolicy;
        Lineage: ElementLineage;
        ConfigLoader: MlArchConfigLoader;
    };
    references: {
        NameOccurrences: NameOccurrences;
    };
}

export type MlArchServices = LangiumServices & MlArchAddedServices;

export const MlArchModule: Module<MlArchServices, PartialLangiumServices & MlArchAddedServices> = {
    parser: {
        TokenBuilder: () => new MlArchTokenBuilder(),
        Lexer: services => new MlArchLexer(services),
        LangiumParser: services => createMlArchParser(services),
        CompletionParser: services => createMlArchCompletionParser(services),
        ParserErrorMessageProvider: () => new MlArchParserErrorMessageProvider()
    },
    references: {
        ScopeComputation: services => new MlArchScopeComputation(services),
        ScopeProvider: services => new MlArchScopeProvider(services),
        Linker: services => new MlArchLinker(services),
        NameOccurrences: services => new NameOccurrences(services)
    },
    lsp: {
        HoverProvider: services => new MlArchHoverProvider(services),
        DocumentSymbolProvider: services => new MlArchDocumentSymbolProvider(services),
        Formatter: services => new MlArchFormatter(services),
        SemanticTokenProvider: services => new MlArchSemanticTokenProvider(services),
        FoldingRangeProvider: services => new MlArchFoldingRangeProvider(services),
        DocumentLinkProvider: () => new MlArchDocumentLinkProvider(),
        CompletionProvider: services => new MlArchCompletionProvider(services),
        CodeActionProvider: services => new MlArchCodeActionProvider(services),
        CodeLensProvider: services => new MlArchCodeLensProvider(services),
        CallHierarchyProvider: services => new MlArchCallHierarchyProvider(services),
        RenameProvider: services => new MlArchRenameProvider(services),
        ReferencesProvider: services => new MlArchReferencesProvider(services)
    },
    validation: {
        DocumentValidator: services => new MlArchDocumentValidator(services)
    },
    workspace: {
        Facts: services => new WorkspaceFacts(services.shared),
        MetadataPolicy: () => new MetadataPolicy(),
        Lineage: services => new ElementLineage(services.shared),
        ConfigLoader: services => new MlArchConfigLoader(services),
        ReferenceDescriptionProvider: services => new MlArchReferenceDescriptionProvider(services)
    }
};

/**
 * Shared services that MLArch replaces: symbol kinds per element kind, workspace symbols by
 * qualified name, a document builder that also validates documents affected by cross-file facts,
 * and an index manager that describes references only when asked.
 */
export const MlArchSharedModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    workspace: {
        DocumentBuilder: services => new MlArchDocumentBuilder(services),
        IndexManager: services => new MlArchIndexManager(services)
    },
    lsp: {
        NodeKindProvider: () => new MlArchNodeKindProvider(),
        WorkspaceSymbolProvider: services => new MlArchWorkspaceSymbolProvider(services)
    }
};

/**
 * Creates the shared services and the MLArch language services. Pass `connection` in the
 * language server; leave it out in the command line and tests.
 */
export function createMlArchServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; MlArch: MlArchServices } {
    const shared = inject(createDefaultSharedModule(context), MlArchGeneratedSharedModule, MlArchSharedModule);
    const MlArch = inject(createDefaultModule({ shared }), MlArchGeneratedModule, MlArchModule);
    shared.ServiceRegistry.register(MlArch);
    registerMlArchChecks(MlArch);
    // Validate every file at start-up so that the Problems view is complete before any edit.
    shared.workspace.WorkspaceManager.initialBuildOptions = { validation: true };
    revalidateDependentsOnChange(shared, MlArch);
    if (!context.connection) {
        // Without a language client no configuration arrives, so mark it as received.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, MlArch };
}

/**
 * Several checks look across files (a signal declared in one file is subscribed to in another),
 * so a change to one document can change another document's diagnostics even where no reference
 * connects them. Each build therefore also validates the documents whose facts changed, as
 * WorkspaceFacts finds them; parsing and linking are not repeated for them.
 */
function revalidateDependentsOnChange(shared: LangiumSharedServices, services: MlArchServices): void {
    const builder = shared.workspace.DocumentBuilder;
    if (builder instanceof MlArchDocumentBuilder) {
        builder.addDependentDocumentsProvider(() => services.workspace.Facts.takeDependentDocuments());
    }
}
