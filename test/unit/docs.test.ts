/**
 * `mlarch docs`: the generated tables contain what the model declares, the Markdown survives hostile
 * text, the diagrams parse, and the documentation committed under examples/netflix/docs is
 * what the generator writes today.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JSDOM } from 'jsdom';
import { isJob, isModel, isSignal, isStep, type Job, type Model, type Signal } from '../../language/src/generated/ast.js';
import { FEATURE_GROUP_HEADER, PIPELINE_HEADER } from '../../language/src/docs/data-pipeline-section.js';
import { generateDocsForFolder, type GeneratedDocs } from '../../language/src/docs/generate-docs.js';
import { headingAnchor } from '../../language/src/docs/markdown.js';
import { INVENTORY_HEADER } from '../../language/src/docs/model-registry-section.js';
import { SIGNAL_HEADER } from '../../language/src/docs/operational-section.js';
import { isNamedElement, type NamedElement } from '../../language/src/references/qualified-names.js';
import { collectMlArchFiles, loadWorkspace, type LoadedWorkspace } from '../../language/src/workspace/load-workspace.js';
import { NETFLIX_DIR, runCli, writeTempWorkspace } from './export-helpers.js';

const COMMITTED_DOCS = path.join(NETFLIX_DIR, 'docs');

let docs: GeneratedDocs;
let workspace: LoadedWorkspace;

before(async () => {
    docs = await generateDocsForFolder(NETFLIX_DIR);
    workspace = await loadWorkspace(await collectMlArchFiles([NETFLIX_DIR]));
});

function elements<T extends NamedElement>(guard: (node: unknown) => node is T): T[] {
    const found: T[] = [];
    for (const document of workspace.documents) {
        for (const node of streamAll(document.parseResult.value)) {
            if (guard(node)) {
                found.push(node);
            }
        }
    }
    return found;
}

function* streamAll(node: object): Generator<object> {
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) {
            continue;
        }
        for (const child of Array.isArray(value) ? value : [value]) {
            if (child && typeof child === 'object' && '$type' in child) {
                yield child;
                yield* streamAll(child);
            }
        }
    }
}

function file(name: string): string {
    const text = docs.get(name);
    assert.ok(text !== undefined, `generated file ${name}`);
    return text;
}

/** Splits a table row into cells at pipes that no backslash escapes. */
function splitRow(line: string): string[] {
    const cells: string[] = [];
    let current = '';
    const body = line.trim().slice(1, -1);
    for (let index = 0; index < body.length; index++) {
        const character = body[index];
        if (character === '\\' && index + 1 < body.length) {
            current += character + body[index + 1];
            index++;
        } else if (character === '|') {
            cells.push(current.trim());
            current = '';
        } else {
            current += character;
        }
    }
    cells.push(current.trim());
    return cells;
}

/** Returns the rows of every table with this header in the Markdown, as records by column name. */
function readTables(markdown: string, header: string[]): Array<Record<string, string>> {
    const lines = markdown.split('\n');
    const rows: Array<Record<string, string>> = [];
    const headerLine = `| ${header.join(' | ')} |`;
    lines.forEach((line, index) => {
        if (line !== headerLine) {
            return;
        }
        for (let row = index + 2; row < lines.length && lines[row].startsWith('|'); row++) {
            const cells = splitRow(lines[row]);
            assert.equal(cells.length, header.length, `cells of ${lines[row]}`);
            rows.push(Object.fromEntries(header.map((name, column) => [name, cells[column]])));
        }
    });
    assert.ok(rows.length > 0, `a table with the header ${headerLine}`);
    return rows;
}

/** Turns a cell back into plain text: code spans lose their backticks, escapes are undone, and an em dash is empty. */
function plain(cell: string): string {
    if (cell === '—') {
        return '';
    }
    let text = '';
    for (let index = 0; index < cell.length; index++) {
        const character = cell[index];
        if (character === '\\') {
            text += cell[++index] ?? '';
        } else if (character === '`') {
            const end = cell.indexOf('`', index + 1);
            text += cell.slice(index + 1, end);
            index = end;
        } else if (cell.startsWith('<br>', index)) {
            text += '\n';
            index += 3;
        } else if (cell.startsWith('&amp;', index)) {
            text += '&';
            index += 4;
        } else {
            text += character;
        }
    }
    return text;
}

