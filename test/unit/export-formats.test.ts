/**
 * The export formats of a view, each checked with an independent reader: JSON against
 * schemas/graph.schema.json with Ajv, Mermaid with the mermaid package's own parser (under
 * jsdom, because mermaid needs a DOM), DOT with ts-graphviz's parser, PNG with pngjs.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { JSDOM } from 'jsdom';
import { PNG } from 'pngjs';
import { fromDot, type RootGraphModel, type SubgraphModel } from 'ts-graphviz';
import { quoteDot, toDot } from '../../language/src/export/dot.js';
import { formatFromFileName } from '../../language/src/export/export-format.js';
import { toGraphJson } from '../../language/src/export/graph-json.js';
import { escapeMermaidText, toMermaid } from '../../language/src/export/mermaid.js';
import { nodeCaption } from '../../language/src/export/node-caption.js';
import { renderPng } from '../../language/src/export/png.js';
import type { ArchitectureGraph, GraphNode } from '../../language/src/graph/graph-model.js';
import { layoutGraph } from '../../language/src/graph/layout.js';
import { renderStandaloneSvg } from '../../language/src/graph/svg-render.js';
import { ALL_VIEWS, NETFLIX_DIR, netflixGraph, runCli, writeTempWorkspace } from './export-helpers.js';
import { REPO_ROOT } from './workspace-helpers.js';

/** Node ids, labels and edge labels with characters that Mermaid, DOT, XML or Markdown treat specially. */
const HOSTILE_GRAPH: ArchitectureGraph = {
    view: 'building-blocks',
    nodes: [
        { id: 'Shop', kind: 'platform', label: 'Shop [x] (y) {z}', details: {} },
        { id: 'end', kind: 'component', label: 'a "quoted" #1 <b>bold</b> | pipe; `tick` & amp', parent: 'Shop', details: {} },
        { id: 'graph', kind: 'model', label: 'line one\nline two', parent: 'Shop', details: { version: 'v"2"', serving: ['realtime'] } },
        { id: 'Shop.o', kind: 'group', label: 'o', parent: 'Shop', details: {} },
        { id: 'style', kind: 'job', label: 'back\\slash \\n', parent: 'Shop.o', details: { state: 'stateful', mode: 'streaming' } },
        { id: 'Shop_o', kind: 'datastore', label: 'x-->y', details: {} }
    ],
    edges: [
        { id: 'e1', source: 'end', target: 'graph', kind: 'uses', label: 'say "hi" | #tag <i>' },
        { id: 'e2', source: 'graph', target: 'Shop.o', kind: 'depends' },
        { id: 'e3', source: 'style', target: 'end', kind: 'feedback' },
        { id: 'e4', source: 'Shop_o', target: 'Shop', kind: 'store' },
        { id: 'e5', source: 'style', target: 'Shop.o', kind: 'uses' }
    ]
};

describe('export format from file name', () => {
    const cases: Array<[string, string | undefined]> = [
        ['a.svg', 'svg'], ['A.PNG', 'png'], ['g.json', 'json'], ['g.mmd', 'mermaid'], ['g.mermaid', 'mermaid'],
        ['g.dot', 'dot'], ['g.gv', 'dot'], ['g.txt', undefined], ['svg', undefined]
    ];
    for (const [file, format] of cases) {
        test(`${file} is ${format ?? 'unknown'}`, () => {
            assert.equal(formatFromFileName(file), format);
        });
    }
});

describe('JSON export', () => {
    let validate: (document: unknown) => boolean;
    let errors: () => string;

    before(() => {
        const ajv = new Ajv({ allErrors: true, strict: true });
        const validator = ajv.compile(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'graph.schema.json'), 'utf-8')));
        validate = document => validator(document) as boolean;
        errors = () => ajv.errorsText(validator.errors);
    });

    for (const view of ALL_VIEWS) {
        test(`${view} view validates against schema`, async () => {
            const graph = await netflixGraph(view);
            const document = JSON.parse(toGraphJson(graph, { baseFolder: NETFLIX_DIR }));
            assert.ok(validate(document), errors());
            assert.equal(document.view, view);
            assert.equal(document.nodes.length, graph.nodes.length);
            assert.equal(document.edges.length, graph.edges.length);
        });
    }

    test('source paths are relative to folder', async () => {
        const document = JSON.parse(toGraphJson(await netflixGraph('building-blocks'), { baseFolder: NETFLIX_DIR }));
        const model = document.nodes.find((node: GraphNode) => node.id === 'RecommendationEnsemble');
        assert.equal(model.source.path, 'models.mlarch');
        assert.match(model.source.uri, /^file:\/\/.*\/models\.mlarch$/);
        assert.equal(model.details.version, 'v12.4');
        assert.deepEqual(model.details.serving, ['realtime', 'batch']);
    });

    test('schema rejects unknown kind', async () => {
        const document = JSON.parse(toGraphJson(await netflixGraph('lineage')));
        document.nodes[0].kind = 'service';
        assert.equal(validate(document), false);
    });

    test('CLI writes JSON by extension', () => {
        const folder = writeTempWorkspace('mlarch-export-json-', {});
        try {
            const out = path.join(folder, 'lineage.json');
            const result = runCli(['export', NETFLIX_DIR, '--view', 'lineage', '--out', out]);
            assert.equal(result.status, 0, result.stderr);
            const document = JSON.parse(fs.readFileSync(out, 'utf-8'));
            assert.ok(validate(document), errors());
            assert.equal(document.nodes.find((node: GraphNode) => node.id === 'SearchRanking').source.path, 'models.mlarch');
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });
});

