import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import { VIEW_KINDS } from '../../language/src/graph/graph-model.js';
import type { MlArchServices } from '../../language/src/mlarch-module.js';
import { GraphRequest, WorkspaceBuiltNotification } from '../../language/src/protocol.js';

/**
 * Answers graph requests from the preview and tells clients when a workspace build has finished,
 * so open previews fetch the new graph.
 */
export function registerGraphRequests(connection: Connection, shared: LangiumSharedServices, services: MlArchServices): void {
    const builder = shared.workspace.DocumentBuilder;
    const documents = shared.workspace.LangiumDocuments;

    connection.onRequest(GraphRequest.method, async (params: GraphRequest.Params, cancelToken): Promise<GraphRequest.Result> => {
        if (!params || !VIEW_KINDS.includes(params.view)) {
            throw new Error(`Invalid graph request: view must be one of ${VIEW_KINDS.join(', ')}, got ${JSON.stringify(params?.view)}.`);
        }
        await shared.workspace.WorkspaceManager.ready;
        await builder.waitUntil(DocumentState.Linked, cancelToken);
        try {
            return buildArchitectureGraph(documents.all, params.view);
        } catch (error) {
            connection.console.error(`Building the ${params.view} graph failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
            throw error;
        }
    });

    builder.onBuildPhase(DocumentState.Validated, built => {
        const uris = built.map(document => document.uri.toString());
        void connection.sendNotification(WorkspaceBuiltNotification.method, { uris } satisfies WorkspaceBuiltNotification.Params);
    });

    connection.console.info(`MLArch language server started (${services.LanguageMetaData.languageId}).`);
}
