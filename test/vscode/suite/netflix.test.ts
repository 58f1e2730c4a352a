import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import type { MlArchExtensionApi } from '../../../extension/src/extension-api.js';
import {
    activateExtension, appendText, closeWithoutSaving, declarationNameRange, declaredModelNames,
    definitionTarget, diagnosticCode, hoverText, mlarchDiagnostics, nextGraph, openEditor, openUntitled, positionOf,
    revertDocument, waitFor, workspaceFile
} from './helpers.js';

const NETFLIX_FILES = ['data.mlarch', 'features.mlarch', 'models.mlarch', 'platform.mlarch', 'serving.mlarch', 'workflows.mlarch'];

/** Number of missing-metadata warnings of a model that has only a name and a title. */
const MISSING_METADATA_COUNT = 8;

// The tests run in declaration order and share the open editors and the preview panel.
suite('netflix workspace', () => {
    let api: MlArchExtensionApi;
    let models: vscode.TextDocument;
    let serving: vscode.TextDocument;
    let allDocuments: vscode.TextDocument[];

    suiteSetup(async () => {
        api = await activateExtension();
        allDocuments = await Promise.all(NETFLIX_FILES.map(file => vscode.workspace.openTextDocument(workspaceFile(file))));
        serving = allDocuments[NETFLIX_FILES.indexOf('serving.mlarch')];
        models = (await openEditor('models.mlarch')).document;
    });

    test('files have no diagnostics', async () => {
        // An empty diagnostics list looks the same before and after validation. A probe model
        // without metadata gets warnings in a build that runs after the initial one, so once they
        // arrive, the initial build's diagnostics have been published too.
        await appendText(models, '\nmodel DiagnosticsProbe "Diagnostics Probe" { }\n');
        const probeWarnings = await waitFor('the warnings of the probe model', () => {
            const found = vscode.languages.getDiagnostics(models.uri).filter(diagnostic => diagnostic.message.includes('DiagnosticsProbe'));
            return found.length >= MISSING_METADATA_COUNT ? found : undefined;
        });
        assert.equal(probeWarnings.length, MISSING_METADATA_COUNT);

        const unexpected = mlarchDiagnostics()
            .flatMap(([uri, diagnostics]) => diagnostics.map(diagnostic => ({ uri, diagnostic })))
            .filter(({ diagnostic }) => !diagnostic.message.includes('DiagnosticsProbe'))
            .map(({ uri, diagnostic }) => `${uri.path}:${diagnostic.range.start.line + 1}: ${diagnosticCode(diagnostic)} ${diagnostic.message}`);
        assert.deepEqual(unexpected, []);

        await revertDocument(models);
        await waitFor('the probe warnings to disappear', () => vscode.languages.getDiagnostics(models.uri).length === 0 ? true : undefined);
    });

    test('completion after depends on offers only models', async () => {
        const modelNames = declaredModelNames(allDocuments);
        const dependent = 'RecommendationEnsemble';
        assert.ok(modelNames.includes(dependent), `The Netflix example declares no model ${dependent}.`);
        const position = positionOf(models, 'depends on ', 'depends on '.length);

        const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', models.uri, position);

        const labels = completions.items.map(item => typeof item.label === 'string' ? item.label : item.label.label);
        const notModels = labels.filter(label => !modelNames.includes(label));
        assert.equal(notModels.length, 0, `Completion offered ${notModels.length} names that are not models, such as ${notModels.slice(0, 5).join(', ')}.`);
        const expected = modelNames.filter(name => name !== dependent).sort();
        assert.deepEqual([...new Set(labels)].sort(), expected);
    });

    test('definition crosses files', async () => {
        const reference = positionOf(serving, 'serves RecommendationEnsemble', 'serves '.length + 1);

        const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
            'vscode.executeDefinitionProvider', serving.uri, reference);

        assert.equal(definitions.length, 1, `Expected one definition, got ${definitions.length}.`);
        const target = definitionTarget(definitions[0]);
        assert.equal(target.uri.toString(), models.uri.toString());
        const expected = declarationNameRange(models, 'model', 'RecommendationEnsemble');
        assert.ok(target.range.isEqual(expected), `Definition points at line ${target.range.start.line + 1}, not ${expected.start.line + 1}.`);
    });

    test('showPreview opens webview panel', async () => {
        await openEditor('models.mlarch');
        const firstGraph = nextGraph(api, 'a graph with RecommendationEnsemble', graph => graph.nodes.some(node => node.id === 'RecommendationEnsemble'));

        await vscode.commands.executeCommand('mlarch.showPreview');

        const tab = await waitFor('a preview tab', () => vscode.window.tabGroups.all
            .flatMap(group => group.tabs)
            .find(candidate => candidate.input instanceof vscode.TabInputWebview && candidate.input.viewType.includes('mlarch.preview')));
        assert.equal(tab.label, 'MLArch Preview');
        const graph = await firstGraph;
        assert.equal(graph.view, 'building-blocks');
    });

    test('preview receives added model', async () => {
        const updated = nextGraph(api, 'a graph with FraudDetector', graph => graph.nodes.some(node => node.id === 'FraudDetector'));

        await appendText(models, '\nmodel FraudDetector "Fraud Detector" in Netflix.ModelLayer { }\n');

        const graph = await updated;
        const node = graph.nodes.find(candidate => candidate.id === 'FraudDetector');
        assert.equal(node?.kind, 'model');
        assert.equal(node?.label, 'Fraud Detector');
        assert.equal(node?.source?.uri, models.uri.toString());

        const reverted = nextGraph(api, 'a graph without FraudDetector', next => !next.nodes.some(candidate => candidate.id === 'FraudDetector'));
        await revertDocument(models);
        await reverted;
    });

    test('revealSource selects the range', async () => {
        const range = declarationNameRange(models, 'model', 'ContentEmbeddingModel');
        await openEditor('serving.mlarch');
        const lspRange = {
            start: { line: range.start.line, character: range.start.character },
            end: { line: range.end.line, character: range.end.character }
        };

        await vscode.commands.executeCommand('mlarch.revealSource', models.uri.toString(), lspRange);

        const editor = vscode.window.activeTextEditor;
        assert.equal(editor?.document.uri.toString(), models.uri.toString());
        assert.ok(editor.selection.isEqual(range), `Selection is ${JSON.stringify(editor.selection)}, expected ${JSON.stringify(range)}.`);
    });

    test('revealSource ignores files outside the workspace', async () => {
        const before = (await openEditor('serving.mlarch')).document.uri.toString();
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        assert.ok(folder, 'No workspace folder is open.');
        // A real .mlarch file beside the workspace folder, reachable through a ".." segment.
        const outside = vscode.Uri.joinPath(folder, '..', `outside-${process.pid}.mlarch`);
        writeFileSync(outside.fsPath, 'model Outside "Outside" { }\n');
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
        try {
            for (const uri of [`${folder.toString()}/../${outside.path.split('/').pop()}`, outside.toString(), 'file:///etc/hostname']) {
                await vscode.commands.executeCommand('mlarch.revealSource', uri, range);
                assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), before, `Revealing ${uri} changed the editor.`);
            }
            const opened = vscode.workspace.textDocuments.filter(document => document.uri.path === outside.path || document.uri.path === '/etc/hostname');
            assert.deepEqual(opened.map(document => document.uri.toString()), []);
        } finally {
            rmSync(outside.fsPath, { force: true });
        }
    });

    test('hover shows the model title', async () => {
        const position = positionOf(serving, 'serves RecommendationEnsemble', 'serves '.length + 1);

        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', serving.uri, position);

        assert.equal(hovers.length, 1, `Expected one hover, got ${hovers.length}.`);
        assert.match(hoverText(hovers[0]), /Recommendation Ensemble/);
    });

    test('references span files', async () => {
        const declaration = declarationNameRange(models, 'model', 'ContentEmbeddingModel').start;

        const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', models.uri, declaration);

        const files = new Set(locations.map(location => location.uri.path.split('/').pop()));
        assert.ok(files.has('models.mlarch'), `No reference in models.mlarch. Files: ${[...files].join(', ')}`);
        assert.ok(files.has('serving.mlarch'), `No reference in serving.mlarch. Files: ${[...files].join(', ')}`);
    });

    test('rename edits every file', async () => {
        const declaration = declarationNameRange(models, 'model', 'ContentEmbeddingModel').start;

        const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
            'vscode.executeDocumentRenameProvider', models.uri, declaration, 'TitleEmbeddingModel');

        const files = edit.entries().map(([uri]) => uri.path.split('/').pop());
        assert.ok(files.includes('models.mlarch'), `Rename does not edit models.mlarch. Files: ${files.join(', ')}`);
        assert.ok(files.includes('serving.mlarch'), `Rename does not edit serving.mlarch. Files: ${files.join(', ')}`);
        for (const [uri, textEdits] of edit.entries()) {
            for (const textEdit of textEdits) {
                assert.equal(textEdit.newText, 'TitleEmbeddingModel', `Unexpected rename text in ${uri.path}.`);
            }
        }
    });

    test('document symbols list models', async () => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', models.uri);

        const names = symbols.map(symbol => symbol.name);
        for (const name of declaredModelNames([models])) {
            assert.ok(names.includes(name), `Document symbols lack ${name}. Names: ${names.join(', ')}`);
        }
    });

    test('workspace symbols find a model', async () => {
        const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'ContentEmbedding');

        const match = symbols.find(symbol => symbol.name.endsWith('ContentEmbeddingModel'));
        assert.ok(match, `No workspace symbol for ContentEmbeddingModel. Names: ${symbols.map(symbol => symbol.name).join(', ')}`);
        assert.equal(match.location.uri.toString(), models.uri.toString());
    });

    test('folding ranges cover a model', async () => {
        const modelLine = declarationNameRange(models, 'model', 'RecommendationEnsemble').start.line;

        const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', models.uri);

        assert.ok(ranges.some(range => range.start === modelLine), `No folding range starts at line ${modelLine + 1}.`);
    });

    test('semantic tokens cover the file', async () => {
        const tokens = await vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', models.uri);

        assert.ok(tokens, 'The semantic token provider returned nothing.');
        // Five integers per token.
        assert.ok(tokens.data.length >= 5 * declaredModelNames([models]).length, `Only ${tokens.data.length / 5} semantic tokens.`);
    });

    test('code lenses annotate models', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', models.uri, 100);

        const modelLine = declarationNameRange(models, 'model', 'RecommendationEnsemble').start.line;
        const onModel = lenses.filter(lens => lens.range.start.line === modelLine);
        assert.ok(onModel.length > 0, `No code lens on line ${modelLine + 1}.`);
        assert.ok(onModel.every(lens => lens.command?.title), 'A code lens on RecommendationEnsemble has no title.');
    });

    test('call hierarchy starts at a model', async () => {
        const declaration = declarationNameRange(models, 'model', 'RecommendationEnsemble').start;

        const items = await vscode.commands.executeCommand<vscode.CallHierarchyItem[]>('vscode.prepareCallHierarchy', models.uri, declaration);

        assert.equal(items.length, 1, `Expected one call hierarchy item, got ${items.length}.`);
        assert.match(items[0].name, /RecommendationEnsemble/);
    });

    test('document links open URLs', async () => {
        const url = 'https://example.com/model-cards/link-probe';
        const editor = await openUntitled('link-probe.mlarch', `model LinkProbe "Link Probe" {\n    card "${url}"\n}\n`);
        try {
            const links = await waitFor('a document link', async () => {
                const found = await vscode.commands.executeCommand<vscode.DocumentLink[] | undefined>('vscode.executeLinkProvider', editor.document.uri);
                return found && found.length > 0 ? found : undefined;
            });

            assert.equal(links.length, 1);
            assert.equal(links[0].target?.toString(), url);
        } finally {
            await closeWithoutSaving(editor.document);
        }
    });

    test('formatting indents a model body', async () => {
        const editor = await openUntitled('format-probe.mlarch', 'model FormatProbe "Format Probe" {\nowner "Team"\n        task ranking\n}\n');
        try {
            const edits = await waitFor('formatting edits', async () => {
                // VS Code returns undefined, not an empty array, when the formatter has no edits.
                const found = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>(
                    'vscode.executeFormatDocumentProvider', editor.document.uri, { tabSize: 4, insertSpaces: true });
                return found && found.length > 0 ? found : undefined;
            });
            const workspaceEdit = new vscode.WorkspaceEdit();
            workspaceEdit.set(editor.document.uri, edits);
            assert.ok(await vscode.workspace.applyEdit(workspaceEdit));

            assert.equal(editor.document.getText(), 'model FormatProbe "Format Probe" {\n    owner "Team"\n    task ranking\n}\n');
        } finally {
            await closeWithoutSaving(editor.document);
        }
    });
});
