import * as vscode from 'vscode';
import { DIAGRAM_FORMATS, generateDocsForFolder, INDEX_FILE, writeDocs, type DiagramFormat } from '../../language/src/docs/generate-docs.js';

export const GENERATE_DOCS_COMMAND = 'mlarch.generateDocs';

const DIAGRAM_CHOICES: Record<DiagramFormat, { label: string; detail: string }> = {
    mermaid: { label: 'Mermaid code blocks', detail: 'Diagrams inside the Markdown; GitHub, GitLab and VS Code\'s Markdown preview with a Mermaid extension draw them.' },
    svg: { label: 'SVG files', detail: 'Diagrams as SVG files in a diagrams folder next to the Markdown, laid out as the preview lays them out.' }
};

/**
 * Registers `MLArch: Generate Documentation...`. It prompts for the output folder and the
 * diagram format, and writes the arc42 documentation of the workspace folder there, as `mlarch docs`
 * does. The generator reads the saved .mlarch files, so it offers to save unsaved ones first.
 */
export function registerGenerateDocsCommand(log: vscode.LogOutputChannel): vscode.Disposable {
    return vscode.commands.registerCommand(GENERATE_DOCS_COMMAND, async () => {
        const source = await pickSourceFolder();
        if (!source) {
            return;
        }
        const dirty = vscode.workspace.textDocuments.filter(document => document.isDirty && document.languageId === 'mlarch');
        if (dirty.length > 0) {
            const answer = await vscode.window.showWarningMessage(
                `${dirty.length} .mlarch file(s) have unsaved changes. The documentation is generated from the saved files.`,
                { modal: true }, 'Save and Generate', 'Generate from Saved Files');
            if (!answer) {
                return;
            }
            if (answer === 'Save and Generate') {
                await Promise.all(dirty.map(document => document.save()));
            }
        }

        const output = await vscode.window.showOpenDialog({
            title: 'Folder for the generated documentation',
            defaultUri: vscode.Uri.joinPath(source.uri, 'docs'),
            canSelectFiles: false,
            canSelectFolders: true,
            canSelectMany: false,
            openLabel: 'Generate Here'
        });
        if (!output?.[0]) {
            return;
        }
        const diagrams = await vscode.window.showQuickPick(
            DIAGRAM_FORMATS.map(format => ({ ...DIAGRAM_CHOICES[format], format })),
            { title: 'Embed the diagrams as' }
        );
        if (!diagrams) {
            return;
        }
        await generate(source, output[0], diagrams.format, log);
    });
}

async function pickSourceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
        void vscode.window.showErrorMessage('Open a folder with .mlarch files to generate its documentation.');
        return undefined;
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    const activeFolder = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
    if (activeFolder || folders.length === 1) {
        return activeFolder ?? folders[0];
    }
    return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Document which workspace folder?' });
}

async function generate(source: vscode.WorkspaceFolder, output: vscode.Uri, diagrams: DiagramFormat, log: vscode.LogOutputChannel): Promise<void> {
    try {
        const written = await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: 'Generating the MLArch documentation' },
            async () => writeDocs(output.fsPath, await generateDocsForFolder(source.uri.fsPath, { diagrams }))
        );
        log.info(`Generated ${written.length} documentation file(s) for ${source.uri.fsPath} in ${output.fsPath}.`);
        const open = await vscode.window.showInformationMessage(`Generated ${written.length} file(s) in ${vscode.workspace.asRelativePath(output)}.`, 'Open README');
        if (open) {
            await vscode.commands.executeCommand('vscode.open', vscode.Uri.joinPath(output, INDEX_FILE));
        }
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.error(`Generating the documentation of ${source.uri.fsPath} into ${output.fsPath} failed: ${reason}`);
        void vscode.window.showErrorMessage(`Generating the documentation failed: ${reason}`);
    }
}
