/**
 * Guards the incremental build: an edit relinks and revalidates only the documents it can affect,
 * and after any sequence of cross-file edits every document has the diagnostics that a cold
 * build of the same files gives.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DocumentState, URI, type FileSystemNode, type FileSystemProvider, type LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { createMlArchServices, type MlArchServices } from '../../language/src/mlarch-module.js';
import { testUri } from './workspace-helpers.js';

/** A file system whose files live in a map, so a test can change them and then call `update`. */
class MemoryFileSystemProvider implements FileSystemProvider {
    constructor(readonly files: Map<string, string>) {}

    statSync(uri: URI): FileSystemNode {
        if (!this.files.has(uri.toString())) {
            throw new Error(`No file ${uri.toString()}`);
        }
        return { isFile: true, isDirectory: false, uri };
    }

    async stat(uri: URI): Promise<FileSystemNode> {
        return this.statSync(uri);
    }

    existsSync(uri: URI): boolean {
        return this.files.has(uri.toString());
    }

    async exists(uri: URI): Promise<boolean> {
        return this.existsSync(uri);
    }

    readFileSync(uri: URI): string {
        const text = this.files.get(uri.toString());
        if (text === undefined) {
            throw new Error(`No file ${uri.toString()}`);
        }
        return text;
    }

    async readFile(uri: URI): Promise<string> {
        return this.readFileSync(uri);
    }

    readBinarySync(uri: URI): Uint8Array {
        return new TextEncoder().encode(this.readFileSync(uri));
    }

    async readBinary(uri: URI): Promise<Uint8Array> {
        return this.readBinarySync(uri);
    }

    readDirectorySync(): FileSystemNode[] {
        return [];
    }

    async readDirectory(): Promise<FileSystemNode[]> {
        return [];
    }
}

/** A workspace that is built once and then updated file by file, as the language server does. */
class IncrementalWorkspace {
    readonly files = new Map<string, string>();
    readonly services: MlArchServices;
    /** URIs of the documents linked and validated since the last `resetCounts`. */
    linked: string[] = [];
    validated: string[] = [];

    constructor(files: Record<string, string>) {
        for (const [name, text] of Object.entries(files)) {
            this.files.set(testUri(name), text);
        }
        const fileSystem = new MemoryFileSystemProvider(this.files);
        this.services = createMlArchServices({ fileSystemProvider: () => fileSystem }).MlArch;
        const builder = this.services.shared.workspace.DocumentBuilder;
        builder.onDocumentPhase(DocumentState.Linked, document => {
            this.linked.push(nameOf(document));
        });
        builder.onDocumentPhase(DocumentState.Validated, document => {
            this.validated.push(nameOf(document));
        });
    }

    async build(): Promise<void> {
        const factory = this.services.shared.workspace.LangiumDocumentFactory;
        const documents = this.services.shared.workspace.LangiumDocuments;
        const created: LangiumDocument[] = [];
        for (const [uri, text] of this.files) {
            const document = factory.fromString(text, URI.parse(uri));
            documents.addDocument(document);
            created.push(document);
        }
        await this.services.shared.workspace.DocumentBuilder.build(created, { validation: true });
    }

    resetCounts(): void {
        this.linked = [];
        this.validated = [];
    }

    /** Replaces text in one file (the text must occur exactly once) and runs an incremental update. */
    async edit(name: string, from: string, to: string): Promise<void> {
        const uri = testUri(name);
        const text = this.files.get(uri);
        assert.ok(text !== undefined, `no file ${name}`);
        assert.equal(text.split(from).length, 2, `${name} must contain ${JSON.stringify(from)} exactly once`);
        this.files.set(uri, text.replace(from, to));
        await this.services.shared.workspace.DocumentBuilder.update([URI.parse(uri)], []);
    }

    async add(name: string, text: string): Promise<void> {
        this.files.set(testUri(name), text);
        await this.services.shared.workspace.DocumentBuilder.update([URI.parse(testUri(name))], []);
    }

    async delete(name: string): Promise<void> {
        this.files.delete(testUri(name));
        await this.services.shared.workspace.DocumentBuilder.update([], [URI.parse(testUri(name))]);
    }

    /** Returns every diagnostic of every document, one line each, sorted. */
    diagnostics(): string[] {
        const lines: string[] = [];
        for (const document of this.services.shared.workspace.LangiumDocuments.all) {
            for (const diagnostic of document.diagnostics ?? []) {
                lines.push(describeDiagnostic(nameOf(document), diagnostic));
            }
        }
        return lines.sort();
    }

    codesIn(name: string): string[] {
        const document = this.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(testUri(name)));
        assert.ok(document, `no document ${name}`);
        return (document.diagnostics ?? []).map(diagnostic => String(diagnostic.code ?? 'syntax-error')).sort();
    }

    /** Builds the current files in fresh services and returns their diagnostics. */
    async coldDiagnostics(): Promise<string[]> {
        const cold = new IncrementalWorkspace({});
        for (const [uri, text] of this.files) {
            cold.files.set(uri, text);
        }
        await cold.build();
        return cold.diagnostics();
    }
}

