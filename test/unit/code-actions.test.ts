import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CodeActionTriggerKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { normaliseShares } from '../../language/src/lsp/code-actions/traffic-fix.js';
import { FIX_ALL_KIND } from '../../language/src/lsp/mlarch-code-action-provider.js';
import { METADATA_FIELDS } from '../../language/src/workspace/metadata-policy.js';
import { applyEdits, codeActionsOnly, codeOf } from './lsp-test-helpers.js';
import { buildWorkspace, describeDiagnostics, type TestWorkspace } from './workspace-helpers.js';

const FILE = 'main.mlarch';

const MISSING_CODES = [
    'missing-task', 'missing-framework', 'missing-version', 'missing-status',
    'missing-serving', 'missing-owner', 'missing-training-data', 'missing-baseline'
];

/** Requests the code actions for the given diagnostics of main.mlarch, or for all of them. */
async function codeActions(workspace: TestWorkspace, diagnostics: Diagnostic[], only?: string[], triggerKind?: CodeActionTriggerKind): Promise<CodeAction[]> {
    const document = workspace.document(FILE);
    const actions = await workspace.services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics, only, triggerKind }
    });
    return codeActionsOnly(actions);
}

/** Returns the text of main.mlarch after applying the action's edit. */
function applied(workspace: TestWorkspace, action: CodeAction): string {
    const document = workspace.document(FILE);
    const edits = action.edit?.changes?.[document.uri.toString()];
    assert.ok(edits, `action '${action.title}' has no edit for ${FILE}`);
    return applyEdits(document.textDocument.getText(), edits);
}

function withCode(workspace: TestWorkspace, code: string): Diagnostic[] {
    return workspace.diagnostics(FILE).filter(diagnostic => codeOf(diagnostic) === code);
}

/** Fails when the text has a syntax error, so a fix never trades one diagnostic for another. */
function assertParses(workspace: TestWorkspace): void {
    const syntaxErrors = workspace.document(FILE).parseResult.parserErrors.length + workspace.document(FILE).parseResult.lexerErrors.length;
    assert.equal(syntaxErrors, 0, describeDiagnostics(workspace.diagnostics(FILE)));
}

/** Removes all whitespace, to check that a fix keeps every token of the original text. */
function tokensOf(text: string): string {
    return text.replace(/\s+/g, '');
}

const COMPLETE_MODEL_BODY = `owner "Team"
    task ranking
    framework "PyTorch"
    version "1"
    status production
    serving batch
    trained on Clicks
    baseline auc 0.8 alert 0.7`;

