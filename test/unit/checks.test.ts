import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from '../../language/src/validation/diagnostic-codes.js';
import { buildWorkspace, describeDiagnostics, diagnosticsOf, messageOf, rangeOf, stripMarkers, testUri } from './workspace-helpers.js';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    info: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint
};

const MISSING_METADATA_CODES: DiagnosticCode[] = [
    'missing-task', 'missing-framework', 'missing-version', 'missing-status',
    'missing-serving', 'missing-owner', 'missing-training-data', 'missing-baseline'
];

/**
 * Returns a model with every required metadata field, and its training dataset, so that it adds
 * no diagnostics of its own. Pass a distinct `dataName` when two models share a name.
 */
function completeModel(name: string, extra = '', dataName = `${name}Data`): string {
    return `model ${name} {
    owner "Team"
    task ranking
    framework "PyTorch"
    version "1"
    status production
    serving batch
    trained on ${dataName}
    baseline auc 0.8
    ${extra}
}
dataset ${dataName} { }
`;
}

interface CheckCase {
    code: DiagnosticCode;
    /**
     * Files of the workspace by name, or the text of the only file. The checked file marks the
     * expected range with `«...»`.
     */
    files: Record<string, string> | string;
    /** The message must match this, which names the offending element. */
    message: RegExp;
}

/** One minimal input per diagnostic code on which the check fires exactly once in the marked file. */
const CHECK_CASES: CheckCase[] = [
    ...MISSING_METADATA_CODES.map(code => ({
        code,
        files: 'model «Lonely» { }',
        message: /^Model 'Lonely' has no /
    })),
    {
        code: 'unresolved-reference',
        files: completeModel('M', 'depends on «Nope»'),
        message: /No model named 'Nope' found/
    },
    {
        code: 'ambiguous-reference',
        files: `platform A { ${completeModel('X', '', 'DataA')} }
platform B { ${completeModel('X', '', 'DataB')} }
${completeModel('M', 'depends on «X»')}`,
        message: /'X' names 2 elements: 'A\.X', 'B\.X'/
    },
    {
        code: 'duplicate-name',
        files: {
            'a.mlarch': 'signal «Ready»\njob J { emits Ready }\nworkflow W { trigger on Ready }',
            'b.mlarch': 'signal Ready'
        },
        message: /Duplicate name 'Ready'/
    },
    {
        code: 'duplicate-property',
        files: completeModel('M', 'purpose «"first"»\n    purpose "second"'),
        message: /Property 'purpose' is set more than once in model 'M'/
    },
    {
        code: 'invalid-container',
        files: `platform P {
    layer L {
        dataset D in «L» { }
    }
}`,
        message: /'D' is nested in another element, so `in L` has no effect/
    },
    {
        code: 'model-dependency-cycle',
        files: {
            'a.mlarch': completeModel('A', 'depends on «B»'),
            'b.mlarch': completeModel('B', 'depends on A')
        },
        message: /Model 'A' depends on 'B', which closes a dependency cycle: A -> B -> A/
    },
    {
        code: 'step-cycle',
        files: 'workflow W {\n    step a -> b\n    step b -> «a»\n}',
        message: /Workflow 'W' has a step cycle: a -> b -> a/
    },
    {
        code: 'unreachable-step',
        files: 'workflow W {\n    step a\n    step «b»\n}',
        message: /Step 'b' of workflow 'W' cannot be reached from the start step 'a'/
    },
    {
        code: 'realtime-model-not-served',
        files: completeModel('M', 'serving «realtime»'),
        message: /Model 'M' is marked real-time/
    },
    {
        code: 'endpoint-serves-inactive-model',
        files: `${completeModel('Old', 'status deprecated')}
endpoint E { serves «Old» mode batch }`,
        message: /Endpoint 'E' serves model 'Old', whose status is deprecated/
    },
    {
        code: 'traffic-not-100',
        files: `${completeModel('M')}
endpoint E { serves M }
experiment «X» {
    variant a model M traffic 50%
    variant b model M traffic 40%
}`,
        message: /experiment 'X' add up to 90 %/
    },
    {
        code: 'variant-model-not-served',
        files: `${completeModel('M')}
experiment X {
    variant a model «M» traffic 100%
}`,
        message: /Variant 'a' of experiment 'X' uses model 'M', which no endpoint serves/
    },
    {
        code: 'decision-metric-not-baseline',
        files: `${completeModel('M')}
endpoint E { serves M }
experiment X {
    variant a model M traffic 100%
    decision «ctr»
}`,
        message: /Experiment 'X' decides on 'ctr', which is not a baseline of its models\. Its models have baselines for: auc/
    },
    {
        code: 'stateful-job-missing-backend',
        files: 'job J {\n    state «stateful» { checkpointing "every 30 s" }\n}',
        message: /Stateful job 'J' names no state backend/
    },
    {
        code: 'stateful-job-missing-checkpointing',
        files: 'job J {\n    state «stateful» { backend "RocksDB" }\n}',
        message: /Stateful job 'J' does not describe its checkpointing/
    },
    {
        code: 'streaming-into-offline-only',
        files: `job J {
    mode streaming
    writes «Store.G»
}
featurestore Store { group G { offline } }
${completeModel('M', 'consumes G')}`,
        message: /Streaming job 'J' feeds feature group 'G', which is served offline only/
    },
    {
        code: 'signal-never-emitted',
        files: 'signal «Ready»\nworkflow W { trigger on Ready }',
        message: /Signal 'Ready' has 1 subscriber\(s\) but nothing emits it/
    },
    {
        code: 'signal-never-subscribed',
        files: 'signal «Ready»\njob J { emits Ready }',
        message: /Signal 'Ready' is emitted but nothing subscribes to it/
    },
    {
        code: 'unused-feature-group',
        files: 'featurestore Store {\n    group «Clicks» { online }\n}',
        message: /No model consumes feature group 'Clicks'/
    }
];

function withCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
    return diagnostics.filter(diagnostic => diagnostic.code === code);
}

describe('checks', () => {
    test('checks cover every diagnostic code', () => {
        const covered = [...new Set(CHECK_CASES.map(checkCase => checkCase.code))].sort();
        assert.deepEqual(covered, Object.keys(DIAGNOSTIC_CODES).sort());
    });

    for (const checkCase of CHECK_CASES) {
        test(`${checkCase.code} fires`, async () => {
            const sources = typeof checkCase.files === 'string' ? { 'main.mlarch': checkCase.files } : checkCase.files;
            const files: Record<string, string> = {};
            let checkedFile: string | undefined;
            let expectedRange;
            for (const [name, source] of Object.entries(sources)) {
                const { text, ranges } = stripMarkers(source);
                files[name] = text;
                if (ranges.length > 0) {
                    checkedFile = name;
                    expectedRange = ranges[0];
                }
            }
            assert.ok(checkedFile, 'test input marks no expected range');
            assert.ok(expectedRange, 'test input marks no expected range');

            const workspace = await buildWorkspace(files);
            const all = workspace.diagnostics(checkedFile);
            const found = withCode(all, checkCase.code);
            assert.equal(found.length, 1, `expected one ${checkCase.code} in ${checkedFile}, got:\n${describeDiagnostics(all)}`);
            const [diagnostic] = found;
            assert.equal(diagnostic.severity, SEVERITIES[DIAGNOSTIC_CODES[checkCase.code].severity], 'severity');
            assert.deepEqual(diagnostic.range, expectedRange, 'range');
            assert.match(messageOf(diagnostic), checkCase.message);
        });
    }
});

