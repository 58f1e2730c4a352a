import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EmptyFileSystem, TextDocument, type LangiumDocument } from 'langium';
import { expectFormatting, parseHelper } from 'langium/test';
import type { FormattingOptions, Range } from 'vscode-languageserver';
import { createMlArchServices, type MlArchServices } from '../../language/src/mlarch-module.js';
import { buildWorkspace, readExample } from './workspace-helpers.js';

const services = createMlArchServices(EmptyFileSystem).MlArch;
const formatting = expectFormatting(services);
const parse = parseHelper(services);

const SPACES: FormattingOptions = { insertSpaces: true, tabSize: 4 };

/** Formats a whole document and returns the new text. */
async function formatDocument(document: LangiumDocument, formatter = services.lsp.Formatter, options = SPACES): Promise<string> {
    assert.ok(formatter, 'no formatter registered');
    const edits = await formatter.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options });
    return TextDocument.applyEdits(document.textDocument, edits);
}

async function format(text: string, options = SPACES): Promise<string> {
    return formatDocument(await parse(text), services.lsp.Formatter, options);
}

interface FormattingCase {
    name: string;
    before: string;
    after: string;
}

/** One case per construct of the grammar, each written in a scrambled layout. */
const CONSTRUCT_CASES: FormattingCase[] = [
    {
        name: 'platform, layer and component',
        before: 'platform   Shop "Shop"{description "d" layer Data "Data" { component Bus "Bus" {responsibility "r"   technology "t" uses Lake "archives"} component Empty } group G{ } }',
        after: `platform Shop "Shop" {
    description "d"
    layer Data "Data" {
        component Bus "Bus" {
            responsibility "r"
            technology "t"
            uses Lake "archives"
        }
        component Empty
    }
    group G { }
}
`
    },
    {
        name: 'datastore, stream and dataset',
        before: `datastore Lake in Shop . Data { kind object-store technology "S3" emits landed }
stream Clicks in Shop.Data.Bus{partitioning "id" throughput "2K/s"}
dataset Orders { owner "Data" store Lake refresh "daily" privacy pii scale "1 TB" feedback Clicks }`,
        after: `datastore Lake in Shop.Data {
    kind object-store
    technology "S3"
    emits landed
}
stream Clicks in Shop.Data.Bus {
    partitioning "id"
    throughput "2K/s"
}
dataset Orders {
    owner "Data"
    store Lake
    refresh "daily"
    privacy pii
    scale "1 TB"
    feedback Clicks
}
`
    },
    {
        name: 'job with state and triggers',
        before: `pipeline Agg "Aggregation" { mode streaming engine "Flink" state stateful { backend "RocksDB" checkpointing "60 s" keyed by "id" windows "10m","1h" }
reads Clicks ,Orders writes Features.Activity trigger on landed trigger after train trigger schedule "daily" emits ready freshness "< 10 s" }
job Small { state stateless }`,
        after: `pipeline Agg "Aggregation" {
    mode streaming
    engine "Flink"
    state stateful {
        backend "RocksDB"
        checkpointing "60 s"
        keyed by "id"
        windows "10m", "1h"
    }
    reads Clicks, Orders
    writes Features.Activity
    trigger on landed
    trigger after train
    trigger schedule "daily"
    emits ready
    freshness "< 10 s"
}
job Small {
    state stateless
}
`
    },
    {
        name: 'feature store and groups',
        before: 'featurestore Features { technology "Feast" group Activity "Activity" { features "a", "b" entity "id" source Agg online refresh "seconds" offline refresh "daily" } group Counted { features 120 online offline } }',
        after: `featurestore Features {
    technology "Feast"
    group Activity "Activity" {
        features "a", "b"
        entity "id"
        source Agg
        online refresh "seconds"
        offline refresh "daily"
    }
    group Counted {
        features 120
        online
        offline
    }
}
`
    },
    {
        name: 'model with baselines and history',
        before: `model Ranker "Ranker" in Shop.Models { id "MDL-1" owner "Search" task ranking type gbt framework "LightGBM","PyTorch" version "v3" status production serving realtime,batch
trained on Orders, Features.Activity trained by train depends on Embeddings consumes Activity
baseline ctr 0.042 alert 0.035 "clicks" baseline latency_ms "< 50"
history { version "v2" date "2025-01" status retired change "first" version "v3" status production }
purpose "p" limitations "l" card "https://example.com/card" }`,
        after: `model Ranker "Ranker" in Shop.Models {
    id "MDL-1"
    owner "Search"
    task ranking
    type gbt
    framework "LightGBM", "PyTorch"
    version "v3"
    status production
    serving realtime, batch
    trained on Orders, Features.Activity
    trained by train
    depends on Embeddings
    consumes Activity
    baseline ctr 0.042 alert 0.035 "clicks"
    baseline latency_ms "< 50"
    history {
        version "v2" date "2025-01" status retired change "first"
        version "v3" status production
    }
    purpose "p"
    limitations "l"
    card "https://example.com/card"
}
`
    },
    {
        name: 'workflow with steps',
        before: `workflow train "Training" { owner "ML" engine "Metaflow" trigger on landed emits ready
step load->fit step fit -> evaluate , publish { description "d" runs Agg emits ready } step evaluate "Evaluate" step publish { } }`,
        after: `workflow train "Training" {
    owner "ML"
    engine "Metaflow"
    trigger on landed
    emits ready
    step load -> fit
    step fit -> evaluate, publish {
        description "d"
        runs Agg
        emits ready
    }
    step evaluate "Evaluate"
    step publish { }
}
`
    },
    {
        name: 'signals with and without body',
        before: 'signal landed signal ready "Ready" in Shop.Data { description "d" carries "path" ,"count" }',
        after: `signal landed
signal ready "Ready" in Shop.Data {
    description "d"
    carries "path", "count"
}
`
    },
    {
        name: 'endpoint, experiment and monitor',
        before: `endpoint Api { serves Ranker mode realtime scaling autoscaling , scale-to-zero latency "P95 50 ms" consumers Shop.Web }
experiment Test { variant control model Ranker version "v3" traffic 50 % variant treatment model Ranker traffic 50% metrics ctr, cvr decision ctr rule "higher" feeds train }
monitor Drift { watches Ranker metric psi threshold 0.2 every "hourly" metric nulls emits drift triggers train dashboard "https://example.com/d" }`,
        after: `endpoint Api {
    serves Ranker
    mode realtime
    scaling autoscaling, scale-to-zero
    latency "P95 50 ms"
    consumers Shop.Web
}
experiment Test {
    variant control model Ranker version "v3" traffic 50%
    variant treatment model Ranker traffic 50%
    metrics ctr, cvr
    decision ctr rule "higher"
    feeds train
}
monitor Drift {
    watches Ranker
    metric psi threshold 0.2 every "hourly"
    metric nulls
    emits drift
    triggers train
    dashboard "https://example.com/d"
}
`
    }
];