/** Returns the names that a cell lists as code spans. */
function names(cell: string): string[] {
    return [...cell.matchAll(/`([^`]+)`/g)].map(match => match[1]);
}

function rowOf(rows: Array<Record<string, string>>, column: string, element: NamedElement): Record<string, string> {
    const row = rows.find(candidate => names(candidate[column])[0] === element.name);
    assert.ok(row, `row of ${element.name}`);
    return row;
}

describe('model registry docs', () => {
    test('inventory lists every model', () => {
        const rows = readTables(file('model-registry-view.md'), INVENTORY_HEADER);
        const models = elements(isModel);
        assert.equal(rows.length, models.length);
        for (const model of models) {
            const row = rowOf(rows, 'Model', model);
            assert.equal(plain(row.Version), model.version ?? '', `version of ${model.name}`);
            assert.equal(plain(row['Serving mode']), model.servingModes.join(', '), `serving mode of ${model.name}`);
            assert.equal(plain(row.Status), model.status ?? '', `status of ${model.name}`);
            assert.equal(plain(row.Task), model.task ?? '', `task of ${model.name}`);
            assert.equal(plain(row.Id), model.registryId ?? '', `id of ${model.name}`);
            assert.equal(plain(row.Framework), model.frameworks.join(', '), `framework of ${model.name}`);
        }
    });

    test('inventory links reach model sections', () => {
        const markdown = file('model-registry-view.md');
        const slugs = new Map<string, number>();
        const anchors = new Set(markdown.split('\n').filter(line => /^#{1,6} /.test(line))
            .map(line => headingAnchor(plain(line.replace(/^#+ /, '')), slugs)));
        const rows = readTables(markdown, INVENTORY_HEADER);
        for (const row of rows) {
            const target = /\]\(#([^)]+)\)$/.exec(row.Model)?.[1];
            assert.ok(target, `link of ${row.Model}`);
            assert.ok(anchors.has(target), `anchor ${target} of ${row.Model}`);
        }
    });

    test('each model section has history and baselines', () => {
        const markdown = file('model-registry-view.md');
        for (const model of elements(isModel)) {
            const start = markdown.indexOf(`\n## ${model.title ?? model.name}\n`);
            assert.ok(start >= 0, `section of ${model.name}`);
            const end = markdown.indexOf('\n## ', start + 1);
            const section = markdown.slice(start, end < 0 ? undefined : end);
            for (const version of model.history) {
                assert.ok(section.includes(`| ${version.version} |`), `history version ${version.version} of ${model.name}`);
            }
            for (const baseline of model.baselines) {
                assert.ok(section.includes(`| \`${baseline.metric}\` |`), `baseline ${baseline.metric} of ${model.name}`);
            }
            for (const dependency of model.dependsOn) {
                assert.ok(section.includes(`| \`${dependency.ref?.name}\` | model | depends on its output |`), `dependency of ${model.name}`);
            }
        }
    });
});

describe('data pipeline docs', () => {
    test('pipeline table lists every job', () => {
        const rows = readTables(file('data-pipeline-view.md'), PIPELINE_HEADER);
        const jobs = elements(isJob);
        assert.equal(rows.length, jobs.length);
        for (const job of jobs) {
            const row = rowOf(rows, 'Pipeline', job);
            assert.equal(plain(row.Mode), job.mode ?? '', `mode of ${job.name}`);
            assert.equal(plain(row.Type), job.kind, `type of ${job.name}`);
            assert.equal(plain(row.Engine), job.engine ?? '', `engine of ${job.name}`);
            assert.equal(plain(row.Freshness), job.freshness ?? '', `freshness of ${job.name}`);
            assert.equal(plain(row.State).split(' ')[0], job.state?.kind ?? '', `state of ${job.name}`);
            assert.deepEqual(names(row.Reads), job.reads.map(reference => reference.ref?.name), `reads of ${job.name}`);
            assert.deepEqual(names(row.Writes).slice(0, job.writes.length), job.writes.map(reference => reference.ref?.name), `writes of ${job.name}`);
        }
    });

    test('stateful jobs show their backend', () => {
        const rows = readTables(file('data-pipeline-view.md'), PIPELINE_HEADER);
        const stateful = elements(isJob).filter((job: Job) => job.state?.kind === 'stateful' && job.state.backend);
        assert.ok(stateful.length > 0);
        for (const job of stateful) {
            assert.equal(plain(rowOf(rows, 'Pipeline', job).State), `stateful (${job.state?.backend})`);
        }
    });

    test('feature groups show refresh and consumers', () => {
        const rows = readTables(file('data-pipeline-view.md'), FEATURE_GROUP_HEADER);
        const models = elements(isModel);
        const groups = elements((node: unknown): node is NamedElement & { $type: 'FeatureGroup' } => isNamedElement(node) && node.$type === 'FeatureGroup');
        assert.equal(rows.length, groups.length);
        for (const group of groups) {
            const row = rowOf(rows, 'Feature group', group);
            const declared = group as unknown as { onlineRefresh?: string; offlineRefresh?: string };
            assert.equal(plain(row['Online refresh']), declared.onlineRefresh, `online refresh of ${group.name}`);
            assert.equal(plain(row['Offline refresh']), declared.offlineRefresh, `offline refresh of ${group.name}`);
            const consumers = models.filter((model: Model) => model.consumes.some(reference => reference.ref === group)).map(model => model.name);
            assert.deepEqual(names(row['Consumed at inference by']), consumers, `consumers of ${group.name}`);
        }
    });

    test('feedback loops list feedback relations', () => {
        const markdown = file('data-pipeline-view.md');
        const rows = readTables(markdown, ['From', 'To', 'Kind', 'Note']);
        const feedback = rows.filter(row => row.Kind === 'feedback relation');
        assert.deepEqual(feedback.map(row => names(row.To)[0]).sort(), ['SearchQueries', 'UiInteractions', 'ViewingEvents']);
        assert.ok(rows.some(row => row.Kind === 'experiment result' && names(row.To)[0] === 'RecommendationEnsemble'));
    });
});

