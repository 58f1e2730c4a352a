import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import {
    activateExtension, declarationNameRange, definitionTarget, diagnosticCode, mlarchDiagnostics, openEditor,
    positionOf, revertDocument, waitFor, workspaceFile
} from './helpers.js';

/** Codes of the warnings for a model that has only a name and a title, sorted. */
const MISSING_METADATA_CODES = [
    'missing-baseline', 'missing-framework', 'missing-owner', 'missing-serving', 'missing-status',
    'missing-task', 'missing-training-data', 'missing-version'
];

/** Start of the clause that the quick fix for each missing-metadata code adds. */
const FIX_CLAUSES: Record<string, string> = {
    'missing-task': 'task',
    'missing-framework': 'framework',
    'missing-version': 'version',
    'missing-status': 'status',
    'missing-serving': 'serving',
    'missing-owner': 'owner',
    'missing-training-data': 'trained on',
    'missing-baseline': 'baseline'
};

suite('getting-started workspace', () => {
    let ml: vscode.TextDocument;

    suiteSetup(async () => {
        await activateExtension();
        ml = (await openEditor('ml.mlarch')).document;
    });

    test('ChurnPredictor has missing-metadata warnings', async () => {
        const diagnostics = await waitFor('the warnings of ml.mlarch', () => {
            const found = vscode.languages.getDiagnostics(ml.uri);
            return found.length >= MISSING_METADATA_CODES.length ? found : undefined;
        });

        assert.deepEqual(diagnostics.map(diagnosticCode).sort(), MISSING_METADATA_CODES);
        const nameRange = declarationNameRange(ml, 'model', 'ChurnPredictor');
        for (const diagnostic of diagnostics) {
            assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning, `${diagnosticCode(diagnostic)} is not a warning.`);
            assert.ok(diagnostic.range.isEqual(nameRange), `${diagnosticCode(diagnostic)} is at line ${diagnostic.range.start.line + 1}, not on the name ChurnPredictor.`);
            assert.match(diagnostic.message, /ChurnPredictor/);
        }
    });

    test('other files have no diagnostics', async () => {
        // The previous test saw the warnings of the initial build, so this build has published all its diagnostics.
        await waitFor('the warnings of ml.mlarch', () => vscode.languages.getDiagnostics(ml.uri).length > 0 ? true : undefined);

        const others = mlarchDiagnostics().filter(([uri, diagnostics]) => uri.toString() !== ml.uri.toString() && diagnostics.length > 0);
        assert.deepEqual(others.map(([uri, diagnostics]) => `${uri.path}: ${diagnostics.map(diagnosticCode).join(', ')}`), []);
    });

    test('definition crosses files', async () => {
        const platform = await vscode.workspace.openTextDocument(workspaceFile('platform.mlarch'));
        const reference = positionOf(platform, 'uses Lake', 'uses '.length + 1);

        const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
            'vscode.executeDefinitionProvider', platform.uri, reference);

        assert.equal(definitions.length, 1, `Expected one definition of Lake, got ${definitions.length}.`);
        const target = definitionTarget(definitions[0]);
        assert.equal(target.uri.toString(), ml.uri.toString());
        assert.ok(target.range.isEqual(declarationNameRange(ml, 'datastore', 'Lake')), `Definition of Lake points at line ${target.range.start.line + 1}.`);
    });

    test('code actions add missing metadata', async () => {
        const nameRange = declarationNameRange(ml, 'model', 'ChurnPredictor');
        await waitFor('the warnings of ml.mlarch', () => vscode.languages.getDiagnostics(ml.uri).length > 0 ? true : undefined);

        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider', ml.uri, nameRange, vscode.CodeActionKind.QuickFix.value);

        const titles = actions.map(action => action.title);
        for (const clause of Object.values(FIX_CLAUSES)) {
            assert.ok(titles.some(title => title.startsWith(`Add \`${clause}`)), `No quick fix adds \`${clause}\`. Titles: ${titles.join(' | ')}`);
        }
        const addAll = actions.find(action => action.title.startsWith('Add all missing metadata'));
        assert.ok(addAll?.edit, `No "Add all missing metadata" quick fix with an edit. Titles: ${titles.join(' | ')}`);

        assert.ok(await vscode.workspace.applyEdit(addAll.edit));
        try {
            await waitFor('the warnings of ChurnPredictor to disappear', () => vscode.languages.getDiagnostics(ml.uri).length === 0 ? true : undefined);
        } finally {
            await revertDocument(ml);
        }
    });
});