describe('missing-metadata quick fixes', () => {
    const layouts: Record<string, string> = {
        'one-line braces': 'dataset Clicks { }\nmodel M { }\n',
        'multi-line body': 'dataset Clicks { }\nmodel M {\n    id "M-1"\n    // keep this comment\n}\n',
        'nested, tab-indented': 'dataset Clicks { }\nplatform P {\n\tlayer L {\n\t\tmodel M { purpose "x" }\n\t}\n}\n',
        'closing brace after text': 'dataset Clicks { }\nmodel M {\n    id "M-1" }\n'
    };

    for (const [layout, text] of Object.entries(layouts)) {
        for (const code of MISSING_CODES) {
            test(`${code} fix, ${layout}`, async () => {
                const workspace = await buildWorkspace({ [FILE]: text });
                const [diagnostic] = withCode(workspace, code);
                assert.ok(diagnostic, `no ${code} diagnostic:\n${describeDiagnostics(workspace.diagnostics(FILE))}`);

                const actions = await codeActions(workspace, [diagnostic]);
                const fix = actions.find(action => action.isPreferred);
                assert.ok(fix, `no preferred fix among: ${actions.map(action => action.title).join('; ')}`);
                assert.deepEqual(fix.diagnostics, [diagnostic]);

                const fixed = applied(workspace, fix);
                const after = await buildWorkspace({ [FILE]: fixed });
                assertParses(after);
                assert.deepEqual(withCode(after, code), [], `still reported after the fix:\n${fixed}`);
                const otherMissing = MISSING_CODES.filter(other => other !== code && withCode(after, other).length === 0);
                assert.deepEqual(otherMissing, [], 'the fix removed other diagnostics too');
                const inserted = /`(.+)`/.exec(fix.title)?.[1] ?? '';
                assert.equal(tokensOf(fixed).replace(tokensOf(inserted), ''), tokensOf(text), 'the fix changed more than the inserted line');
            });
        }

        test(`add all missing metadata, ${layout}`, async () => {
            const workspace = await buildWorkspace({ [FILE]: text });
            const diagnostics = workspace.diagnostics(FILE).filter(diagnostic => MISSING_CODES.includes(codeOf(diagnostic) ?? ''));
            assert.equal(diagnostics.length, 8, describeDiagnostics(workspace.diagnostics(FILE)));

            const actions = await codeActions(workspace, diagnostics);
            const addAll = actions.filter(action => action.title.startsWith('Add all missing metadata'));
            assert.equal(addAll.length, 1, 'one "add all" action per model and request');
            assert.equal(addAll[0].edit?.changes?.[workspace.document(FILE).uri.toString()]?.length, 1, 'one edit');

            const fixed = applied(workspace, addAll[0]);
            const after = await buildWorkspace({ [FILE]: fixed });
            assertParses(after);
            for (const code of MISSING_CODES) {
                assert.deepEqual(withCode(after, code), [], `${code} still reported after "add all":\n${fixed}`);
            }
        });
    }

    test('one-line model opens up with indentation', async () => {
        const workspace = await buildWorkspace({ [FILE]: 'dataset Clicks { }\n    model M { }\n' });
        const [diagnostic] = withCode(workspace, 'missing-owner');
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        assert.equal(applied(workspace, fix), 'dataset Clicks { }\n    model M {\n        owner "TODO"\n    }\n');
    });

    test('insertion keeps comments and properties', async () => {
        const text = 'dataset Clicks { }\nmodel M {\n    id "M-1" // registry id\n    /* more */\n}\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'missing-task');
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        assert.equal(applied(workspace, fix), 'dataset Clicks { }\nmodel M {\n    id "M-1" // registry id\n    /* more */\n    task ranking\n}\n');
    });

    test('training data prefers consumed feature group', async () => {
        const text = 'dataset Clicks { }\nfeaturestore S { group G { } }\nmodel M { consumes G }\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'missing-training-data');
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        assert.match(applied(workspace, fix), /trained on G\n/);
    });

    test('training data without candidates is a TODO', async () => {
        const workspace = await buildWorkspace({ [FILE]: 'model M { }\n' });
        const [diagnostic] = withCode(workspace, 'missing-training-data');
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.title.startsWith('Add `// TODO'));
        assert.ok(fix);
        assert.equal(fix.isPreferred, false, 'a TODO does not fix the diagnostic');
        assert.match(applied(workspace, fix), /\/\/ TODO: trained on <dataset or feature group>/);
    });

    test('training data uses qualified name when ambiguous', async () => {
        const text = 'platform P { layer A { dataset Clicks { } } layer B { dataset Clicks { } } }\nmodel M { }\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'missing-training-data');
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        assert.match(applied(workspace, fix), /trained on P\.A\.Clicks\n/);
    });

    test('fix-all adds metadata to every model', async () => {
        const text = `dataset Clicks { }\nmodel A { }\nmodel B {\n    ${COMPLETE_MODEL_BODY}\n}\nplatform P {\n    model C {\n        owner "x"\n    }\n}\n`;
        const workspace = await buildWorkspace({ [FILE]: text });
        const quickFixesOnly = await codeActions(workspace, [], ['quickfix']);
        assert.equal(quickFixesOnly.length, 0, 'no fix-all when only quick fixes are requested');
        const unfiltered = await codeActions(workspace, []);
        assert.equal(unfiltered.length, 0, 'no fix-all without a kind filter');
        const genericOnSave = await codeActions(workspace, [], ['source.fixAll'], CodeActionTriggerKind.Automatic);
        assert.equal(genericOnSave.length, 0, 'no fix-all for a generic source.fixAll on save');
        const explicitOnSave = await codeActions(workspace, [], [FIX_ALL_KIND], CodeActionTriggerKind.Automatic);
        assert.equal(explicitOnSave.length, 1, 'fix-all for source.fixAll.mlarch on save');
        const sourceMenu = await codeActions(workspace, [], ['source'], CodeActionTriggerKind.Invoked);
        assert.equal(sourceMenu.length, 1, 'fix-all in the source action menu');

        const actions = await codeActions(workspace, [], ['source.fixAll']);
        assert.equal(actions.length, 1, actions.map(action => action.title).join('; '));
        assert.equal(actions[0].kind, FIX_ALL_KIND);
        assert.equal(actions[0].edit?.changes?.[workspace.document(FILE).uri.toString()]?.length, 2, 'one edit per incomplete model');

        const fixed = applied(workspace, actions[0]);
        const after = await buildWorkspace({ [FILE]: fixed });
        assertParses(after);
        const remaining = after.diagnostics(FILE).filter(diagnostic => MISSING_CODES.includes(codeOf(diagnostic) ?? ''));
        assert.deepEqual(remaining, [], fixed);
    });

    test('metadata fields match the checks', () => {
        assert.equal(METADATA_FIELDS.length, MISSING_CODES.length);
    });
});

