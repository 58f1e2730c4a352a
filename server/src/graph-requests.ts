import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { elementAt } from '../../language/src/graph/element-at.js';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import { attachDiagnostics } from '../../language/src/graph/graph-diagnostics.js';
import { VIEW_KINDS } from '../../language/src/graph/graph-model.js';
import type { MlArchServices } from '../../language/src/mlarch-module.js';
import { ElementAtRequest, GraphRequest, WorkspaceBuiltNotification } from '../../language/src/protocol.js';
import { checkViewRequest } from '../../language/src/view-request.js';

/**
 * Handles the preview's graph and element-at requests, and notifies clients when a workspace
 * build has finished, so open previews fetch the new graph.
 */
export function registerGraphRequests(connection: Connection, shared: LangiumSharedServices, services: MlArchServices): void {
    const builder = shared.workspace.DocumentBuilder;
    const documents = shared.workspace.LangiumDocuments;

    connection.onRequest(GraphRequest.method, async (params: unknown, cancelToken): Promise<GraphRequest.Result> => {
        const request = checkViewRequest(params);
        if (typeof request === 'string') {
            throw new Error(`Invalid graph request: ${request} The view must be one of ${VIEW_KINDS.join(', ')}.`);
        }
        await shared.workspace.WorkspaceManager.ready;
        // Validated, not only linked, so that each node can carry its errors and warnings.
        await builder.waitUntil(DocumentState.Validated, cancelToken);
        try {
            const { view, ...parameters } = request;
            return attachDiagnostics(buildArchitectureGraph(documents.all, view, parameters), documents.all);
        } catch (error) {
            connection.console.error(`Building the ${request.view} graph failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
            throw error;
        }
    });

    connection.onRequest(ElementAtRequest.method, async (params: ElementAtRequest.Params, cancelToken): Promise<ElementAtRequest.Result> => {
        if (typeof params?.uri !== 'string' || !Number.isInteger(params.position?.line) || !Number.isInteger(params.position?.character)) {
            throw new Error(`Invalid element-at request: expected a URI and a position, got ${JSON.stringify(params)}.`);
        }
        await shared.workspace.WorkspaceManager.ready;
        await builder.waitUntil(DocumentState.Linked, cancelToken);
        const uri = URI.parse(params.uri);
        if (!documents.hasDocument(uri)) {
            return {};
        }
        const document = documents.getDocument(uri)!;
        const offset = document.textDocument.offsetAt(params.position);
        return elementAt(document, offset);
    });

    builder.onBuildPhase(DocumentState.Validated, built => {
        const uris = built.map(document => document.uri.toString());
        void connection.sendNotification(WorkspaceBuiltNotification.method, { uris } satisfies WorkspaceBuiltNotification.Params);
    });

    connection.console.info(`MLArch language server started (${services.LanguageMetaData.languageId}).`);
}
