/**
 * `mlarch check` as CI runs it: the bundled command line in a child process, its exit statuses,
 * `--max-warnings`, the text, JSON and SARIF reports, and the policy file.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { DIAGNOSTIC_CODES } from '../../language/src/validation/diagnostic-codes.js';
import { runCli, writeTempWorkspace } from './export-helpers.js';

const require = createRequire(import.meta.url);

/** The SARIF 2.1.0 schema (draft-04) as @microsoft/jest-sarif 1.0.0-beta.0 ships it. */
const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** A model that lacks every metadata field but its owner, so each missing field is one warning. */
const INCOMPLETE_MODEL = `model Ranker {
    owner "Search"
}
`;

/** A duplicate name (an error with related information) and an unresolved reference (an error). */
const BROKEN_MODELS = `model Scorer { owner "Search" task ranking framework "PyTorch" version "1" status production serving batch trained on Clicks baseline ndcg 0.4 }
dataset Clicks { }
dataset Clicks { }
model Orphan { owner "Search" depends on Missing }
`;

interface JsonReport {
    format: string;
    version: number;
    summary: { files: number; errors: number; warnings: number; infos: number; hints: number };
    files: string[];
    diagnostics: Array<{ path: string; line: number; column: number; endLine: number; endColumn: number; severity: string; code: string; message: string; related: unknown[] }>;
}

interface SarifLog {
    version: string;
    runs: Array<{
        tool: { driver: { name: string; version: string; rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string }; properties: { defaultSeverity: string } }> } };
        originalUriBaseIds: Record<string, { uri: string }>;
        results: Array<{
            ruleId: string;
            ruleIndex: number;
            level: string;
            message: { text: string };
            locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
            relatedLocations?: unknown[];
        }>;
    }>;
}

/** SARIF level of each severity: SARIF has no level for hints, so info and hint are notes. */
const SARIF_LEVELS: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

let warningsOnly: string;
let withErrors: string;
let withPolicy: string;

before(() => {
    warningsOnly = writeTempWorkspace('mlarch-check-warnings-', {
        'src/models.mlarch': INCOMPLETE_MODEL,
        'src/nested/more.mlarch': 'dataset Views { }\n',
        'notes.md': 'not a model\n'
    });
    withErrors = writeTempWorkspace('mlarch-check-errors-', { 'models.mlarch': BROKEN_MODELS });
    withPolicy = writeTempWorkspace('mlarch-check-policy-', {
        'src/models.mlarch': INCOMPLETE_MODEL,
        'mlarch.config.json': JSON.stringify({ severity: { 'missing-task': 'error', 'missing-baseline': 'off' }, unknownField: true }, undefined, 2)
    });
});

after(() => {
    for (const folder of [warningsOnly, withErrors, withPolicy]) {
        fs.rmSync(folder, { recursive: true, force: true });
    }
});

function jsonReport(args: string[], cwd: string): JsonReport {
    const result = runCli(['check', '--format', 'json', ...args], cwd);
    assert.equal(result.stderr, '', 'stderr of check --format json');
    return JSON.parse(result.stdout) as JsonReport;
}

