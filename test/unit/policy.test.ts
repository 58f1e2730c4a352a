import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocumentState, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { FileChangeType, type Connection, type PublishDiagnosticsParams } from 'vscode-languageserver';
import { runCheck, type CheckSummary } from '../../language/src/cli/check-command.js';
import { createMlArchServices } from '../../language/src/mlarch-module.js';
import { DIAGNOSTIC_CODES } from '../../language/src/validation/diagnostic-codes.js';
import { METADATA_FIELDS } from '../../language/src/workspace/metadata-policy.js';
import { parseMlArchConfig } from '../../language/src/workspace/mlarch-config.js';
import { codeOf } from './lsp-test-helpers.js';
import { REPO_ROOT } from './workspace-helpers.js';

/** A model that lacks every metadata field except its owner, and one nested model that lacks all. */
const MODELS = `dataset Clicks { }
model Ranker {
    owner "Search"
}
platform Shop {
    layer Models {
        model Scorer { }
    }
}
`;

let tmpRoot: string;

before(() => {
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mlarch-policy-'));
});

after(() => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
});

/** Writes a workspace folder with the models in `src/` and, when given, a configuration file at its root. */
function writeWorkspace(name: string, config?: string): string {
    const folder = path.join(tmpRoot, name);
    fs.mkdirSync(path.join(folder, 'src'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'src', 'models.mlarch'), MODELS);
    if (config !== undefined) {
        fs.writeFileSync(path.join(folder, 'mlarch.config.json'), config);
    }
    return folder;
}

async function check(folder: string): Promise<{ lines: string[]; summary: CheckSummary }> {
    const lines: string[] = [];
    const summary = await runCheck([path.join(folder, 'src')], line => lines.push(line));
    return { lines, summary };
}

/** Returns the check's output lines that carry a code, as `severity code element-line`. */
function codesOf(lines: string[], code: string): string[] {
    return lines.filter(line => line.includes(` ${code} `)).map(line => {
        const match = /:(\d+):\d+: (\w+) /.exec(line);
        return `${match?.[2]} line ${match?.[1]}`;
    });
}

describe('configuration parsing', () => {
    test('valid configuration', () => {
        const { config, problems } = parseMlArchConfig(JSON.stringify({
            $schema: './schemas/mlarch.config.schema.json',
            requiredMetadata: ['task', 'owner'],
            severity: { 'missing-owner': 'error', 'missing-task': 'info', 'unused-feature-group': 'off' },
            suppress: [{ element: 'Netflix.ModelLayer.Foo', codes: ['missing-baseline'] }]
        }));
        assert.deepEqual(problems, []);
        assert.deepEqual(config.requiredMetadata, ['task', 'owner']);
        assert.deepEqual([...config.severity], [['missing-owner', 'error'], ['missing-task', 'information'], ['unused-feature-group', 'off']]);
        assert.deepEqual(config.suppress, [{ element: 'Netflix.ModelLayer.Foo', codes: ['missing-baseline'] }]);
    });

    const invalid: Array<{ name: string; text: string; message: RegExp; at: string }> = [
        { name: 'bad JSON', text: '{ "severity": { } ', message: /^Invalid JSON: a closing brace is expected\.$/, at: '' },
        { name: 'not an object', text: '[]', message: /must contain a JSON object/, at: '[]' },
        { name: 'unknown field', text: '{ "required": [] }', message: /^Unknown field 'required'\. Use one of: requiredMetadata, severity, suppress\.$/, at: '"required"' },
        { name: 'unknown metadata field', text: '{ "requiredMetadata": ["task", "colour"] }', message: /^Unknown metadata field "colour"/, at: '"colour"' },
        { name: 'unknown code with suggestion', text: '{ "severity": { "missing-ownr": "error" } }', message: /^Unknown diagnostic code "missing-ownr" in 'severity'\. Did you mean 'missing-owner'\?$/, at: '"missing-ownr"' },
        { name: 'unknown code listed', text: '{ "severity": { "something-else": "error" } }', message: /Known codes: missing-task, /, at: '"something-else"' },
        { name: 'bad severity', text: '{ "severity": { "missing-owner": "fatal" } }', message: /^Invalid severity "fatal" for 'missing-owner'\. Use error, warning, information, hint or off\.$/, at: '"fatal"' },
        { name: 'suppression without codes', text: '{ "suppress": [{ "element": "A" }] }', message: /lacks 'codes'/, at: '{ "element": "A" }' },
        { name: 'suppression with unknown key', text: '{ "suppress": [{ "element": "A", "codes": [], "why": "x" }] }', message: /^Unknown field 'why' in a 'suppress' entry/, at: '"why"' }
    ];
    for (const { name, text, message, at } of invalid) {
        test(`reports ${name}`, () => {
            const { problems } = parseMlArchConfig(text);
            assert.equal(problems.length, 1, JSON.stringify(problems));
            assert.match(problems[0].message, message);
            if (at) {
                assert.equal(problems[0].offset, text.indexOf(at), 'problem offset');
                assert.equal(problems[0].length, at.length, 'problem length');
            }
        });
    }

    test('valid parts still apply', () => {
        const { config, problems } = parseMlArchConfig('{ "requiredMetadata": ["task", "colour"], "severity": { "missing-task": "error", "nope": "off" }, "extra": 1 }');
        assert.equal(problems.length, 3);
        assert.deepEqual(config.requiredMetadata, ['task']);
        assert.deepEqual([...config.severity], [['missing-task', 'error']]);
    });

    test('schema lists the codes and fields', () => {
        const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'mlarch.config.schema.json'), 'utf-8'));
        assert.deepEqual(Object.keys(schema.properties.severity.properties), Object.keys(DIAGNOSTIC_CODES));
        assert.deepEqual(schema.properties.suppress.items.properties.codes.items.enum, Object.keys(DIAGNOSTIC_CODES));
        assert.deepEqual(schema.properties.requiredMetadata.items.enum, [...METADATA_FIELDS]);
        assert.deepEqual(Object.keys(schema.properties), ['$schema', 'requiredMetadata', 'severity', 'suppress']);
    });
});

