import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS_OPTION, SHOW_DEPENDENCIES_COMMAND } from '../../language/src/lsp/show-dependencies-command.js';
import { CONFIG_FILE_NAME } from '../../language/src/workspace/config-file-name.js';

/**
 * Starts the MLArch language server with VS Code's own Node.js runtime over IPC, so users need
 * no Node.js installation of their own.
 */
export async function startLanguageClient(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<LanguageClient> {
    const serverModule = context.asAbsolutePath('out/server/main.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=127.0.0.1:6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ scheme: 'file', language: 'mlarch' }, { scheme: 'untitled', language: 'mlarch' }],
        synchronize: {
            // The server validates the whole workspace again when its policy file changes.
            fileEvents: [
                vscode.workspace.createFileSystemWatcher('**/*.mlarch'),
                vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`)
            ]
        },
        // Client commands that this extension registers, so code lenses may run them.
        initializationOptions: { [CLIENT_COMMANDS_OPTION]: [SHOW_DEPENDENCIES_COMMAND] },
        outputChannel: log
    };

    const client = new LanguageClient('mlarch', 'MLArch Language Server', serverOptions, clientOptions);
    log.info(`Starting the language server from ${serverModule}.`);
    await client.start();
    log.info('Language server started.');
    return client;
}