describe('check exit status', () => {
    test('warnings alone exit 0', () => {
        const result = runCli(['check'], warningsOnly);
        assert.equal(result.status, 0, result.stdout + result.stderr);
        assert.match(result.stdout, /Checked 2 file\(s\): 0 error\(s\), 7 warning\(s\)/);
    });

    test('errors exit 1', () => {
        const result = runCli(['check', 'models.mlarch'], withErrors);
        assert.equal(result.status, 1, result.stdout + result.stderr);
        assert.match(result.stdout, /models\.mlarch:3:9: error duplicate-name /);
        assert.match(result.stdout, /models\.mlarch:4:\d+: error unresolved-reference /);
    });

    test('max-warnings equal to count exits 0', () => {
        const warnings = jsonReport([], warningsOnly).summary.warnings;
        assert.equal(warnings, 7);
        const result = runCli(['check', '--max-warnings', String(warnings)], warningsOnly);
        assert.equal(result.status, 0, result.stderr);
    });

    test('max-warnings below count exits 1', () => {
        const result = runCli(['check', '--max-warnings', '6'], warningsOnly);
        assert.equal(result.status, 1);
        assert.match(result.stderr, /7 warning\(s\) exceed the maximum of 6 set with --max-warnings/);
    });

    test('max-warnings 0 exits 1 on any warning', () => {
        assert.equal(runCli(['check', '--max-warnings', '0'], warningsOnly).status, 1);
    });

    const usageErrors: Array<[string, string[], RegExp]> = [
        ['missing path', ['check', 'missing-folder'], /Path not found: missing-folder/],
        ['file of another type', ['check', 'notes.md'], /Not an \.mlarch file: notes\.md\. Pass \.mlarch files or folders/],
        ['output below a file', ['check', '--output', 'notes.md/report.txt'], /Cannot use .*notes\.md: a file is in the way where a folder is needed \(EEXIST\)/],
        ['unmatched glob', ['check', 'nothing/**/*.mlarch'], /No \.mlarch files or folders match the pattern 'nothing\/\*\*\/\*\.mlarch'/],
        ['folder without models', ['check', 'src/empty'], /No \.mlarch files found in src\/empty/],
        ['negative max-warnings', ['check', '--max-warnings', '-1'], /argument '-1' is invalid/],
        ['unknown format', ['check', '--format', 'xml'], /Allowed choices are text, json, sarif/],
        ['unknown option', ['check', '--fix'], /unknown option '--fix'/]
    ];
    for (const [name, args, message] of usageErrors) {
        test(`${name} exits 2`, () => {
            fs.mkdirSync(path.join(warningsOnly, 'src', 'empty'), { recursive: true });
            fs.writeFileSync(path.join(warningsOnly, 'notes.md'), '# Notes\n');
            const result = runCli(args, warningsOnly);
            assert.equal(result.status, 2, result.stdout + result.stderr);
            assert.match(result.stderr, message);
        });
    }

    test('help lists exit statuses', () => {
        const result = runCli(['check', '--help']);
        assert.equal(result.status, 0);
        assert.match(result.stdout, /Exit status:\n {2}0 {2}success[^\n]*\n {2}1 {2}check found errors, or more warnings than --max-warnings\n {2}2 {2}invalid arguments/);
    });
});

describe('check inputs', () => {
    test('no arguments check current folder recursively', () => {
        const report = jsonReport([], warningsOnly);
        assert.deepEqual(report.files, ['src/models.mlarch', 'src/nested/more.mlarch']);
    });

    test('glob selects matching files', () => {
        const report = jsonReport(['src/*.mlarch'], warningsOnly);
        assert.deepEqual(report.files, ['src/models.mlarch']);
    });

    test('recursive glob matches nested files', () => {
        const report = jsonReport(['**/more.mlarch'], warningsOnly);
        assert.deepEqual(report.files, ['src/nested/more.mlarch']);
    });
});

describe('check reports', () => {
    test('JSON report matches text report', () => {
        const report = jsonReport([], withErrors);
        assert.equal(report.format, 'mlarch-check');
        assert.equal(report.version, 1);
        const text = runCli(['check'], withErrors).stdout.trimEnd().split('\n');
        assert.deepEqual(text.slice(0, -1), report.diagnostics.map(d => `${d.path}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`));
        assert.equal(report.summary.errors, report.diagnostics.filter(d => d.severity === 'error').length);
    });

    test('output option writes report to file', () => {
        const out = path.join(withErrors, 'reports', 'check.json');
        const result = runCli(['check', '--format', 'json', '--output', out], withErrors);
        assert.equal(result.status, 1);
        assert.match(result.stdout, /^Checked 1 file\(s\): \d+ error\(s\)/);
        const report = JSON.parse(fs.readFileSync(out, 'utf-8')) as JsonReport;
        assert.ok(report.diagnostics.length > 0);
    });
});