describe('mlarch check with a configuration', () => {
    test('default policy without a file', async () => {
        const { lines, summary } = await check(writeWorkspace('none'));
        assert.deepEqual(codesOf(lines, 'missing-baseline'), ['warning line 2', 'warning line 7']);
        assert.deepEqual(codesOf(lines, 'missing-owner'), ['warning line 7']);
        assert.equal(summary.errors, 0);
    });

    test('optional field has no diagnostic', async () => {
        const required = METADATA_FIELDS.filter(field => field !== 'baseline');
        const { lines } = await check(writeWorkspace('optional', JSON.stringify({ requiredMetadata: required })));
        assert.deepEqual(codesOf(lines, 'missing-baseline'), []);
        assert.deepEqual(codesOf(lines, 'missing-task'), ['warning line 2', 'warning line 7']);
    });

    test('code turned off disappears', async () => {
        const { lines, summary } = await check(writeWorkspace('off', '{ "severity": { "missing-owner": "off" } }'));
        assert.deepEqual(codesOf(lines, 'missing-owner'), []);
        assert.equal(summary.warnings, 14);
    });

    test('severity change in output and counts', async () => {
        const { lines, summary } = await check(writeWorkspace('severity', '{ "severity": { "missing-task": "error", "missing-status": "hint" } }'));
        assert.deepEqual(codesOf(lines, 'missing-task'), ['error line 2', 'error line 7']);
        assert.deepEqual(codesOf(lines, 'missing-status'), ['hint line 2', 'hint line 7']);
        assert.equal(summary.errors, 2);
        assert.equal(summary.hints, 2);
    });

    test('suppression on a named element', async () => {
        const config = { suppress: [{ element: 'Shop.Models.Scorer', codes: ['missing-baseline', 'missing-owner'] }] };
        const { lines } = await check(writeWorkspace('suppress', JSON.stringify(config)));
        assert.deepEqual(codesOf(lines, 'missing-baseline'), ['warning line 2'], 'Ranker keeps its diagnostic');
        assert.deepEqual(codesOf(lines, 'missing-owner'), []);
        assert.deepEqual(codesOf(lines, 'missing-task'), ['warning line 2', 'warning line 7']);
    });

    test('invalid configuration reports and applies the rest', async () => {
        const config = '{\n  "severity": { "missing-task": "error", "missing-owner": "fatal" },\n  "colour": "blue"\n}\n';
        const { lines, summary } = await check(writeWorkspace('invalid', config));
        const configLines = lines.filter(line => line.includes('config-invalid'));
        assert.deepEqual(configLines.map(line => line.replace(/^.*mlarch\.config\.json:/, '')), [
            `2:59: error config-invalid Invalid severity "fatal" for 'missing-owner'. Use error, warning, information, hint or off.`,
            `3:3: error config-invalid Unknown field 'colour'. Use one of: requiredMetadata, severity, suppress.`
        ]);
        assert.deepEqual(codesOf(lines, 'missing-task'), ['error line 2', 'error line 7'], 'the valid severity applies');
        assert.equal(summary.errors, 4);
    });

    test('configuration in an ancestor folder', async () => {
        const folder = writeWorkspace('ancestor', '{ "severity": { "missing-version": "off" } }');
        const lines: string[] = [];
        await runCheck([path.join(folder, 'src', 'models.mlarch')], line => lines.push(line));
        assert.deepEqual(codesOf(lines, 'missing-version'), []);
        assert.ok(codesOf(lines, 'missing-task').length > 0);
    });

    test('built command line exit codes', () => {
        const cli = path.join(REPO_ROOT, 'out', 'cli', 'main.cjs');
        assert.ok(fs.existsSync(cli), `${cli} is missing; run node scripts/build.mjs first`);
        const run = (folder: string) => spawnSync(process.execPath, [cli, 'check', path.join(folder, 'src')], { encoding: 'utf-8' });

        const warnings = run(writeWorkspace('exit-warnings'));
        assert.equal(warnings.status, 0, warnings.stderr);

        const errors = run(writeWorkspace('exit-errors', '{ "severity": { "missing-owner": "error" } }'));
        assert.equal(errors.status, 1, errors.stderr);
        assert.match(errors.stdout, /models\.mlarch:7:\d+: error missing-owner Model 'Scorer' has no owner\./);

        const broken = run(writeWorkspace('exit-broken', '{ "severity": '));
        assert.equal(broken.status, 1, broken.stderr);
        assert.equal(broken.stderr, '', 'no crash');
        assert.match(broken.stdout, /mlarch\.config\.json:1:\d+: error config-invalid Invalid JSON: a value is expected\./);
        assert.match(broken.stdout, /warning missing-owner/, 'the default policy still checks the files');
    });
});

