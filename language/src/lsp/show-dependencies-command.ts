/**
 * The client command that the code lenses above models and jobs run, declared once for the
 * server and the extension. It imports only types, so it has no runtime dependency on vscode or
 * vscode-languageserver.
 */
import type { Location, Position } from 'vscode-languageserver';

/** Command that the MLArch extension registers; other clients get `editor.action.showReferences`. */
export const SHOW_DEPENDENCIES_COMMAND = 'mlarch.showModelDependencies';

/** VS Code's built-in command that opens the references peek view. */
export const SHOW_REFERENCES_COMMAND = 'editor.action.showReferences';

/**
 * Key of the language client's `initializationOptions` that lists the client commands the client
 * implements. The server only uses SHOW_DEPENDENCIES_COMMAND in code lenses when it is listed.
 */
export const CLIENT_COMMANDS_OPTION = 'clientCommands';

/** Kind of related elements that a code lens lists. */
export type DependencyKind = 'upstream' | 'downstream' | 'endpoints' | 'experiments';

export interface ShowDependenciesArguments {
    /** Qualified name of the model or job that the code lens sits on. */
    qualifiedName: string;
    /** `model` or `job`, for messages. */
    elementKind: string;
    dependencyKind: DependencyKind;
    /** Document and position of the element's name, where the peek view opens. */
    uri: string;
    position: Position;
    /** Name ranges of the related elements. */
    locations: Location[];
}

/** Returns the client commands that the language client lists in its initialization options. */
export function readClientCommands(initializationOptions: unknown): Set<string> {
    if (typeof initializationOptions !== 'object' || initializationOptions === null) {
        return new Set();
    }
    const commands = (initializationOptions as Record<string, unknown>)[CLIENT_COMMANDS_OPTION];
    return new Set(Array.isArray(commands) ? commands.filter((command): command is string => typeof command === 'string') : []);
}