describe('traffic normalisation', () => {
    test('shares scale to exactly 100', async () => {
        const text = 'model M { }\nexperiment E {\n    variant a model M traffic 30\n    variant b model M traffic 30%\n    variant c model M traffic 25\n}\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'traffic-not-100');
        assert.ok(diagnostic, describeDiagnostics(workspace.diagnostics(FILE)));

        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.title.startsWith('Normalise'));
        assert.ok(fix?.isPreferred);
        const fixed = applied(workspace, fix);
        const shares = [...fixed.matchAll(/traffic (\d+(?:\.\d+)?)/g)].map(match => Number(match[1]));
        assert.deepEqual(shares, [35, 35, 30]);
        assert.match(fixed, /traffic 35%/, 'the % sign stays');

        const after = await buildWorkspace({ [FILE]: fixed });
        assert.deepEqual(withCode(after, 'traffic-not-100'), []);
    });

    test('decimal shares keep their precision', async () => {
        const text = 'model M { }\nexperiment E { variant a model M traffic 33.3 variant b model M traffic 33.3 variant c model M traffic 33.3 }\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'traffic-not-100');
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.title.startsWith('Normalise'))!;
        const fixed = applied(workspace, fix);
        assert.match(fixed, /traffic 33\.4 .*traffic 33\.3 .*traffic 33\.3 /);
        const after = await buildWorkspace({ [FILE]: fixed });
        assert.deepEqual(withCode(after, 'traffic-not-100'), []);
    });

    const shareCases: Array<{ shares: number[]; decimals: number; expected: string[] }> = [
        { shares: [1, 1, 1], decimals: 0, expected: ['34', '33', '33'] },
        { shares: [0, 0], decimals: 0, expected: ['50', '50'] },
        { shares: [0, 0, 0], decimals: 2, expected: ['33.34', '33.33', '33.33'] },
        { shares: [10, 30], decimals: 0, expected: ['25', '75'] },
        { shares: [50, 50, 50, 50, 50, 50, 50], decimals: 0, expected: ['15', '15', '14', '14', '14', '14', '14'] },
        { shares: [99.5, 0.25, 0.25], decimals: 2, expected: ['99.50', '0.25', '0.25'] }
    ];
    for (const { shares, decimals, expected } of shareCases) {
        test(`normaliseShares ${JSON.stringify(shares)}`, () => {
            const result = normaliseShares(shares, decimals);
            assert.deepEqual(result, expected);
            const scale = 10 ** decimals;
            assert.equal(result.reduce((sum, share) => sum + Math.round(Number(share) * scale), 0), 100 * scale);
        });
    }
});