const LAYOUT_CASES: FormattingCase[] = [
    {
        name: 'comments kept and re-indented',
        before: `// File header


/** The shop. */
platform Shop {
// inside, first
      layer Data { // after brace
  /* block
     comment */
  component Bus
        }
    uses Data // trailing
        // before close
}
`,
        after: `// File header

/** The shop. */
platform Shop {
    // inside, first
    layer Data { // after brace
        /* block
           comment */
        component Bus
    }
    uses Data // trailing
    // before close
}
`
    },
    {
        name: 'blank lines limited to one',
        before: `


signal a



signal b
signal c
model M {


    owner "x"



    task ranking


}
`,
        after: `signal a

signal b
signal c
model M {
    owner "x"

    task ranking
}
`
    },
    {
        name: 'blank lines before comments limited',
        before: 'signal a\n\n\n\n// about b\nsignal b\nmodel M {\n\n\n    // first\n    owner "x"   \n\n\n\n    // second\n    task ranking\n}\n',
        after: 'signal a\n\n// about b\nsignal b\nmodel M {\n    // first\n    owner "x"\n\n    // second\n    task ranking\n}\n'
    },
    {
        name: 'token after line comment',
        before: 'model M // the model\n{ owner // who\n"x" }\n',
        after: 'model M // the model\n{\n    owner // who\n        "x"\n}\n'
    },
    {
        name: 'final newline added',
        before: 'signal a',
        after: 'signal a\n'
    },
    {
        name: 'trailing whitespace at end removed',
        before: 'signal a\n\n\n   \n',
        after: 'signal a\n'
    }
];

describe('formatter constructs', () => {
    for (const formattingCase of CONSTRUCT_CASES) {
        test(formattingCase.name, async () => {
            await formatting({ before: formattingCase.before, after: formattingCase.after, disposeAfterCheck: true });
        });
    }
});

describe('formatter layout', () => {
    for (const formattingCase of LAYOUT_CASES) {
        test(formattingCase.name, async () => {
            await formatting({ before: formattingCase.before, after: formattingCase.after, disposeAfterCheck: true });
        });
    }

    test('formatted input unchanged', async () => {
        for (const formattingCase of [...CONSTRUCT_CASES, ...LAYOUT_CASES]) {
            assert.equal(await format(formattingCase.after), formattingCase.after, formattingCase.name);
        }
    });

    test('tabs when the editor uses tabs', async () => {
        await formatting({
            before: 'platform P { layer L {\n  // inside\n      component C } }',
            after: 'platform P {\n\tlayer L {\n\t\t// inside\n\t\tcomponent C\n\t}\n}\n',
            options: { insertSpaces: false, tabSize: 4 },
            disposeAfterCheck: true
        });
    });

    test('two-space indentation option', async () => {
        await formatting({
            before: 'platform P { layer L { component C } }',
            after: 'platform P {\n  layer L {\n    component C\n  }\n}\n',
            options: { insertSpaces: true, tabSize: 2 },
            disposeAfterCheck: true
        });
    });

    test('syntax error leaves document unchanged', async () => {
        const broken = 'model M {   owner "x" task }\nsignal   s\n';
        assert.equal(await format(broken), broken);
    });
});

