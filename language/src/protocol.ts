/**
 * Every message between the language server, the extension and the preview webview, declared
 * once. Server and client import the same names so they cannot drift. This module has no
 * runtime dependency on vscode or vscode-languageserver.
 */
import type { ArchitectureGraph, SourceRange, ViewKind } from './graph/graph-model.js';

/** Request from the client: the graph of one view of the whole workspace. */
export namespace GraphRequest {
    export const method = 'mlarch/graph';
    export interface Params {
        view: ViewKind;
    }
    export type Result = ArchitectureGraph;
}

/** Notification from the server after each workspace build, so open previews refresh. */
export namespace WorkspaceBuiltNotification {
    export const method = 'mlarch/workspaceBuilt';
    export interface Params {
        /** URIs of the documents rebuilt by this build. */
        uris: string[];
    }
}

/** Messages that the extension posts to the webview. */
export type ExtensionToWebviewMessage =
    | { type: 'graph'; graph: ArchitectureGraph }
    | { type: 'error'; message: string };

/** Messages that the webview posts to the extension. */
export type WebviewToExtensionMessage =
    | { type: 'ready' }
    | { type: 'setView'; view: ViewKind }
    | { type: 'reveal'; uri: string; range: SourceRange };
