import { URI } from 'vscode-uri';

/** File extension of the documents that the preview draws, and so of every file it may reveal. */
const MLARCH_EXTENSION = '.mlarch';

/** Scope of a reveal request from the webview: the workspace folders and the documents already open. */
export interface RevealScope {
    /** URIs of the workspace folders, as `WorkspaceFolder.uri.toString()` gives them. */
    readonly folders: readonly string[];
    /** URIs of the documents open in the editor, as `TextDocument.uri.toString()` gives them. */
    readonly openDocuments: readonly string[];
    /** True when file paths compare without regard to case, as on Windows and macOS by default. */
    readonly ignoreCase?: boolean;
}

export type RevealTarget =
    | { readonly accepted: true; readonly uri: URI }
    | { readonly accepted: false; readonly reason: string };

/**
 * Checks whether the preview may open a URI that the webview sent. The webview draws model text,
 * so it counts as untrusted and may open only a document that is already open or an `.mlarch`
 * file inside a workspace folder. Paths with `.` or `..` segments are rejected because the path
 * prefix comparison below does not resolve them.
 */
export function checkRevealTarget(rawUri: string, scope: RevealScope): RevealTarget {
    let uri: URI;
    try {
        uri = URI.parse(rawUri, true);
    } catch (error) {
        return { accepted: false, reason: `it is not a valid URI (${error instanceof Error ? error.message : String(error)})` };
    }
    const normalized = uri.toString();
    if (scope.openDocuments.some(document => sameUri(document, normalized))) {
        return { accepted: true, uri };
    }
    if (uri.path.includes('\0') || uri.path.split(/[\\/]/).some(segment => segment === '.' || segment === '..')) {
        return { accepted: false, reason: 'its path has a "." or ".." segment' };
    }
    if (!uri.path.toLowerCase().endsWith(MLARCH_EXTENSION)) {
        return { accepted: false, reason: `it is not an ${MLARCH_EXTENSION} file` };
    }
    const inFolder = scope.folders.some(folder => contains(URI.parse(folder), uri, scope.ignoreCase ?? false));
    return inFolder ? { accepted: true, uri } : { accepted: false, reason: 'it is outside the workspace folders' };
}

/** Compares two URI strings after vscode-uri has normalised both. */
function sameUri(a: string, b: string): boolean {
    try {
        return URI.parse(a).toString() === b;
    } catch {
        return false;
    }
}

/** Tests that `uri` has the scheme and authority of `folder` and starts with the folder's path plus a slash. */
function contains(folder: URI, uri: URI, ignoreCase: boolean): boolean {
    if (folder.scheme !== uri.scheme || folder.authority.toLowerCase() !== uri.authority.toLowerCase()) {
        return false;
    }
    const fold = (path: string) => ignoreCase ? path.toLowerCase() : path;
    const prefix = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
    return fold(uri.path).startsWith(fold(prefix));
}