describe('range and on-type formatting', () => {

    test('range formats only the selected element', async () => {
        const before = 'signal   a\nmodel M {   owner "x" }\nsignal   b\n';
        const range: Range = { start: { line: 1, character: 0 }, end: { line: 1, character: 23 } };
        await formatting({
            before,
            after: 'signal   a\nmodel M {\n    owner "x"\n}\nsignal   b\n',
            range,
            disposeAfterCheck: true
        });
    });

    test('closing brace re-indented on type', async () => {
        const formatter = services.lsp.Formatter;
        assert.ok(formatter, 'no formatter registered');
        assert.deepEqual(formatter.formatOnTypeOptions, { firstTriggerCharacter: '}' });
        const document = await parse('platform P {\n    layer L {\n        component C\n            }\n}\n');
        const edits = await formatter.formatDocumentOnType(document, {
            textDocument: { uri: document.uri.toString() },
            position: { line: 3, character: 13 },
            ch: '}',
            options: SPACES
        });
        assert.equal(TextDocument.applyEdits(document.textDocument, edits), 'platform P {\n    layer L {\n        component C\n    }\n}\n');
    });
});

/**
 * Lexes a text into its tokens, comments included. Whitespace at the start of the lines of a
 * block comment is dropped, because the formatter re-indents block comments.
 */
function tokenImages(mlarch: MlArchServices, text: string): string[] {
    const result = mlarch.parser.Lexer.tokenize(text);
    return [...result.tokens, ...result.hidden]
        .sort((a, b) => a.startOffset - b.startOffset)
        .map(token => token.image.replace(/\n[ \t]*/g, '\n'));
}

/** Serializes the ASTs of a workspace by file name, without positions. */
async function serializedAsts(files: Record<string, string>): Promise<Map<string, string>> {
    const workspace = await buildWorkspace(files);
    const serializer = workspace.services.serializer.JsonSerializer;
    return new Map([...workspace.documents].map(([name, document]) => [name, serializer.serialize(document.parseResult.value, { refText: true })]));
}

/** Returns the example text with the whitespace between tokens replaced by random whitespace, seeded for repeatable runs. */
function scramble(mlarch: MlArchServices, text: string, seed: number): string {
    const separators = [' ', '  ', '\n', '\n\n\n', '\t', ' \n    ', '\n\t\t'];
    let state = seed;
    const nextIndex = (): number => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state % separators.length;
    };
    const result = mlarch.parser.Lexer.tokenize(text);
    const tokens = [...result.tokens, ...result.hidden].sort((a, b) => a.startOffset - b.startOffset);
    return tokens.map(token => {
        const separator = separators[nextIndex()];
        // A line comment runs to the end of its line, so the separator after it needs a line break.
        return token.image + (token.image.startsWith('//') && !separator.includes('\n') ? '\n' : separator);
    }).join('');
}

describe('formatter properties', () => {
    const folders = ['getting-started', 'netflix'];

    for (const folder of folders) {
        test(`examples already formatted: ${folder}`, async () => {
            const workspace = await buildWorkspace(readExample(folder));
            for (const [name, document] of workspace.documents) {
                assert.equal(await formatDocument(document, workspace.services.lsp.Formatter), document.textDocument.getText(), name);
            }
        });
    }

    for (const folder of folders) {
        for (const seed of [0, 1, 2]) {
            test(`idempotent, same tokens and AST: ${folder}${seed > 0 ? `, scrambled ${seed}` : ''}`, async () => {
                const originals = readExample(folder);
                const inputs = Object.fromEntries(Object.entries(originals).map(([name, text]) => [name, seed > 0 ? scramble(services, text, seed) : text]));
                const workspace = await buildWorkspace(inputs);
                const formatted: Record<string, string> = {};
                for (const [name, document] of workspace.documents) {
                    assert.equal(document.parseResult.parserErrors.length, 0, `${name} input parses`);
                    formatted[name] = await formatDocument(document, workspace.services.lsp.Formatter);
                    assert.deepEqual(tokenImages(services, formatted[name]), tokenImages(services, inputs[name]), `${name} keeps its tokens`);
                }

                const reformattedWorkspace = await buildWorkspace(formatted);
                for (const [name, document] of reformattedWorkspace.documents) {
                    assert.equal(await formatDocument(document, reformattedWorkspace.services.lsp.Formatter), formatted[name], `${name} formats idempotently`);
                }

                const before = await serializedAsts(inputs);
                const after = await serializedAsts(formatted);
                for (const [name, ast] of before) {
                    assert.equal(after.get(name), ast, `${name} keeps its AST`);
                }
            });
        }
    }
});
