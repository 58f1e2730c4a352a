import { DocumentState, inject, type LangiumSharedCoreServices, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule,
    type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices, type PartialLangiumServices
} from 'langium/lsp';
import { MlArchGeneratedModule, MlArchGeneratedSharedModule } from './generated/module.js';
import { MlArchLinker } from './references/mlarch-linker.js';
import { MlArchScopeComputation } from './references/mlarch-scope-computation.js';
import { MlArchDocumentValidator } from './validation/mlarch-document-validator.js';
import { registerMlArchChecks } from './validation/mlarch-checks.js';
import { MetadataPolicy } from './workspace/metadata-policy.js';
import { WorkspaceFacts } from './workspace/workspace-facts.js';

/** Services that MLArch adds to Langium's. */
export interface MlArchAddedServices {
    workspace: {
        Facts: WorkspaceFacts;
        MetadataPolicy: MetadataPolicy;
    };
}

export type MlArchServices = LangiumServices & MlArchAddedServices;

export const MlArchModule: Module<MlArchServices, PartialLangiumServices & MlArchAddedServices> = {
    references: {
        ScopeComputation: services => new MlArchScopeComputation(services),
        Linker: services => new MlArchLinker(services)
    },
    validation: {
        DocumentValidator: services => new MlArchDocumentValidator(services)
    },
    workspace: {
        Facts: services => new WorkspaceFacts(services.shared),
        MetadataPolicy: () => new MetadataPolicy()
    }
};

/**
 * Creates the shared services and the MLArch language services. Pass `connection` in the
 * language server; leave it out in the command line and tests.
 */
export function createMlArchServices(context: DefaultSharedModuleContext): { shared: LangiumSharedServices; MlArch: MlArchServices } {
    const shared = inject(createDefaultSharedModule(context), MlArchGeneratedSharedModule);
    const MlArch = inject(createDefaultModule({ shared }), MlArchGeneratedModule, MlArchModule);
    shared.ServiceRegistry.register(MlArch);
    registerMlArchChecks(MlArch);
    // Validate every file at start-up so that the Problems view is complete before any edit.
    shared.workspace.WorkspaceManager.initialBuildOptions = { validation: true };
    revalidateWorkspaceOnChange(shared);
    if (!context.connection) {
        // Without a language client nobody sends configuration; mark it as received.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, MlArch };
}

/**
 * Several checks look across files (a signal declared in one file is emitted in another), so a
 * change to one document can change another document's diagnostics even where no reference
 * connects them. After every change, all other documents are validated again; parsing and
 * linking are not repeated for them.
 * NOTE: this costs one validation pass over the workspace per change.
 */
function revalidateWorkspaceOnChange(shared: LangiumSharedCoreServices): void {
    const builder = shared.workspace.DocumentBuilder;
    builder.onUpdate(() => {
        for (const document of shared.workspace.LangiumDocuments.all) {
            if (document.state === DocumentState.Validated) {
                builder.resetToState(document, DocumentState.IndexedReferences);
            }
        }
    });
}
