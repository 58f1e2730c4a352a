import { describe, test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Range } from 'vscode-languageserver';
import { buildWorkspace, describeDiagnostics, rangeOf, stripMarkers, testUri, type TestWorkspace } from './workspace-helpers.js';

/** Declarations, in their own file. */
const DECLARATIONS = `platform Plat {
    layer Layer {
        model Inner { }
    }
}
model Base { }
dataset History { }
featurestore Features {
    group Clicks { }
}
signal Ready
job Etl { }
`;

/**
 * References to the declarations above. `«...»` marks each reference, and the cases below refer
 * to them by their order in this text.
 */
const REFERENCES = `model User in «Plat.Layer» {
    depends on «Base», «Plat.Layer.Inner», «Inner»
    trained on «History», «Features.Clicks»
}
endpoint Api { serves «Base» }
workflow Flow {
    trigger on «Ready»
    step first -> «second»
    step second
}
featurestore Local {
    group Sessions { source «Etl» }
}
`;

interface DefinitionCase {
    name: string;
    /** Index of the marked reference in REFERENCES. */
    reference: number;
    file: 'declarations.mlarch' | 'references.mlarch';
    /** Text of the declaration up to and including its name, which is the expected target. */
    declaration: string;
    targetName: string;
}

const CASES: DefinitionCase[] = [
    { name: 'in-placement', reference: 0, file: 'declarations.mlarch', declaration: 'layer Layer', targetName: 'Layer' },
    { name: 'model dependency', reference: 1, file: 'declarations.mlarch', declaration: 'model Base', targetName: 'Base' },
    { name: 'qualified dependency', reference: 2, file: 'declarations.mlarch', declaration: 'model Inner', targetName: 'Inner' },
    { name: 'nested simple name', reference: 3, file: 'declarations.mlarch', declaration: 'model Inner', targetName: 'Inner' },
    { name: 'training dataset', reference: 4, file: 'declarations.mlarch', declaration: 'dataset History', targetName: 'History' },
    { name: 'training feature group', reference: 5, file: 'declarations.mlarch', declaration: 'group Clicks', targetName: 'Clicks' },
    { name: 'serves', reference: 6, file: 'declarations.mlarch', declaration: 'model Base', targetName: 'Base' },
    { name: 'signal trigger', reference: 7, file: 'declarations.mlarch', declaration: 'signal Ready', targetName: 'Ready' },
    { name: 'step edge', reference: 8, file: 'references.mlarch', declaration: 'step second\n', targetName: 'second' },
    { name: 'feature group source', reference: 9, file: 'declarations.mlarch', declaration: 'job Etl', targetName: 'Etl' }
];

/** Returns the range of `name` inside the first occurrence of `declaration` in `text`. */
function nameRange(text: string, declaration: string, name: string): Range {
    const declarationRange = rangeOf(text, declaration);
    const line = declarationRange.start.line;
    const character = declarationRange.start.character + declaration.indexOf(name);
    return { start: { line, character }, end: { line, character: character + name.length } };
}

describe('go to definition', () => {
    const { text: referencesText, ranges: referenceRanges } = stripMarkers(REFERENCES);
    const texts = { 'declarations.mlarch': DECLARATIONS, 'references.mlarch': referencesText };
    let workspace: TestWorkspace;

    before(async () => {
        workspace = await buildWorkspace(texts);
    });

    test('definition inputs link', () => {
        const unresolved = workspace.diagnostics('references.mlarch').filter(diagnostic => diagnostic.code === 'unresolved-reference');
        assert.deepEqual(unresolved, [], describeDiagnostics(unresolved));
        assert.equal(referenceRanges.length, CASES.length);
    });

    for (const definitionCase of CASES) {
        test(`definition: ${definitionCase.name}`, async () => {
            const document = workspace.document('references.mlarch');
            const origin = referenceRanges[definitionCase.reference];
            // Put the cursor on the last character of the reference, so qualified names are tested past the dots.
            const position = { line: origin.end.line, character: origin.end.character - 1 };
            const links = await workspace.services.lsp.DefinitionProvider?.getDefinition(document, {
                textDocument: { uri: document.uri.toString() },
                position
            });
            assert.ok(links, 'the definition provider returned nothing');
            assert.equal(links.length, 1, JSON.stringify(links));
            const [link] = links;
            assert.equal(link.targetUri, testUri(definitionCase.file), 'target file');
            const expected = nameRange(texts[definitionCase.file], definitionCase.declaration, definitionCase.targetName);
            assert.deepEqual(link.targetSelectionRange, expected, 'target name range');
            assert.deepEqual(link.originSelectionRange, origin, 'origin range');
        });
    }

    test('definition from qualified start', async () => {
        const document = workspace.document('references.mlarch');
        const origin = referenceRanges[2];
        const links = await workspace.services.lsp.DefinitionProvider?.getDefinition(document, {
            textDocument: { uri: document.uri.toString() },
            position: origin.start
        });
        assert.equal(links?.length, 1, JSON.stringify(links));
        assert.deepEqual(links[0].targetSelectionRange, nameRange(DECLARATIONS, 'model Inner', 'Inner'));
    });
});