function nameOf(document: LangiumDocument): string {
    return document.uri.path.split('/').pop()!;
}

function describeDiagnostic(name: string, diagnostic: Diagnostic): string {
    const { start } = diagnostic.range;
    const related = (diagnostic.relatedInformation ?? [])
        .map(info => `${info.location.uri.split('/').pop()}:${info.location.range.start.line}:${info.location.range.start.character}`)
        .join(',');
    return `${name}:${start.line}:${start.character} ${String(diagnostic.code)} ${diagnostic.message} [${related}]`;
}

const PLATFORM = `platform Acme {
    layer Serving {
        component Gateway
    }
}
datastore Lake {
    kind object-store
}
`;

const MODELS = `model Ranker {
    owner "Ranking"
    task ranking
    framework "PyTorch"
    version "v2"
    status production
    serving realtime
    trained on Clicks
    baseline ndcg 0.4
}

model Scorer {
    owner "Ranking"
    task ranking
    framework "PyTorch"
    version "v1"
    status production
    serving realtime
    trained on Clicks
    depends on Ranker
    baseline ndcg 0.3
}
`;

const DATA = `dataset Clicks {
    store Lake
}

job ClickIngestion {
    mode streaming
    state stateful {
        backend "RocksDB"
        checkpointing "every 30 s"
    }
    writes Clicks
    emits clicks_landed
}

signal clicks_landed
`;

const WORKFLOWS = `workflow retrain {
    trigger on clicks_landed
    step train
}
`;

const SERVING = `endpoint RankingApi {
    serves Ranker, Scorer
    mode realtime
    consumers Gateway
}
`;

const EXPERIMENTS = `experiment RankerTest {
    variant control model Ranker traffic 50%
    variant treatment model Scorer traffic 50%
    decision ndcg
}
`;

const UNRELATED = `stream Telemetry {
    owner "Playback"
}
`;

function createWorkspace(): IncrementalWorkspace {
    return new IncrementalWorkspace({
        'platform.mlarch': PLATFORM,
        'models.mlarch': MODELS,
        'data.mlarch': DATA,
        'workflows.mlarch': WORKFLOWS,
        'serving.mlarch': SERVING,
        'experiments.mlarch': EXPERIMENTS,
        'unrelated.mlarch': UNRELATED
    });
}

