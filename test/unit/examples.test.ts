import { describe, test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { AstUtils, type LangiumDocument } from 'langium';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { buildWorkspace, describeDiagnostics, messageOf, positionAt, readExample, type TestWorkspace } from './workspace-helpers.js';

const MISSING_METADATA_CODES = [
    'missing-task', 'missing-framework', 'missing-version', 'missing-status',
    'missing-serving', 'missing-owner', 'missing-training-data', 'missing-baseline'
];

/** Lists every reference of a document that did not resolve, as `text (line:character)`. */
function unresolvedReferences(document: LangiumDocument): string[] {
    const unresolved: string[] = [];
    for (const node of AstUtils.streamAst(document.parseResult.value)) {
        for (const { reference } of AstUtils.streamReferences(node)) {
            if (!('ref' in reference) || reference.ref === undefined || reference.error !== undefined) {
                const start = reference.$refNode?.range.start;
                unresolved.push(`${reference.$refText} (${start?.line}:${start?.character})`);
            }
        }
    }
    return unresolved;
}

function assertParsesAndLinks(workspace: TestWorkspace): void {
    for (const [name, document] of workspace.documents) {
        const { lexerErrors, parserErrors } = document.parseResult;
        assert.deepEqual(lexerErrors.map(error => error.message), [], `${name} has lexer errors`);
        assert.deepEqual(parserErrors.map(error => error.message), [], `${name} has parser errors`);
        assert.deepEqual(unresolvedReferences(document), [], `${name} has unresolved references`);
    }
}

describe('examples/netflix', () => {
    const files = readExample('netflix');
    let workspace: TestWorkspace;

    before(async () => {
        workspace = await buildWorkspace(files);
    });

    test('netflix parses and links', () => {
        assert.ok(workspace.documents.size > 0, 'examples/netflix contains no .mlarch file');
        assertParsesAndLinks(workspace);
    });

    test('netflix has no diagnostics', () => {
        for (const name of workspace.documents.keys()) {
            const diagnostics = workspace.diagnostics(name);
            assert.equal(diagnostics.length, 0, `${name}:\n${describeDiagnostics(diagnostics)}`);
        }
    });
});

describe('examples/getting-started', () => {
    const files = readExample('getting-started');
    let workspace: TestWorkspace;

    before(async () => {
        workspace = await buildWorkspace(files);
    });

    test('getting-started parses and links', () => {
        assert.ok(workspace.documents.size > 0, 'examples/getting-started contains no .mlarch file');
        assertParsesAndLinks(workspace);
    });

    test('getting-started: only incomplete model warns', () => {
        // Find the incomplete model in the text, independently of the parser: a model with an empty body.
        const incomplete = Object.entries(files).flatMap(([name, text]) =>
            [...text.matchAll(/\bmodel\s+(\w+)(?:\s+"[^"]*")?\s*\{\s*\}/g)].map(match => ({ name, text, match })));
        assert.equal(incomplete.length, 1, `expected one model with an empty body, found ${incomplete.length}`);
        const { name: file, text, match } = incomplete[0];
        const modelName = match[1];
        const nameOffset = match.index + match[0].indexOf(modelName, 'model'.length);
        const expectedRange = { start: positionAt(text, nameOffset), end: positionAt(text, nameOffset + modelName.length) };

        for (const name of workspace.documents.keys()) {
            if (name !== file) {
                const diagnostics = workspace.diagnostics(name);
                assert.equal(diagnostics.length, 0, `${name}:\n${describeDiagnostics(diagnostics)}`);
            }
        }

        const diagnostics = workspace.diagnostics(file);
        assert.deepEqual(diagnostics.map(diagnostic => diagnostic.code).sort(), [...MISSING_METADATA_CODES].sort(),
            `${file}:\n${describeDiagnostics(diagnostics)}`);
        for (const diagnostic of diagnostics) {
            assert.deepEqual(diagnostic.range, expectedRange, `range of ${String(diagnostic.code)}`);
            assert.equal(diagnostic.severity, DiagnosticSeverity.Warning, `severity of ${String(diagnostic.code)}`);
            assert.match(messageOf(diagnostic), new RegExp(`'${modelName}'`), `message of ${String(diagnostic.code)}`);
        }
    });
});