describe('model metadata', () => {
    test('name-only model has eight diagnostics', async () => {
        const diagnostics = await diagnosticsOf('model Lonely { }');
        assert.deepEqual(diagnostics.map(diagnostic => diagnostic.code).sort(), [...MISSING_METADATA_CODES].sort(),
            describeDiagnostics(diagnostics));
    });

    test('complete model has no diagnostics', async () => {
        const diagnostics = await diagnosticsOf(completeModel('M'));
        assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    test('model missing only owner', async () => {
        const text = completeModel('M').replace('    owner "Team"\n', '');
        const diagnostics = await diagnosticsOf(text);
        assert.deepEqual(diagnostics.map(diagnostic => diagnostic.code), ['missing-owner'], describeDiagnostics(diagnostics));
    });
});

describe('duplicate names', () => {
    test('duplicate-name links other file', async () => {
        const files = {
            'a.mlarch': 'model Twin { }\n',
            'b.mlarch': '// the second declaration\n\nmodel Twin { }\n'
        };
        const workspace = await buildWorkspace(files);
        for (const [file, other] of [['a.mlarch', 'b.mlarch'], ['b.mlarch', 'a.mlarch']] as const) {
            const found = withCode(workspace.diagnostics(file), 'duplicate-name');
            assert.equal(found.length, 1, `${file}:\n${describeDiagnostics(workspace.diagnostics(file))}`);
            const [diagnostic] = found;
            assert.deepEqual(diagnostic.range, rangeOf(files[file], 'Twin'), `range in ${file}`);
            assert.match(messageOf(diagnostic), /'Twin'/);
            assert.equal(diagnostic.relatedInformation?.length, 1, `related information in ${file}`);
            const related = diagnostic.relatedInformation[0];
            assert.equal(related.location.uri, testUri(other), `related file of ${file}`);
            assert.deepEqual(related.location.range, rangeOf(files[other], 'Twin'), `related range of ${file}`);
        }
    });

    test('duplicate-name on nested elements', async () => {
        const { text, ranges } = stripMarkers('platform P {\n    component «C»\n    component «C»\n}');
        const diagnostics = withCode(await diagnosticsOf(text), 'duplicate-name');
        assert.deepEqual(diagnostics.map(diagnostic => diagnostic.range), ranges);
        assert.match(messageOf(diagnostics[0]), /'P\.C'/);
    });

    test('same simple name in two platforms is allowed', async () => {
        const diagnostics = await diagnosticsOf('platform A { component C }\nplatform B { component C }');
        assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    test('duplicate step name', async () => {
        const { text, ranges } = stripMarkers('workflow W {\n    step a\n    step «a»\n}');
        const diagnostics = withCode(await diagnosticsOf(text), 'duplicate-name');
        assert.deepEqual(diagnostics.map(diagnostic => diagnostic.range), ranges);
        assert.match(messageOf(diagnostics[0]), /step name 'a'/);
    });
});

describe('check details', () => {
    test('self-dependency is a cycle', async () => {
        const { text, ranges } = stripMarkers(completeModel('M', 'depends on «M»'));
        const diagnostics = withCode(await diagnosticsOf(text), 'model-dependency-cycle');
        assert.deepEqual(diagnostics.map(diagnostic => diagnostic.range), ranges);
    });

    test('ambiguous-reference only among expected kind', async () => {
        const text = `platform A { ${completeModel('X')} }
platform B { dataset X { } }
${completeModel('M', 'depends on X')}`;
        const diagnostics = await diagnosticsOf(text);
        assert.deepEqual(withCode(diagnostics, 'ambiguous-reference'), [], describeDiagnostics(diagnostics));
    });

    test('qualified reference is not ambiguous', async () => {
        const text = `platform A { ${completeModel('X', '', 'DataA')} }
platform B { ${completeModel('X', '', 'DataB')} }
${completeModel('M', 'depends on A.X')}`;
        const diagnostics = await diagnosticsOf(text);
        assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    test('unresolved step names workflow', async () => {
        const { text, ranges } = stripMarkers('workflow W {\n    step a -> «missing»\n}');
        const diagnostics = withCode(await diagnosticsOf(text), 'unresolved-reference');
        assert.deepEqual(diagnostics.map(diagnostic => diagnostic.range), ranges);
        assert.match(messageOf(diagnostics[0]), /No step named 'missing' found in this workflow/);
    });

    test('traffic of thirds adds up', async () => {
        const text = `${completeModel('M')}
endpoint E { serves M }
experiment X {
    variant a model M traffic 33.33%
    variant b model M traffic 33.33%
    variant c model M traffic 33.34%
}`;
        const diagnostics = await diagnosticsOf(text);
        assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    test('streaming source of offline-only group', async () => {
        const { text, ranges } = stripMarkers(`job J { mode streaming }
featurestore Store {
    group G {
        source «J»
        offline
    }
}
${completeModel('M', 'consumes G')}`);
        const diagnostics = withCode(await diagnosticsOf(text), 'streaming-into-offline-only');
        assert.deepEqual(diagnostics.map(diagnostic => diagnostic.range), ranges, describeDiagnostics(diagnostics));
    });

    test('streaming into online group is fine', async () => {
        const text = `job J {
    mode streaming
    writes Store.G
}
featurestore Store { group G { source J online offline } }
${completeModel('M', 'consumes G')}`;
        const diagnostics = await diagnosticsOf(text);
        assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    test('stateful job with backend is fine', async () => {
        const diagnostics = await diagnosticsOf('job J {\n    state stateful { backend "RocksDB" checkpointing "every 30 s" }\n}');
        assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    test('signal emitted and subscribed is fine', async () => {
        const diagnostics = await diagnosticsOf('signal Ready\njob J { emits Ready }\nworkflow W { trigger on Ready }');
        assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    test('signal emitter in another file', async () => {
        const workspace = await buildWorkspace({
            'a.mlarch': 'signal Ready\nworkflow W { trigger on Ready }',
            'b.mlarch': 'job J { emits Ready }'
        });
        const diagnostics = workspace.diagnostics('a.mlarch');
        assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    test('realtime model with endpoint is fine', async () => {
        const text = `${completeModel('M', 'serving realtime')}
endpoint E { serves M mode realtime }`;
        const diagnostics = await diagnosticsOf(text);
        assert.deepEqual(diagnostics, [], describeDiagnostics(diagnostics));
    });

    test('duplicate-property in state names job', async () => {
        const { text, ranges } = stripMarkers('job J {\n    state stateful { backend «"a"» backend "b" checkpointing "every 30 s" }\n}');
        const diagnostics = withCode(await diagnosticsOf(text), 'duplicate-property');
        assert.deepEqual(diagnostics.map(diagnostic => diagnostic.range), ranges);
        // The state block belongs to job 'J', so the message should name the job, not the AST type `jobstate`.
        assert.match(messageOf(diagnostics[0]), /'J'/);
    });
});

describe('parser error recovery', () => {
    test('missing brace at end of file', async () => {
        const diagnostics = await diagnosticsOf('model Unclosed "Unclosed" {\n    task classification\n');
        const messages = diagnostics.map(messageOf).filter(message => message.startsWith('Expecting'));
        assert.deepEqual(messages, [
            "Expecting token of type '}' but the file ends here. Add it, or close the blocks that are still open."
        ], describeDiagnostics(diagnostics));
    });

    test('typo keeps later model diagnostics', async () => {
        const text = `${completeModel('First')}
datastre Typo { }
model «Later» { }
`;
        const { text: input, ranges } = stripMarkers(text);
        const diagnostics = await diagnosticsOf(input);
        const syntaxErrors = diagnostics.filter(diagnostic => diagnostic.code === undefined);
        assert.equal(syntaxErrors.length, 1, describeDiagnostics(diagnostics));
        const onLater = diagnostics.filter(diagnostic => diagnostic.code !== undefined);
        assert.deepEqual(onLater.map(diagnostic => diagnostic.code).sort(), [...MISSING_METADATA_CODES].sort(), describeDiagnostics(diagnostics));
        for (const diagnostic of onLater) {
            assert.deepEqual(diagnostic.range, ranges[0], `range of ${String(diagnostic.code)}`);
        }
    });

    test('typo in a model body', async () => {
        const { text, ranges } = stripMarkers('model First { owner "x" oner "y" }\nmodel «Later» { }\n');
        const diagnostics = await diagnosticsOf(text);
        const later = diagnostics.filter(diagnostic => messageOf(diagnostic).startsWith('Model \'Later\''));
        assert.deepEqual(later.map(diagnostic => diagnostic.code).sort(), [...MISSING_METADATA_CODES].sort(), describeDiagnostics(diagnostics));
        assert.ok(later.every(diagnostic => diagnostic.range.start.line === ranges[0].start.line));
    });

    test('incomplete variant keeps checks working', async () => {
        // Typing `variant v model` leaves the variant without a model reference.
        const text = `signal Ready
job J { emits Ready }
${completeModel('M')}
experiment X {
    variant v model
}`;
        const diagnostics = await diagnosticsOf(text);
        const internalErrors = diagnostics.filter(diagnostic => messageOf(diagnostic).startsWith('An error occurred during validation'));
        assert.deepEqual(internalErrors.map(messageOf), [], 'checks threw on the incomplete variant');
        assert.equal(withCode(diagnostics, 'signal-never-subscribed').length, 1, describeDiagnostics(diagnostics));
    });
});
