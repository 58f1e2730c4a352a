import { DocumentState, URI, UriUtils, type FileSystemProvider, type LangiumDocuments, type WorkspaceManager } from 'langium';
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { MlArchServices } from '../mlarch-module.js';
import { CONFIG_FILE_NAME, CONFIG_INVALID_CODE, parseMlArchConfig, type ConfigProblem } from './mlarch-config.js';
import type { MetadataPolicy } from './metadata-policy.js';

/**
 * Reads `mlarch.config.json` in the language server: at start-up from the workspace folders, and
 * again whenever the client reports that such a file changed, after which the whole workspace is
 * validated again in one build. Problems in the file are published as diagnostics on it.
 *
 * NOTE: with several workspace folders, the file of the first folder that has one applies to the
 * whole workspace, because the policy is one per language server.
 */
export class MlArchConfigLoader {

    protected readonly policy: MetadataPolicy;
    protected readonly fileSystem: FileSystemProvider;
    protected readonly workspaceManager: WorkspaceManager;
    protected readonly documents: LangiumDocuments;
    protected readonly connection: Connection | undefined;
    /** URIs of configuration files that currently have published diagnostics. */
    protected readonly published = new Set<string>();
    /** Set when a configuration file changed, until the next build starts. */
    protected revalidateAll = false;

    constructor(services: MlArchServices) {
        const shared = services.shared;
        this.policy = services.workspace.MetadataPolicy;
        this.fileSystem = shared.workspace.FileSystemProvider;
        this.workspaceManager = shared.workspace.WorkspaceManager;
        this.documents = shared.workspace.LangiumDocuments;
        this.connection = shared.lsp.Connection;

        // The language server creates this service before it fires onInitialize, and the first
        // build starts after it; validation waits for `policy.loaded`.
        shared.lsp.LanguageServer.onInitialize(() => this.reload());
        shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
            if (params.changes.some(change => this.isConfigFile(change.uri))) {
                this.revalidateAll = true;
                this.reload();
            }
        });
        // Langium builds after every watched-file notification; this makes that build validate every document.
        shared.workspace.DocumentBuilder.onUpdate(() => {
            if (!this.revalidateAll) {
                return;
            }
            this.revalidateAll = false;
            for (const document of this.documents.all) {
                if (document.state === DocumentState.Validated) {
                    shared.workspace.DocumentBuilder.resetToState(document, DocumentState.IndexedReferences);
                }
            }
        });
    }

    /** Starts reading the configuration; validation waits until it is applied. */
    reload(): void {
        this.policy.loaded = this.load().catch(error => {
            this.connection?.console.error(`Reading ${CONFIG_FILE_NAME} failed, so the default policy applies: ${error instanceof Error ? error.message : String(error)}`);
            this.policy.configure(undefined);
        });
    }

    /** Reads the first configuration file among the workspace folders and applies it, or the defaults. */
    async load(): Promise<void> {
        for (const uri of this.candidateFiles()) {
            let text: string;
            try {
                text = await this.fileSystem.readFile(uri);
            } catch {
                continue;
            }
            const parsed = parseMlArchConfig(text);
            this.policy.configure(parsed.config);
            this.publish(uri.toString(), text, parsed.problems);
            if (parsed.problems.length > 0) {
                this.connection?.console.warn(`${uri.fsPath} has ${parsed.problems.length} problem(s); its valid settings apply.`);
            }
            return;
        }
        this.policy.configure(undefined);
        this.publish(undefined, '', []);
    }

    protected candidateFiles(): URI[] {
        return (this.workspaceManager.workspaceFolders ?? [])
            .map(folder => UriUtils.joinPath(URI.parse(folder.uri), CONFIG_FILE_NAME));
    }

    protected isConfigFile(uri: string): boolean {
        return this.candidateFiles().some(candidate => UriUtils.equals(candidate, uri));
    }

    /** Publishes the problems of the file in effect and clears those of files no longer in effect. */
    protected publish(uri: string | undefined, text: string, problems: ConfigProblem[]): void {
        if (!this.connection) {
            return;
        }
        for (const old of this.published) {
            if (old !== uri) {
                void this.connection.sendDiagnostics({ uri: old, diagnostics: [] });
            }
        }
        this.published.clear();
        if (uri) {
            void this.connection.sendDiagnostics({ uri, diagnostics: problems.map(problem => toDiagnostic(text, problem)) });
            this.published.add(uri);
        }
    }
}

function toDiagnostic(text: string, problem: ConfigProblem): Diagnostic {
    const position = (offset: number) => {
        const before = text.slice(0, offset);
        return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
    };
    return {
        range: { start: position(problem.offset), end: position(problem.offset + problem.length) },
        severity: DiagnosticSeverity.Error,
        code: CONFIG_INVALID_CODE,
        source: 'mlarch',
        message: problem.message
    };
}