describe('language server configuration', () => {
    test('read at start-up and on change', async () => {
        const folder = writeWorkspace('server', '{ "severity": { "missing-owner": "off" } }');
        const configUri = URI.file(path.join(folder, 'mlarch.config.json')).toString();
        const modelsUri = URI.file(path.join(folder, 'src', 'models.mlarch')).toString();
        const published: PublishDiagnosticsParams[] = [];
        const connection = {
            sendDiagnostics: async (params: PublishDiagnosticsParams) => {
                published.push(params);
            },
            console: { info: () => undefined, log: () => undefined, warn: () => undefined, error: () => undefined }
        } as unknown as Connection;
        const { shared } = createMlArchServices({ ...NodeFileSystem, connection });
        const builder = shared.workspace.DocumentBuilder;
        const codesIn = () => (shared.workspace.LangiumDocuments.getDocument(URI.parse(modelsUri))?.diagnostics ?? []).map(codeOf);

        await shared.lsp.LanguageServer.initialize({
            processId: null,
            rootUri: null,
            capabilities: {},
            workspaceFolders: [{ uri: URI.file(folder).toString(), name: 'server' }]
        });
        shared.lsp.LanguageServer.initialized({});
        await shared.workspace.WorkspaceManager.ready;
        await builder.waitUntil(DocumentState.Validated);
        assert.ok(codesIn().includes('missing-task'), 'the workspace was validated');
        assert.ok(!codesIn().includes('missing-owner'), 'the start-up configuration applies');
        assert.deepEqual(published.filter(params => params.uri === configUri).at(-1)?.diagnostics, []);

        // An invalid entry next to a valid one: the valid one applies, the invalid one is published.
        fs.writeFileSync(path.join(folder, 'mlarch.config.json'), '{ "severity": { "missing-task": "off", "missing-owner": "loud" } }');
        const rebuilt = new Promise<void>(resolve => {
            const listener = builder.onBuildPhase(DocumentState.Validated, documents => {
                if (documents.some(document => document.uri.toString() === modelsUri)) {
                    listener.dispose();
                    resolve();
                }
            });
        });
        const updateHandler = shared.lsp.DocumentUpdateHandler;
        assert.ok(updateHandler.didChangeWatchedFiles, 'Langium handles workspace/didChangeWatchedFiles');
        updateHandler.didChangeWatchedFiles({ changes: [{ uri: configUri, type: FileChangeType.Changed }] });
        await rebuilt;
        assert.ok(!codesIn().includes('missing-task'), 'the changed configuration applies to unchanged files');
        assert.ok(codesIn().includes('missing-owner'), 'the previous setting no longer applies');
        const configDiagnostics = published.filter(params => params.uri === configUri).at(-1)?.diagnostics ?? [];
        assert.deepEqual(configDiagnostics.map(diagnostic => [diagnostic.code, diagnostic.message]), [
            ['config-invalid', `Invalid severity "loud" for 'missing-owner'. Use error, warning, information, hint or off.`]
        ]);
        assert.deepEqual(configDiagnostics[0].range.start, { line: 0, character: 56 });
    });
});
