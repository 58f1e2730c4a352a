import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import type { ArchitectureGraph } from '../../language/src/graph/graph-model.js';
import { layoutGraph } from '../../language/src/graph/layout.js';
import { renderStandaloneSvg, renderSvg, serializeSvg } from '../../language/src/graph/svg-render.js';
import { collectMlArchFiles, loadWorkspace } from '../../language/src/workspace/load-workspace.js';
import { EXAMPLES_DIR } from './workspace-helpers.js';

/** Parses SVG markup with a real XML parser, failing the test on any error or warning. */
function parseSvg(markup: string): XmlElement {
    const problems: string[] = [];
    const parser = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) });
    const document = parser.parseFromString(markup, 'image/svg+xml');
    assert.deepEqual(problems, []);
    assert.ok(document.documentElement, 'the SVG has a root element');
    return document.documentElement;
}

function descendants(element: XmlElement, tag: string): XmlElement[] {
    return Array.from(element.getElementsByTagName(tag));
}

describe('standalone SVG of the Netflix lineage view', () => {
    let graph: ArchitectureGraph;
    let markup: string;

    before(async () => {
        const workspace = await loadWorkspace(await collectMlArchFiles([path.join(EXAMPLES_DIR, 'netflix')]));
        graph = buildArchitectureGraph(workspace.documents, 'lineage');
        markup = renderStandaloneSvg(await layoutGraph(graph));
    });

    test('is well-formed XML with an SVG root', () => {
        const root = parseSvg(markup);
        assert.equal(root.tagName, 'svg');
        assert.equal(root.getAttribute('xmlns'), 'http://www.w3.org/2000/svg');
        assert.match(root.getAttribute('viewBox') ?? '', /^-?[\d.]+ -?[\d.]+ [\d.]+ [\d.]+$/);
    });

    test('one group per node and edge', () => {
        const groups = descendants(parseSvg(markup), 'g');
        const nodeIds = groups.filter(group => group.hasAttribute('data-id') && /\bnode\b/.test(group.getAttribute('class') ?? ''))
            .map(group => group.getAttribute('data-id'));
        const edges = groups.filter(group => group.hasAttribute('data-kind'))
            .map(group => `${group.getAttribute('data-kind')}:${group.getAttribute('data-source')}->${group.getAttribute('data-target')}`);
        assert.deepEqual(nodeIds.sort(), graph.nodes.map(node => node.id).sort());
        assert.deepEqual(edges.sort(), graph.edges.map(edge => `${edge.kind}:${edge.source}->${edge.target}`).sort());
    });

    test('embeds a print stylesheet without CSS variables', () => {
        const styles = descendants(parseSvg(markup), 'style');
        assert.equal(styles.length, 1);
        const css = styles[0].textContent ?? '';
        assert.match(css, /\.node\.kind-model > \.node-shape \{ fill: #[0-9a-f]{6}; stroke: #[0-9a-f]{6}; \}/);
        assert.doesNotMatch(css, /var\(|color-mix\(/);
    });

    test('back edges have their class', () => {
        const backKinds = new Set(graph.edges.filter(edge => edge.kind === 'feeds' || edge.kind === 'feedback').map(edge => edge.id));
        assert.ok(backKinds.size > 0, 'the Netflix lineage view has feeds or feedback edges');
        const backGroups = descendants(parseSvg(markup), 'g').filter(group => /\bback\b/.test(group.getAttribute('class') ?? ''));
        assert.equal(backGroups.length, backKinds.size);
    });
});

describe('serializeSvg', () => {
    const TRICKY = 'a < b & "c" > \'d\'';

    test('escapes text and attribute values', () => {
        const markup = serializeSvg({
            tag: 'svg',
            attributes: { xmlns: 'http://www.w3.org/2000/svg', 'data-id': TRICKY },
            children: [{ tag: 'text', attributes: { x: '0', y: '0' }, children: [], text: TRICKY }]
        });
        assert.ok(markup.includes('data-id="a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;"'), markup);
        assert.ok(markup.includes('>a &lt; b &amp; "c" &gt; \'d\'</text>'), markup);

        const root = parseSvg(markup);
        assert.equal(root.getAttribute('data-id'), TRICKY);
        assert.equal(descendants(root, 'text')[0].textContent, TRICKY);
    });

    test('keeps line breaks in attribute values', () => {
        const root = parseSvg(serializeSvg({ tag: 'svg', attributes: { 'aria-label': 'one\ntwo' }, children: [] }));
        assert.equal(root.getAttribute('aria-label'), 'one\ntwo');
    });

    test('rejects element names that are not names', () => {
        assert.throws(() => serializeSvg({ tag: 'g onload=x', attributes: {}, children: [] }), /Invalid SVG element or attribute name/);
    });

    test('model text stays text in a rendered graph', async () => {
        const payload = '</svg><script>alert(1)</script> & "quoted"';
        const graph: ArchitectureGraph = {
            view: 'lineage',
            nodes: [
                { id: 'Raw', kind: 'stream', label: payload, details: { technology: payload }, column: 0 },
                { id: 'Ranker', kind: 'model', label: 'Ranker', details: { version: payload, status: 'production' }, column: 3 }
            ],
            edges: [{ id: 'trains:Raw->Ranker', source: 'Raw', target: 'Ranker', kind: 'trains', label: payload }]
        };
        const markup = serializeSvg(renderSvg(await layoutGraph(graph), { palette: 'print' }));
        const root = parseSvg(markup);

        assert.equal(descendants(root, 'script').length, 0);
        const tooltips = descendants(root, 'title').map(title => title.textContent ?? '');
        assert.ok(tooltips.some(tooltip => tooltip.startsWith(`${payload} (`)), 'the label is a tooltip, unchanged');
        assert.ok(!markup.includes('<script>'), 'no script tag in the markup');
    });
});
