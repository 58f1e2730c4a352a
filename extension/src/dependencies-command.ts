import * as vscode from 'vscode';
import type { Location, Position } from 'vscode-languageclient';
import {
    SHOW_DEPENDENCIES_COMMAND, SHOW_REFERENCES_COMMAND,
    type DependencyKind, type ShowDependenciesArguments
} from '../../language/src/lsp/show-dependencies-command.js';
import type { PreviewController } from './preview-controller.js';

/** Noun phrase for each kind of related element, as it reads after "has no". */
const DESCRIPTIONS: Record<DependencyKind, string> = {
    upstream: 'upstream elements',
    downstream: 'downstream elements',
    endpoints: 'endpoints that serve it',
    experiments: 'experiments that use it'
};

/**
 * Registers the command that the code lenses above models and jobs run. For a model it opens the
 * preview's dependency view of the model. For a job it lists the related elements that the
 * server computed in VS Code's references peek view, or shows a message when there are none.
 *
 * @param previews resolves to the preview controller once the language client runs. The command
 *     is registered earlier, because the first code lenses may arrive right after the client starts.
 */
export function registerShowDependenciesCommand(log: vscode.LogOutputChannel, previews: Promise<PreviewController>): vscode.Disposable {
    return vscode.commands.registerCommand(SHOW_DEPENDENCIES_COMMAND, async (args?: ShowDependenciesArguments) => {
        if (!args || !Array.isArray(args.locations)) {
            log.warn(`${SHOW_DEPENDENCIES_COMMAND} was run without the arguments of a code lens; nothing to show.`);
            return;
        }
        if (args.elementKind === 'model' && typeof args.qualifiedName === 'string') {
            (await previews).showView({ view: 'model-dependencies', model: args.qualifiedName });
            return;
        }
        if (args.locations.length === 0) {
            void vscode.window.showInformationMessage(`The ${args.elementKind} '${args.qualifiedName}' has no ${DESCRIPTIONS[args.dependencyKind]}.`);
            return;
        }
        await vscode.commands.executeCommand(
            SHOW_REFERENCES_COMMAND,
            vscode.Uri.parse(args.uri),
            toPosition(args.position),
            args.locations.map(toLocation)
        );
    });
}

function toPosition(position: Position): vscode.Position {
    return new vscode.Position(position.line, position.character);
}

function toLocation(location: Location): vscode.Location {
    const range = new vscode.Range(toPosition(location.range.start), toPosition(location.range.end));
    return new vscode.Location(vscode.Uri.parse(location.uri), range);
}