describe('incremental build', () => {

    test('starting workspace is clean', async () => {
        const workspace = createWorkspace();
        await workspace.build();
        assert.deepEqual(workspace.diagnostics(), []);
    });

    test('unrelated edit relinks one file', async () => {
        const workspace = createWorkspace();
        await workspace.build();
        workspace.resetCounts();
        await workspace.edit('unrelated.mlarch', '"Playback"', '"Playback team"');
        assert.deepEqual(workspace.linked, ['unrelated.mlarch']);
        assert.deepEqual(workspace.validated, ['unrelated.mlarch']);
    });

    test('edit relinks referencing files only', async () => {
        const workspace = createWorkspace();
        await workspace.build();
        workspace.resetCounts();
        await workspace.edit('data.mlarch', 'store Lake', 'store Lake\n    owner "Data"');
        // models.mlarch is trained on Clicks and workflows.mlarch subscribes to clicks_landed.
        assert.deepEqual(workspace.linked.sort(), ['data.mlarch', 'models.mlarch', 'workflows.mlarch']);
        assert.ok(!workspace.validated.includes('unrelated.mlarch'), `validated: ${workspace.validated.join(', ')}`);
        assert.ok(!workspace.validated.includes('platform.mlarch'), `validated: ${workspace.validated.join(', ')}`);
    });

    test('broken file relinks when name appears', async () => {
        const workspace = createWorkspace();
        workspace.files.set(testUri('broken.mlarch'), 'endpoint BrokenApi {\n    serves Forecaster\n    mode batch\n}\n');
        await workspace.build();
        assert.deepEqual(workspace.codesIn('broken.mlarch'), ['unresolved-reference']);

        workspace.resetCounts();
        await workspace.edit('unrelated.mlarch', '"Playback"', '"Playback team"');
        assert.deepEqual(workspace.linked, ['unrelated.mlarch']);

        workspace.resetCounts();
        await workspace.edit('unrelated.mlarch', 'stream Telemetry {', 'model Forecaster {\n    owner "Playback"\n}\nstream Telemetry {');
        assert.deepEqual(workspace.linked.sort(), ['broken.mlarch', 'unrelated.mlarch']);
        assert.ok(!workspace.codesIn('broken.mlarch').includes('unresolved-reference'), workspace.codesIn('broken.mlarch').join(', '));
        assert.deepEqual(workspace.diagnostics(), await workspace.coldDiagnostics());
    });

    test('removed subscriber reports signal elsewhere', async () => {
        const workspace = createWorkspace();
        await workspace.build();
        await workspace.edit('workflows.mlarch', 'trigger on clicks_landed', 'trigger schedule "daily"');
        assert.deepEqual(workspace.codesIn('data.mlarch'), ['signal-never-subscribed']);

        await workspace.edit('workflows.mlarch', 'trigger schedule "daily"', 'trigger on clicks_landed');
        assert.deepEqual(workspace.codesIn('data.mlarch'), []);
    });

    test('typo and fix round-trip', async () => {
        const workspace = createWorkspace();
        await workspace.build();
        await workspace.edit('serving.mlarch', 'serves Ranker, Scorer', 'serves Rankr, Scorer');
        assert.deepEqual(workspace.codesIn('serving.mlarch'), ['unresolved-reference']);
        assert.ok(workspace.codesIn('models.mlarch').includes('realtime-model-not-served'));
        assert.ok(workspace.codesIn('experiments.mlarch').includes('variant-model-not-served'));
        assert.deepEqual(workspace.diagnostics(), await workspace.coldDiagnostics());

        await workspace.edit('serving.mlarch', 'serves Rankr, Scorer', 'serves Ranker, Scorer');
        assert.deepEqual(workspace.diagnostics(), []);
    });

    test('edit sequence equals cold build', async () => {
        const workspace = createWorkspace();
        await workspace.build();
        const steps: Array<[string, () => Promise<void>]> = [
            ['endpoint stops serving Scorer', () => workspace.edit('serving.mlarch', 'serves Ranker, Scorer', 'serves Ranker')],
            ['Ranker depends on Scorer: cycle', () => workspace.edit('models.mlarch', 'trained on Clicks\n    baseline ndcg 0.4', 'trained on Clicks\n    depends on Scorer\n    baseline ndcg 0.4')],
            ['model on the cycle edited elsewhere', () => workspace.edit('models.mlarch', 'version "v2"', 'version "v3"')],
            ['second Clicks in another file', () => workspace.add('extra.mlarch', 'dataset Clicks {\n    store Lake\n}\n')],
            ['nested Gateway makes a simple name ambiguous', () => workspace.edit('unrelated.mlarch', 'stream Telemetry {', 'platform Other {\n    component Gateway\n}\nstream Telemetry {')],
            ['workflow emits the signal too', () => workspace.edit('workflows.mlarch', 'step train', 'step train {\n        emits clicks_landed\n    }')],
            ['signal subscriber removed', () => workspace.edit('workflows.mlarch', 'trigger on clicks_landed', 'trigger schedule "hourly"')],
            ['signal renamed', () => workspace.edit('data.mlarch', 'signal clicks_landed', 'signal clicks_arrived')],
            ['unrelated edit while references are broken', () => workspace.edit('unrelated.mlarch', 'stream Telemetry {', 'stream Telemetry "Telemetry" {')],
            ['signal name restored', () => workspace.edit('data.mlarch', 'signal clicks_arrived', 'signal clicks_landed')],
            ['duplicate file deleted', () => workspace.delete('extra.mlarch')],
            ['cycle broken', () => workspace.edit('models.mlarch', 'trained on Clicks\n    depends on Scorer\n', 'trained on Clicks\n')],
            ['endpoint file deleted', () => workspace.delete('serving.mlarch')],
            ['feature store with an unused group added', () => workspace.add('features.mlarch', 'featurestore Amber {\n    group RankFeatures {\n        source ClickIngestion\n        online\n    }\n}\n')],
            ['Scorer consumes the group', () => workspace.edit('models.mlarch', '    depends on Ranker\n', '    depends on Ranker\n    consumes RankFeatures\n')],
            ['feature group renamed', () => workspace.edit('features.mlarch', 'group RankFeatures', 'group RankingFeatures')]
        ];
        for (const [step, apply] of steps) {
            await apply();
            assert.deepEqual(workspace.diagnostics(), await workspace.coldDiagnostics(), `after: ${step}`);
        }
        // The sequence must have produced cross-file diagnostics, or it would prove nothing.
        assert.ok(workspace.diagnostics().some(line => line.includes('unused-feature-group')), workspace.diagnostics().join('\n'));
    });

    test('cross-file diagnostics appear during sequence', async () => {
        const workspace = createWorkspace();
        await workspace.build();
        await workspace.edit('models.mlarch', 'trained on Clicks\n    baseline ndcg 0.4', 'trained on Clicks\n    depends on Scorer\n    baseline ndcg 0.4');
        assert.equal(workspace.codesIn('models.mlarch').filter(code => code === 'model-dependency-cycle').length, 2);

        await workspace.add('extra.mlarch', 'dataset Clicks {\n    store Lake\n}\n');
        assert.deepEqual(workspace.codesIn('data.mlarch'), ['duplicate-name']);
        assert.deepEqual(workspace.codesIn('extra.mlarch'), ['duplicate-name']);

        await workspace.edit('unrelated.mlarch', 'stream Telemetry {', 'platform Other {\n    component Gateway\n}\nstream Telemetry {');
        assert.deepEqual(workspace.codesIn('serving.mlarch'), ['ambiguous-reference']);

        await workspace.delete('serving.mlarch');
        assert.ok(workspace.codesIn('experiments.mlarch').includes('variant-model-not-served'));
    });
});
