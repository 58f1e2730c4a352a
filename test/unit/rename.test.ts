import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ResponseError, type Position, type WorkspaceEdit } from 'vscode-languageserver';
import { applyWorkspaceEdit, codeOf } from './lsp-test-helpers.js';
import { buildWorkspace, describeDiagnostics, rangeOf, testUri, type TestWorkspace } from './workspace-helpers.js';

const DECLARATIONS = `platform Netflix {
    layer ModelLayer {
        model Foo { }
        model Other { }
    }
}
`;

const USES = `model User in Netflix.ModelLayer {
    depends on Netflix.ModelLayer.Foo, Foo
}
endpoint Api { serves Netflix.ModelLayer.Foo }
workflow Train {
    step load -> fit
    step fit
}
`;

const FILES = { 'declarations.mlarch': DECLARATIONS, 'uses.mlarch': USES };

/** Returns the position inside `needle`'s `occurrence`-th match, `offset` characters after its start. */
function positionIn(text: string, needle: string, offset = 0, occurrence = 0): Position {
    const start = rangeOf(text, needle, occurrence).start;
    return { line: start.line, character: start.character + offset };
}

async function rename(workspace: TestWorkspace, file: string, position: Position, newName: string): Promise<WorkspaceEdit | undefined> {
    const document = workspace.document(file);
    return workspace.services.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.uri.toString() }, position, newName });
}

/** Applies the edit to the test files and returns the new texts by file name. */
function renamed(edit: WorkspaceEdit | undefined): Record<string, string> {
    const byUri = Object.fromEntries(Object.entries(FILES).map(([name, text]) => [testUri(name), text]));
    const result = applyWorkspaceEdit(byUri, edit);
    return Object.fromEntries(Object.keys(FILES).map(name => [name, result[testUri(name)]]));
}

/** Fails unless the files still link without errors after a rename. */
async function assertLinks(files: Record<string, string>): Promise<void> {
    const workspace = await buildWorkspace(files);
    for (const name of Object.keys(files)) {
        const errors = workspace.diagnostics(name).filter(diagnostic => ['unresolved-reference', 'duplicate-name', 'ambiguous-reference'].includes(codeOf(diagnostic) ?? ''));
        assert.deepEqual(errors, [], `${name}:\n${describeDiagnostics(errors)}\n${files[name]}`);
    }
}

async function rejection(promise: Promise<unknown>): Promise<ResponseError<unknown>> {
    try {
        await promise;
    } catch (error) {
        assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
        return error;
    }
    assert.fail('the rename was not rejected');
}

