import type * as vscode from 'vscode';
import type { ArchitectureGraph } from '../../language/src/graph/graph-model.js';

/**
 * The value that `activate` returns, which other extensions and the extension-host tests get
 * from `vscode.extensions.getExtension('mlarch.mlarch').activate()`.
 */
export interface MlArchExtensionApi {
    /** Fires with each graph that the preview's webview accepted, after `postMessage` succeeded. */
    readonly onDidPostGraph: vscode.Event<ArchitectureGraph>;
}