describe('operational docs', () => {
    test('signal table lists every signal', () => {
        const rows = readTables(file('operational-view.md'), SIGNAL_HEADER);
        const signals = elements(isSignal);
        assert.equal(rows.length, signals.length);
        const facts = workspace.services.workspace.Facts.tables;
        for (const signal of signals) {
            const row = rowOf(rows, 'Signal', signal);
            const emitters = (facts.signalEmitters.get(signal as Signal) ?? [])
                .map(emitter => isStep(emitter) ? `${(emitter.$container as { name: string }).name}.${emitter.name}` : emitter.name);
            assert.deepEqual(names(row['Emitted by']), emitters, `emitters of ${signal.name}`);
            const subscribers = (facts.signalSubscribers.get(signal as Signal) ?? []).map(trigger => (trigger.$container as { name: string }).name);
            assert.deepEqual(names(row['Subscribed by']), subscribers, `subscribers of ${signal.name}`);
            assert.equal(plain(row.Carries), (signal as Signal).carries.join(', '), `payload of ${signal.name}`);
        }
    });

    test('experiment variants add up', () => {
        const markdown = file('operational-view.md');
        const rows = readTables(markdown, ['Variant', 'Model', 'Version', 'Traffic']);
        assert.deepEqual(rows.map(row => [plain(row.Variant), plain(row.Model), plain(row.Version), plain(row.Traffic)]), [
            ['control', 'RecommendationEnsemble', 'v12.4', '50 %'],
            ['treatment', 'RecommendationEnsemble', 'v12.5', '50 %']
        ]);
        assert.ok(markdown.includes('Total traffic: 100 %.'));
    });
});

describe('building block docs', () => {
    test('level 1 lists platform children', () => {
        const markdown = file('building-block-view.md');
        assert.ok(markdown.includes('## Level 1: Netflix ML Platform\n'));
        const level1 = markdown.slice(markdown.indexOf('## Level 1:'), markdown.indexOf('## Level 2:'));
        const rows = readTables(level1, ['Building block', 'Kind', 'Responsibility', 'Technology']);
        assert.deepEqual(rows.map(row => names(row['Building block'])[0]), [
            'WorkflowLayer', 'DataLayer', 'FeatureLayer', 'ModelLayer', 'ExperimentationLayer', 'StorageLayer', 'MonitoringLayer', 'ProductServices'
        ]);
    });

    test('level 2 lists component parts', () => {
        const markdown = file('building-block-view.md');
        const start = markdown.indexOf('\n## Level 3: Metaflow\n');
        assert.ok(start >= 0, 'whitebox of Metaflow');
        const section = markdown.slice(start, markdown.indexOf('\n## ', start + 1));
        const rows = readTables(section, ['Building block', 'Kind', 'Responsibility', 'Technology']);
        assert.deepEqual(rows.map(row => names(row['Building block'])[0]), ['FlowDsl', 'ClientLibrary', 'MetadataService', 'MetaflowDatastore', 'ConfigurationService']);
        assert.equal(plain(rows[0].Responsibility), 'Declares the steps of a flow and their order with Python decorators.');
    });
});