/** The parts of mermaid 12.3's flowchart database that the tests read. */
interface FlowchartDb {
    getVertices(): Map<string, { id: string; text: string }>;
    getEdges(): Array<{ start: string; end: string; text: string; stroke: string }>;
    getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>;
}

interface MermaidApi {
    parse(text: string): Promise<unknown>;
    mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowchartDb }> };
}

describe('Mermaid export', () => {
    let mermaid: MermaidApi;

    before(async () => {
        const dom = new JSDOM('<!doctype html><html><body></body></html>');
        Object.assign(globalThis, { window: dom.window, document: dom.window.document });
        mermaid = (await import('mermaid')).default as unknown as MermaidApi;
    });

    after(() => {
        Reflect.deleteProperty(globalThis, 'window');
        Reflect.deleteProperty(globalThis, 'document');
    });

    /**
     * Mermaid 12.3 keeps a `#code;` character reference in its database as a placeholder
     * (`ﬂ°°code¶ß`, or `ﬂ°name¶ß` for named ones) and turns it into the character when it draws.
     * This decodes the placeholders the same way.
     */
    function decode(text: string): string {
        const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
        return text
            .replace(/<br\/>/g, '<br>')
            .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
            .replace(/ﬂ°(\w+)¶ß/g, (_, name: string) => named[name] ?? `&${name};`);
    }

    async function flowchart(graph: ArchitectureGraph): Promise<FlowchartDb> {
        const text = toMermaid(graph);
        await mermaid.parse(text);
        return (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
    }

    for (const view of ALL_VIEWS) {
        test(`${view} view parses with mermaid`, async () => {
            const graph = await netflixGraph(view);
            const db = await flowchart(graph);
            const parents = new Set(graph.nodes.map(node => node.parent).filter(parent => parent !== undefined));
            const subgraphs = db.getSubGraphs();
            assert.equal(subgraphs.length, graph.nodes.filter(node => parents.has(node.id)).length, 'one subgraph per compound node');
            const leaves = graph.nodes.filter(node => !parents.has(node.id));
            const vertices = db.getVertices();
            for (const leaf of leaves) {
                const vertex = [...vertices.values()].find(candidate => decode(candidate.text).startsWith(`${leaf.label}<br>`));
                assert.ok(vertex, `vertex of ${leaf.id}`);
            }
            assert.equal(db.getEdges().length, graph.edges.length);
        });
    }

    test('rejects broken flowchart', async () => {
        await assert.rejects(mermaid.parse('flowchart LR\n    a["x"] --> b["y'));
    });

    test('escapes hostile labels', async () => {
        const db = await flowchart(HOSTILE_GRAPH);
        const labels = [...db.getVertices().values()].map(vertex => decode(vertex.text));
        const subgraphTitles = db.getSubGraphs().map(subgraph => decode(subgraph.title));
        for (const node of HOSTILE_GRAPH.nodes) {
            const expected = `${node.label.replace(/\n/g, ' ')}<br><small>${nodeCaption(node)}</small>`;
            assert.ok(labels.includes(expected) || subgraphTitles.includes(expected), `label of ${node.id}: ${expected}`);
        }
        const edgeLabel = db.getEdges().find(edge => edge.text !== '');
        assert.equal(decode(edgeLabel?.text ?? ''), 'say "hi" | #tag <i>');
    });

    test('keeps nesting and unique ids', async () => {
        const db = await flowchart(HOSTILE_GRAPH);
        const subgraphs = db.getSubGraphs();
        const ids = subgraphs.map(subgraph => subgraph.id).sort();
        assert.deepEqual(ids, ['Shop', 'Shop_o'].sort());
        const group = subgraphs.find(subgraph => subgraph.id === 'Shop_o');
        assert.deepEqual(group?.nodes, ['n_style']);
        assert.ok(db.getVertices().has('n_end'), 'reserved id end gets a prefix');
        assert.ok(db.getVertices().has('n_graph'), 'reserved id graph gets a prefix');
        assert.ok(db.getVertices().has('Shop_o_2'), 'colliding id gets a suffix');
        assert.equal(db.getEdges().length, HOSTILE_GRAPH.edges.length);
    });

    test('escape replaces specials', () => {
        assert.equal(escapeMermaidText('a"b#c&d<e>f`g\nh'), 'a#34;b#35;c#38;d#60;e#62;f#96;g h');
    });
});

describe('DOT export', () => {
    function parsed(graph: ArchitectureGraph): RootGraphModel {
        return fromDot(toDot(graph));
    }

    function clusters(parent: RootGraphModel | SubgraphModel): SubgraphModel[] {
        return parent.subgraphs.flatMap(subgraph => [subgraph, ...clusters(subgraph)]);
    }

    function nodeIds(parent: RootGraphModel | SubgraphModel): string[] {
        return [...parent.nodes.map(node => node.id), ...parent.subgraphs.flatMap(nodeIds)];
    }

    for (const view of ALL_VIEWS) {
        test(`${view} view parses with ts-graphviz`, async () => {
            const graph = await netflixGraph(view);
            const dot = parsed(graph);
            assert.deepEqual(nodeIds(dot).sort(), graph.nodes.map(node => node.id).sort());
            const parents = new Set(graph.nodes.map(node => node.parent).filter(parent => parent !== undefined));
            assert.equal(clusters(dot).length, parents.size);
            assert.equal(dot.edges.length, graph.edges.length);
        });
    }

    test('rejects broken graph', () => {
        assert.throws(() => fromDot('digraph { "a" -> }'));
    });

    test('escapes hostile ids and labels', () => {
        const dot = parsed(HOSTILE_GRAPH);
        assert.deepEqual(nodeIds(dot).sort(), HOSTILE_GRAPH.nodes.map(node => node.id).sort());
        const style = clusters(dot).flatMap(cluster => cluster.nodes).find(node => node.id === 'style');
        // ts-graphviz turns \" into " and leaves the other escape sequences, as Graphviz reads them in labels.
        const expected = quoteDot(`back\\slash \\n\n${nodeCaption(HOSTILE_GRAPH.nodes[4])}`).slice(1, -1).replace(/\\"/g, '"');
        assert.equal(style?.attributes.get('label'), expected);
        const labelled = dot.edges.find(edge => edge.attributes.get('label') !== undefined);
        assert.equal(labelled?.attributes.get('label'), 'say "hi" | #tag <i>');
    });

    test('edges to compound nodes clip at cluster', () => {
        const dot = parsed(HOSTILE_GRAPH);
        const toGroup = dot.edges.filter(edge => edge.targets.some(target => 'id' in target && target.id === 'Shop.o'));
        const fromOutside = toGroup.find(edge => edge.targets.some(target => 'id' in target && target.id === 'graph'));
        const fromInside = toGroup.find(edge => edge.targets.some(target => 'id' in target && target.id === 'style'));
        assert.equal(fromOutside?.attributes.get('lhead'), 'cluster_Shop.o');
        assert.equal(fromInside?.attributes.get('lhead'), undefined, 'an edge from inside the cluster stays at the anchor');
    });
});

describe('PNG export', () => {
    let folder: string;

    before(() => {
        folder = writeTempWorkspace('mlarch-export-png-', {});
    });

    after(() => {
        fs.rmSync(folder, { recursive: true, force: true });
    });

    function svgSize(svg: string): { width: number; height: number } {
        const match = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
        assert.ok(match, 'width and height of the SVG');
        return { width: Number(match[1]), height: Number(match[2]) };
    }

    /** Counts the pixels that differ from opaque white. */
    function inkedPixels(png: PNG): number {
        let count = 0;
        for (let index = 0; index < png.data.length; index += 4) {
            if (png.data[index] < 250 || png.data[index + 1] < 250 || png.data[index + 2] < 250) {
                count++;
            }
        }
        return count;
    }

    test('CLI writes PNG of SVG size', () => {
        const svgFile = path.join(folder, 'lineage.svg');
        const pngFile = path.join(folder, 'lineage.png');
        assert.equal(runCli(['export', NETFLIX_DIR, '--view', 'lineage', '--out', svgFile]).status, 0);
        const result = runCli(['export', NETFLIX_DIR, '--view', 'lineage', '--out', pngFile, '--scale', '1']);
        assert.equal(result.status, 0, result.stderr);

        const png = PNG.sync.read(fs.readFileSync(pngFile));
        assert.deepEqual({ width: png.width, height: png.height }, svgSize(fs.readFileSync(svgFile, 'utf-8')));
        const inked = inkedPixels(png);
        assert.ok(inked > png.width * png.height * 0.02, `${inked} of ${png.width * png.height} pixels are not white`);
    });

    test('default scale doubles size', async () => {
        const svg = renderStandaloneSvg(await layoutGraph(await netflixGraph('building-blocks')));
        const image = await renderPng(svg);
        const size = svgSize(svg);
        assert.deepEqual({ width: image.width, height: image.height }, { width: size.width * 2, height: size.height * 2 });
        const png = PNG.sync.read(image.png);
        assert.deepEqual({ width: png.width, height: png.height }, { width: image.width, height: image.height });
    });

    test('PNG shows text', async () => {
        const svg = renderStandaloneSvg(await layoutGraph(await netflixGraph('lineage')));
        const withText = PNG.sync.read((await renderPng(svg, { scale: 1 })).png);
        const withoutText = PNG.sync.read((await renderPng(svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, ''), { scale: 1 })).png);
        let textPixels = 0;
        for (let index = 0; index < withText.data.length; index += 4) {
            if (withText.data.readUInt32BE(index) !== withoutText.data.readUInt32BE(index)) {
                textPixels++;
            }
        }
        // Every node has a caption and a title, so text covers far more than a few thousand pixels.
        assert.ok(textPixels > 20_000, `text changes ${textPixels} pixels`);
    });

    test('PNG to standard output is rejected', () => {
        const result = runCli(['export', NETFLIX_DIR, '--view', 'lineage', '--out', '-', '--format', 'png']);
        assert.equal(result.status, 2);
        assert.match(result.stderr, /PNG cannot be written to standard output/);
    });

    test('invalid scale is rejected', async () => {
        await assert.rejects(renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', { scale: 0 }), /Invalid PNG scale 0/);
        assert.equal(runCli(['export', NETFLIX_DIR, '--view', 'lineage', '--out', 'x.png', '--scale', '0']).status, 2);
    });

    test('missing font file is rejected', async () => {
        await assert.rejects(renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', { fontFiles: ['/no/such/font.ttf'] }), /Font file not found: \/no\/such\/font\.ttf/);
    });
});

describe('export command', () => {
    test('SVG matches preview renderer', async () => {
        const folder = writeTempWorkspace('mlarch-export-svg-', {});
        try {
            const out = path.join(folder, 'bb.svg');
            assert.equal(runCli(['export', NETFLIX_DIR, '--view', 'building-blocks', '--out', out]).status, 0);
            const expected = renderStandaloneSvg(await layoutGraph(await netflixGraph('building-blocks')));
            assert.equal(fs.readFileSync(out, 'utf-8'), expected);
        } finally {
            fs.rmSync(folder, { recursive: true, force: true });
        }
    });

    test('writes model and workflow views', () => {
        const model = runCli(['export', NETFLIX_DIR, '--view', 'model:RecommendationEnsemble:1', '--out', '-', '--format', 'json']);
        assert.equal(model.status, 0, model.stderr);
        const modelGraph = JSON.parse(model.stdout) as { view: string; nodes: Array<{ id: string }> };
        assert.equal(modelGraph.view, 'model-dependencies');
        assert.ok(modelGraph.nodes.some(node => node.id === 'RecommendationEnsemble'));

        const workflow = runCli(['export', NETFLIX_DIR, '--view', 'workflow:rec_model_training', '--out', '-', '--format', 'json']);
        assert.equal(workflow.status, 0, workflow.stderr);
        const workflowGraph = JSON.parse(workflow.stdout) as { view: string; nodes: Array<{ id: string }> };
        assert.equal(workflowGraph.view, 'workflows');
        assert.ok(workflowGraph.nodes.some(node => node.id === 'rec_model_training'));
    });

    test('writes text formats to standard output', () => {
        const result = runCli(['export', NETFLIX_DIR, '--view', 'lineage', '--out', '-', '--format', 'dot']);
        assert.equal(result.status, 0, result.stderr);
        assert.match(result.stdout, /^digraph "MLArch lineage view" \{/);
    });

    const usageErrors: Array<[string, string[], RegExp]> = [
        ['unknown view', ['--view', 'deployment', '--out', 'x.svg'], /Unknown view 'deployment'\. Use one of: building-blocks, lineage, model:<name>/],
        ['unknown model', ['--view', 'model:Nope', '--out', 'x.svg'], /No model named 'Nope'/],
        ['unknown extension', ['--view', 'lineage', '--out', 'x.txt'], /Cannot tell the format of 'x\.txt'/],
        ['unknown format', ['--view', 'lineage', '--out', 'x.svg', '--format', 'pdf'], /Allowed choices are svg, png, json, mermaid, dot/]
    ];
    for (const [name, args, message] of usageErrors) {
        test(`${name} exits 2`, () => {
            const result = runCli(['export', NETFLIX_DIR, ...args]);
            assert.equal(result.status, 2, result.stdout + result.stderr);
            assert.match(result.stderr, message);
        });
    }
});