describe('SARIF report', () => {
    let validate: (log: unknown) => boolean;
    let errorsOf: () => string;

    before(() => {
        // The schema's pattern for `language` has a stray `]`, which only non-unicode regular expressions accept.
        const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        const validator = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf-8')));
        validate = log => validator(log) as boolean;
        errorsOf = () => ajv.errorsText(validator.errors);
    });

    function sarif(args: string[], cwd: string): SarifLog {
        const result = runCli(['check', '--format', 'sarif', ...args], cwd);
        return JSON.parse(result.stdout) as SarifLog;
    }

    test('validates against SARIF 2.1.0 schema', () => {
        for (const folder of [warningsOnly, withErrors, withPolicy]) {
            const log = sarif([], folder);
            assert.ok(validate(log), `${folder}: ${errorsOf()}`);
        }
    });

    test('schema rejects invalid level', () => {
        const log = sarif([], withErrors);
        (log.runs[0].results[0] as { level: string }).level = 'hint';
        assert.equal(validate(log), false);
    });

    test('has one rule per diagnostic code', () => {
        const rules = sarif([], warningsOnly).runs[0].tool.driver.rules;
        for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
            const rule = rules.find(candidate => candidate.id === code);
            assert.ok(rule, `rule ${code}`);
            assert.equal(rule.shortDescription.text, info.description, `description of ${code}`);
            assert.equal(rule.properties.defaultSeverity, info.severity, `default severity of ${code}`);
            assert.equal(rule.defaultConfiguration.level, SARIF_LEVELS[info.severity], `level of ${code}`);
        }
        assert.equal(new Set(rules.map(rule => rule.id)).size, rules.length, 'rule ids are unique');
    });

    test('locates results relative to working folder', () => {
        const log = sarif([], withErrors);
        const run = log.runs[0];
        assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, pathToFileURL(fs.realpathSync(withErrors)).href + '/');
        const report = jsonReport([], withErrors);
        assert.equal(run.results.length, report.diagnostics.length);
        run.results.forEach((result, index) => {
            const expected = report.diagnostics[index];
            const location = result.locations[0].physicalLocation;
            assert.deepEqual(location.artifactLocation, { uri: 'models.mlarch', uriBaseId: '%SRCROOT%' });
            assert.deepEqual(location.region, { startLine: expected.line, startColumn: expected.column, endLine: expected.endLine, endColumn: expected.endColumn });
            assert.equal(result.ruleId, expected.code);
            assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId, `ruleIndex of ${result.ruleId}`);
            assert.equal(result.level, SARIF_LEVELS[expected.severity]);
        });
    });

    test('duplicate name has related location', () => {
        const duplicate = sarif([], withErrors).runs[0].results.find(result => result.ruleId === 'duplicate-name');
        assert.ok(duplicate, 'duplicate-name result');
        assert.ok((duplicate.relatedLocations?.length ?? 0) > 0, 'related locations');
    });

    test('nested file uri keeps folders', () => {
        const uris = sarif([], warningsOnly).runs[0].results.map(result => result.locations[0].physicalLocation.artifactLocation.uri);
        assert.ok(uris.includes('src/models.mlarch'), uris.join(', '));
    });

    test('applies policy file', () => {
        const results = sarif([], withPolicy).runs[0].results;
        const byCode = (code: string) => results.filter(result => result.ruleId === code);
        assert.equal(byCode('missing-task')[0]?.level, 'error');
        assert.equal(byCode('missing-baseline').length, 0);
        const configProblem = byCode('config-invalid')[0];
        assert.ok(configProblem, 'config-invalid result');
        assert.equal(configProblem.locations[0].physicalLocation.artifactLocation.uri, 'mlarch.config.json');
        assert.match(configProblem.message.text, /Unknown field 'unknownField'/);
        assert.equal(runCli(['check'], withPolicy).status, 1, 'policy errors fail the check');
    });
});