describe('docs Markdown', () => {
    let folder: string;

    before(() => {
        folder = writeTempWorkspace('mlarch-docs-escape-', {
            'model.mlarch': `platform Shop "Shop | Platform" {
    description "Sells *things* with <b>bold</b> [links](x) and a pipe |."
    component Api "API" {
        responsibility "Splits | joins
over two lines & \`ticks\`"
        technology "C#"
    }
}
signal refreshed "Refreshed | done" { carries "a|b", "<script>" }
`
        });
    });

    after(() => {
        fs.rmSync(folder, { recursive: true, force: true });
    });

    test('escapes table cells', async () => {
        const generated = await generateDocsForFolder(folder);
        const blocks = generated.get('building-block-view.md') ?? '';
        const rows = readTables(blocks, ['Building block', 'Kind', 'Responsibility', 'Technology']);
        const api = rows.find(row => names(row['Building block'])[0] === 'Api');
        assert.ok(api);
        assert.equal(plain(api.Responsibility), 'Splits | joins over two lines & `ticks`');
        assert.equal(plain(api.Technology), 'C#');
        assert.ok(!blocks.includes('<b>'), 'HTML in the model stays text');
        assert.ok(blocks.includes('Sells \\*things\\* with \\<b\\>bold\\</b\\> \\[links\\](x) and a pipe \\|.'));

        const signals = readTables(generated.get('operational-view.md') ?? '', SIGNAL_HEADER);
        assert.equal(signals.length, 1);
        assert.equal(plain(signals[0].Signal), 'Refreshed | done (refreshed)');
        assert.equal(plain(signals[0].Carries), 'a|b, <script>');
    });

    test('SVG diagrams are written beside Markdown', async () => {
        const out = path.join(folder, 'docs-svg');
        const result = runCli(['docs', folder, '--out', out, '--diagrams', 'svg']);
        assert.equal(result.status, 0, result.stderr);
        for (const view of ['building-blocks', 'lineage']) {
            const svg = fs.readFileSync(path.join(out, 'diagrams', `${view}.svg`), 'utf-8');
            assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
        }
        assert.ok(fs.readFileSync(path.join(out, 'building-block-view.md'), 'utf-8').includes('](diagrams/building-blocks.svg)'));
        assert.ok(fs.readFileSync(path.join(out, 'data-pipeline-view.md'), 'utf-8').includes('](diagrams/lineage.svg)'));
    });

    test('invalid diagram format exits 2', () => {
        const result = runCli(['docs', folder, '--out', path.join(folder, 'x'), '--diagrams', 'png']);
        assert.equal(result.status, 2);
        assert.match(result.stderr, /Allowed choices are mermaid, svg/);
    });
});

describe('docs Mermaid diagrams', () => {
    test('embedded diagrams parse', async () => {
        const dom = new JSDOM('<!doctype html><html><body></body></html>');
        Object.assign(globalThis, { window: dom.window, document: dom.window.document });
        try {
            const mermaid = (await import('mermaid')).default;
            let blocks = 0;
            for (const [name, markdown] of docs) {
                for (const match of markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)) {
                    blocks++;
                    await assert.doesNotReject(mermaid.parse(match[1]), `Mermaid block in ${name}`);
                }
            }
            assert.equal(blocks, 2);
        } finally {
            Reflect.deleteProperty(globalThis, 'window');
            Reflect.deleteProperty(globalThis, 'document');
        }
    });
});

describe('committed Netflix docs', () => {
    test('match generated docs', () => {
        const out = writeTempWorkspace('mlarch-docs-fresh-', {});
        try {
            const result = runCli(['docs', NETFLIX_DIR, '--out', out]);
            assert.equal(result.status, 0, result.stderr);
            const listFiles = (root: string): string[] => fs.readdirSync(root, { recursive: true, withFileTypes: true })
                .filter(entry => entry.isFile())
                .map(entry => path.relative(root, path.join(entry.parentPath, entry.name)))
                .sort();
            const stale = 'examples/netflix/docs is out of date; run `npm run docs` and commit the result';
            assert.deepEqual(listFiles(COMMITTED_DOCS), listFiles(out), stale);
            for (const name of listFiles(out)) {
                assert.equal(fs.readFileSync(path.join(COMMITTED_DOCS, name), 'utf-8'), fs.readFileSync(path.join(out, name), 'utf-8'), `${name}: ${stale}`);
            }
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    test('are not checked as models', async () => {
        const files = await collectMlArchFiles([NETFLIX_DIR]);
        assert.ok(files.every(candidate => !candidate.startsWith(COMMITTED_DOCS)));
    });
});