describe('rename', () => {
    test('model across files keeps qualified form', async () => {
        const workspace = await buildWorkspace(FILES);
        const edit = await rename(workspace, 'declarations.mlarch', positionIn(DECLARATIONS, 'Foo'), 'Bar');
        const files = renamed(edit);
        assert.match(files['declarations.mlarch'], /model Bar \{ \}/);
        assert.equal(files['uses.mlarch'], USES.replaceAll('ModelLayer.Foo', 'ModelLayer.Bar').replace(', Foo', ', Bar'));
        await assertLinks(files);
    });

    test('from the last segment of a qualified reference', async () => {
        const workspace = await buildWorkspace(FILES);
        const edit = await rename(workspace, 'uses.mlarch', positionIn(USES, 'Foo', 1), 'Bar');
        const files = renamed(edit);
        assert.match(files['declarations.mlarch'], /model Bar \{ \}/);
        assert.equal((files['uses.mlarch'].match(/Bar/g) ?? []).length, 3);
    });

    test('container from an inner segment', async () => {
        const workspace = await buildWorkspace(FILES);
        const position = positionIn(USES, 'ModelLayer.Foo', 2);
        const range = await workspace.services.lsp.RenameProvider!.prepareRename(workspace.document('uses.mlarch'), {
            textDocument: { uri: testUri('uses.mlarch') },
            position
        });
        assert.deepEqual(range, rangeOf(USES, 'ModelLayer', 1), 'prepareRename selects the segment');

        const files = renamed(await rename(workspace, 'uses.mlarch', position, 'Models'));
        assert.match(files['declarations.mlarch'], /layer Models \{/);
        assert.equal(files['uses.mlarch'], USES.replaceAll('Netflix.ModelLayer', 'Netflix.Models'));
        await assertLinks(files);
    });

    test('platform updates every qualified path', async () => {
        const workspace = await buildWorkspace(FILES);
        const files = renamed(await rename(workspace, 'declarations.mlarch', positionIn(DECLARATIONS, 'Netflix'), 'Streaming'));
        assert.match(files['declarations.mlarch'], /^platform Streaming \{/);
        assert.equal(files['uses.mlarch'], USES.replaceAll('Netflix.', 'Streaming.'));
        await assertLinks(files);
    });

    test('simple references qualified on a shared name', async () => {
        const files = { 'a.mlarch': 'platform P {\n    layer A { model Foo { } }\n    layer B { model Bar { } }\n}\nmodel User { depends on Foo }\n' };
        const workspace = await buildWorkspace(files);
        const document = workspace.document('a.mlarch');
        const edit = await workspace.services.lsp.RenameProvider!.rename(document, {
            textDocument: { uri: document.uri.toString() },
            position: positionIn(files['a.mlarch'], 'Foo'),
            newName: 'Bar'
        });
        const result = applyWorkspaceEdit({ [testUri('a.mlarch')]: files['a.mlarch'] }, edit)[testUri('a.mlarch')];
        assert.match(result, /layer A \{ model Bar \{ \} \}/);
        assert.match(result, /depends on P\.A\.Bar/, 'the simple reference would be ambiguous, so it is qualified');
        await assertLinks({ 'a.mlarch': result });
    });

    test('step and its local references', async () => {
        const workspace = await buildWorkspace(FILES);
        const files = renamed(await rename(workspace, 'uses.mlarch', positionIn(USES, 'fit', 0, 1), 'train'));
        assert.match(files['uses.mlarch'], /step load -> train\n {4}step train\n/);
    });

    const invalidNames = ['1abc', 'foo-bar', 'two words', '', 'model', 'serves'];
    for (const newName of invalidNames) {
        test(`rejects invalid name ${JSON.stringify(newName)}`, async () => {
            const workspace = await buildWorkspace(FILES);
            const error = await rejection(rename(workspace, 'declarations.mlarch', positionIn(DECLARATIONS, 'Foo'), newName));
            assert.match(error.message, /Cannot rename 'Foo'/);
            assert.match(error.message, /keyword|must start with a letter/);
        });
    }

    test('rejects a clashing name', async () => {
        const workspace = await buildWorkspace(FILES);
        const error = await rejection(rename(workspace, 'uses.mlarch', positionIn(USES, 'Foo', 1), 'Other'));
        assert.match(error.message, /'Netflix\.ModelLayer\.Other' already names another model \(declarations\.mlarch:4\)/);
    });

    test('rejects a clashing step name', async () => {
        const workspace = await buildWorkspace(FILES);
        const error = await rejection(rename(workspace, 'uses.mlarch', positionIn(USES, 'load'), 'fit'));
        assert.match(error.message, /step 'fit' already exists in the same workflow/);
    });

    test('nothing to rename on a keyword', async () => {
        const workspace = await buildWorkspace(FILES);
        const position = positionIn(USES, 'depends');
        assert.equal(await workspace.services.lsp.RenameProvider!.prepareRename(workspace.document('uses.mlarch'), { textDocument: { uri: testUri('uses.mlarch') }, position }), undefined);
        assert.equal(await rename(workspace, 'uses.mlarch', position, 'x'), undefined);
    });
});

describe('find references', () => {
    test('references of a model across files', async () => {
        const workspace = await buildWorkspace(FILES);
        const document = workspace.document('declarations.mlarch');
        const locations = await workspace.services.lsp.ReferencesProvider!.findReferences(document, {
            textDocument: { uri: document.uri.toString() },
            position: positionIn(DECLARATIONS, 'Foo'),
            context: { includeDeclaration: true }
        });
        const found = locations.map(location => `${location.uri.endsWith('uses.mlarch') ? 'uses' : 'declarations'} ${location.range.start.line}:${location.range.start.character}`).sort();
        const expected = [
            `declarations ${rangeOf(DECLARATIONS, 'Foo').start.line}:${rangeOf(DECLARATIONS, 'Foo').start.character}`,
            ...[0, 1, 2].map(occurrence => rangeOf(USES, 'Foo', occurrence).start).map(start => `uses ${start.line}:${start.character}`)
        ].sort();
        assert.deepEqual(found, expected);
    });

    test('references of a layer include qualified paths', async () => {
        const workspace = await buildWorkspace(FILES);
        const document = workspace.document('uses.mlarch');
        const locations = await workspace.services.lsp.ReferencesProvider!.findReferences(document, {
            textDocument: { uri: document.uri.toString() },
            position: positionIn(USES, 'ModelLayer', 3),
            context: { includeDeclaration: false }
        });
        assert.ok(locations.every(location => location.uri === testUri('uses.mlarch')));
        const expected = [0, 1, 2].map(occurrence => rangeOf(USES, 'ModelLayer', occurrence));
        assert.deepEqual(sortRanges(locations.map(location => location.range)), sortRanges(expected));
    });
});

function sortRanges<T extends { start: Position }>(ranges: T[]): T[] {
    return [...ranges].sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
}