describe('reference quick fixes', () => {
    test('remove inactive model from serves list', async () => {
        const text = 'model Old { status retired }\nmodel New { }\nendpoint E {\n    serves Old, New\n    mode batch\n}\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'endpoint-serves-inactive-model');
        assert.ok(diagnostic, describeDiagnostics(workspace.diagnostics(FILE)));
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        assert.equal(fix.title, "Remove model 'Old' from `serves`");
        assert.equal(applied(workspace, fix), 'model Old { status retired }\nmodel New { }\nendpoint E {\n    serves New\n    mode batch\n}\n');
    });

    test('remove last item of serves list', async () => {
        const text = 'model Old { status deprecated }\nmodel New { }\nendpoint E { serves New, Old mode batch }\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'endpoint-serves-inactive-model');
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        assert.equal(applied(workspace, fix), 'model Old { status deprecated }\nmodel New { }\nendpoint E { serves New mode batch }\n');
    });

    test('remove sole serves clause line', async () => {
        const text = 'model Old { status retired }\nendpoint E {\n    serves Old // legacy\n    mode batch\n}\nendpoint F {\n    serves Old\n    mode batch\n}\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const diagnostics = withCode(workspace, 'endpoint-serves-inactive-model');
        assert.equal(diagnostics.length, 2);

        const keepComment = (await codeActions(workspace, [diagnostics[0]])).find(action => action.isPreferred)!;
        assert.equal(applied(workspace, keepComment), 'model Old { status retired }\nendpoint E {\n    // legacy\n    mode batch\n}\nendpoint F {\n    serves Old\n    mode batch\n}\n');
        const wholeLine = (await codeActions(workspace, [diagnostics[1]])).find(action => action.isPreferred)!;
        assert.equal(applied(workspace, wholeLine), 'model Old { status retired }\nendpoint E {\n    serves Old // legacy\n    mode batch\n}\nendpoint F {\n    mode batch\n}\n');
    });

    test('remove dependency closing a cycle', async () => {
        const text = 'model A { depends on B }\nmodel B { depends on A }\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'model-dependency-cycle');
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        const fixed = applied(workspace, fix);
        const after = await buildWorkspace({ [FILE]: fixed });
        assertParses(after);
        assert.deepEqual(withCode(after, 'model-dependency-cycle'), []);
    });

    test('create missing signal', async () => {
        const text = 'workflow W {\n    trigger on drift_detected\n}';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'unresolved-reference');
        assert.ok(diagnostic, describeDiagnostics(workspace.diagnostics(FILE)));
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.title.startsWith('Create signal'));
        assert.ok(fix?.isPreferred);
        const fixed = applied(workspace, fix);
        assert.equal(fixed, `${text}\n\nsignal drift_detected\n`);
        const after = await buildWorkspace({ [FILE]: fixed });
        assert.deepEqual(withCode(after, 'unresolved-reference'), []);
    });

    test('no signal for other references', async () => {
        const workspace = await buildWorkspace({ [FILE]: 'model M { depends on Missing }\n' });
        const [diagnostic] = withCode(workspace, 'unresolved-reference');
        const actions = await codeActions(workspace, [diagnostic]);
        assert.deepEqual(actions.map(action => action.title), []);
    });

    test('use qualified name, one per candidate', async () => {
        const text = 'platform P {\n    layer A { model Ranker { } }\n    layer B { model Ranker { } }\n}\nendpoint E { serves Ranker }\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'ambiguous-reference');
        assert.ok(diagnostic, describeDiagnostics(workspace.diagnostics(FILE)));

        const actions = (await codeActions(workspace, [diagnostic])).filter(action => action.title.startsWith('Use qualified name'));
        assert.deepEqual(actions.map(action => action.title), ["Use qualified name 'P.A.Ranker'", "Use qualified name 'P.B.Ranker'"]);
        assert.ok(actions.every(action => !action.isPreferred), 'no candidate is preferred over another');
        for (const action of actions) {
            const fixed = applied(workspace, action);
            const after = await buildWorkspace({ [FILE]: fixed });
            assert.deepEqual(withCode(after, 'ambiguous-reference'), [], fixed);
            assert.deepEqual(withCode(after, 'unresolved-reference'), [], fixed);
        }
    });
});

describe('removal quick fixes', () => {
    test('remove duplicate property', async () => {
        const text = 'model M {\n    owner "First"\n    owner "Second"\n}\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'duplicate-property');
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        assert.equal(applied(workspace, fix), 'model M {\n    owner "Second"\n}\n');
    });

    test('remove duplicate clause with options', async () => {
        const text = 'model M { baseline auc 1 }\nexperiment E { variant a model M traffic 100 decision auc rule "higher" decision auc }\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'duplicate-property');
        assert.ok(diagnostic, describeDiagnostics(workspace.diagnostics(FILE)));
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        const fixed = applied(workspace, fix);
        assert.equal(fixed, 'model M { baseline auc 1 }\nexperiment E { variant a model M traffic 100 decision auc }\n');
        const after = await buildWorkspace({ [FILE]: fixed });
        assertParses(after);
        assert.deepEqual(withCode(after, 'duplicate-property'), []);
    });

    test('remove placement of nested element', async () => {
        const text = 'platform P {\n    layer L { }\n    component C in P.L { }\n}\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'invalid-container');
        assert.ok(diagnostic, describeDiagnostics(workspace.diagnostics(FILE)));
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.isPreferred)!;
        assert.equal(applied(workspace, fix), 'platform P {\n    layer L { }\n    component C { }\n}\n');
    });

    test('remove unreferenced feature group', async () => {
        const text = 'featurestore S {\n    /** Unused. */\n    group G { }\n    group H { }\n}\nmodel M { consumes H }\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'unused-feature-group');
        assert.ok(diagnostic, describeDiagnostics(workspace.diagnostics(FILE)));
        const fix = (await codeActions(workspace, [diagnostic])).find(action => action.title.startsWith('Remove the unused'))!;
        assert.equal(applied(workspace, fix), 'featurestore S {\n    group H { }\n}\nmodel M { consumes H }\n');
    });

    test('keep referenced feature group', async () => {
        const text = 'featurestore S { group G { } }\njob J { writes G }\n';
        const workspace = await buildWorkspace({ [FILE]: text });
        const [diagnostic] = withCode(workspace, 'unused-feature-group');
        const actions = await codeActions(workspace, [diagnostic]);
        assert.deepEqual(actions.map(action => action.title), []);
    });
});
