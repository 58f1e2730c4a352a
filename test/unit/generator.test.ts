import { describe, test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { AstUtils } from 'langium';
import { WORKSPACE_SIZES, generateWorkspace, type GeneratedWorkspace } from '../../bench/workspace-generator.js';
import { buildWorkspace, describeDiagnostics, type TestWorkspace } from './workspace-helpers.js';

describe('bench workspace generator', () => {
    let generated: GeneratedWorkspace;
    let workspace: TestWorkspace;

    before(async () => {
        generated = generateWorkspace(WORKSPACE_SIZES.small);
        workspace = await buildWorkspace(Object.fromEntries(generated.files));
    });

    test('small size has no diagnostics', () => {
        for (const [name, document] of workspace.documents) {
            const diagnostics = document.diagnostics ?? [];
            assert.equal(diagnostics.length, 0, `${name}:\n${describeDiagnostics(diagnostics)}`);
        }
    });

    test('small size has the requested counts', () => {
        assert.equal(generated.counts.model, WORKSPACE_SIZES.small.models);
        assert.equal(generated.counts.job, WORKSPACE_SIZES.small.jobs);
        assert.ok(generated.files.size >= 20, `only ${generated.files.size} files`);
    });

    test('counts match the parsed elements', () => {
        const parsed: Record<string, number> = {};
        for (const document of workspace.documents.values()) {
            for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
                const kind = node.$type === 'Group' ? (node as unknown as { kind: string }).kind : node.$type.toLowerCase();
                parsed[kind] = (parsed[kind] ?? 0) + 1;
            }
        }
        for (const [kind, expected] of Object.entries(generated.counts)) {
            assert.equal(parsed[kind], expected, `count of ${kind}`);
        }
    });

    test('same seed gives the same files', () => {
        const again = generateWorkspace(WORKSPACE_SIZES.small);
        assert.deepEqual([...again.files.keys()], [...generated.files.keys()]);
        for (const [name, text] of generated.files) {
            assert.equal(again.files.get(name), text, `${name} differs`);
        }
    });

    test('other seed gives other files', () => {
        const other = generateWorkspace({ ...WORKSPACE_SIZES.small, seed: 7 });
        const changed = [...generated.files].filter(([name, text]) => other.files.get(name) !== text);
        assert.ok(changed.length > 0);
    });
});
