import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

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
            fileEvents: vscode.workspace.createFileSystemWatcher('**/*.mlarch')
        },
        outputChannel: log
    };

    const client = new LanguageClient('mlarch', 'MLArch Language Server', serverOptions, clientOptions);
    log.info(`Starting the language server from ${serverModule}.`);
    await client.start();
    log.info('Language server started.');
    return client;
}
