/**
 * Every message between the language server, the extension and the preview webview, declared
 * once. Server and client import the same names so they cannot drift. This module has no
 * runtime dependency on vscode or vscode-languageserver.
 */
import type { ElementAtResult } from './graph/element-at.js';
import type { ArchitectureGraph, SourcePosition, SourceRange, ViewKind, ViewParameters } from './graph/graph-model.js';

/** A view and its parameters, as the preview requests and shows it. */
export interface ViewRequest extends ViewParameters {
    view: ViewKind;
}

/** Request from the client: the graph of one view of the whole workspace, with each node's errors and warnings. */
export namespace GraphRequest {
    export const method = 'mlarch/graph';
    export type Params = ViewRequest;
    export type Result = ArchitectureGraph;
}

/**
 * Request from a benchmark or a bug report: the server's memory use in bytes, after a full garbage
 * collection when `collected` is true. The server offers it only when started with
 * MLARCH_DEBUG_REQUESTS=1.
 */
export namespace MemoryUsageRequest {
    export const method = 'mlarch/debug/memory';
    export interface Result {
        heapUsed: number;
        heapTotal: number;
        rss: number;
        external: number;
        collected: boolean;
    }
}

/** Request from the client: the element or workflow step at a position, for the preview to highlight. */
export namespace ElementAtRequest {
    export const method = 'mlarch/elementAt';
    export interface Params {
        uri: string;
        position: SourcePosition;
    }
    /** Empty when the document is unknown or nothing is declared at the position. */
    export type Result = ElementAtResult;
}

/** Notification from the server after each workspace build, so open previews refresh. */
export namespace WorkspaceBuiltNotification {
    export const method = 'mlarch/workspaceBuilt';
    export interface Params {
        /** URIs of the documents rebuilt by this build. */
        uris: string[];
    }
}

export type ExportImageFormat = 'svg' | 'png';

/** Colours of an exported image: the current VS Code theme's, or a light palette for printing. */
export type ExportTheme = 'theme' | 'print';

/** Messages that the extension posts to the webview. */
export type ExtensionToWebviewMessage =
    | { type: 'graph'; graph: ArchitectureGraph }
    /** The view could not be built; `request` is the view that was asked for. */
    | { type: 'error'; message: string; request?: ViewRequest }
    /** Highlights the node with this id, or the nearest enclosing node that the view shows; null clears the highlight. */
    | { type: 'highlight'; id: string | null }
    /** Asks the webview to draw the current view as an image and post it back with `exportImage`. */
    | { type: 'export'; format: ExportImageFormat; theme: ExportTheme };

/** Messages that the webview posts to the extension. */
export type WebviewToExtensionMessage =
    | { type: 'ready' }
    | ({ type: 'setView' } & ViewRequest)
    | { type: 'reveal'; uri: string; range: SourceRange }
    /**
     * An exported image to save: SVG markup, or a PNG as a `data:image/png;base64,` URL.
     * `width` and `height` are the image size in pixels.
     */
    | { type: 'exportImage'; format: ExportImageFormat; theme: ExportTheme; view: ViewKind; data: string; width: number; height: number }
    /** The webview could not draw the requested image. */
    | { type: 'exportFailed'; format: ExportImageFormat; message: string };
