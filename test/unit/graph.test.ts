import { describe, test, before } from 'node:test';
import * as assert from 'node:assert/strict';
import { AstUtils, type AstNode } from 'langium';
import {
    isElement, isExperiment, isFeatureGroup, isModel, isSignal, type Element, type FeatureGroup
} from '../../language/src/generated/ast.js';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import type { ArchitectureGraph, ElementKind } from '../../language/src/graph/graph-model.js';
import { buildWorkspace, readExample, type TestWorkspace } from './workspace-helpers.js';

type Named = Element | FeatureGroup;

function isNamed(node: AstNode | undefined): node is Named {
    return isElement(node) || isFeatureGroup(node);
}

/** Returns the qualified name, computed from the containment so that the test does not reuse the code under test. */
function qualifiedName(node: Named): string {
    const names = [node.name];
    for (let container: AstNode | undefined = node.$container; container; container = container.$container) {
        if (isNamed(container)) {
            names.unshift(container.name);
        }
    }
    return names.join('.');
}

function allElements(workspace: TestWorkspace): Named[] {
    return [...workspace.documents.values()].flatMap(document =>
        AstUtils.streamAllContents(document.parseResult.value).filter(isNamed).toArray());
}

function buildGraph(workspace: TestWorkspace, view: 'building-blocks' | 'lineage'): ArchitectureGraph {
    return buildArchitectureGraph(workspace.services.shared.workspace.LangiumDocuments.all, view);
}

function assertNoDanglingEdges(graph: ArchitectureGraph): void {
    const ids = new Set(graph.nodes.map(node => node.id));
    for (const edge of graph.edges) {
        assert.ok(ids.has(edge.source), `edge ${edge.id} starts at a missing node`);
        assert.ok(ids.has(edge.target), `edge ${edge.id} ends at a missing node`);
    }
    assert.equal(new Set(graph.edges.map(edge => edge.id)).size, graph.edges.length, 'edge ids are not unique');
}

function hasEdge(graph: ArchitectureGraph, kind: string, source: string, target: string): boolean {
    return graph.edges.some(edge => edge.kind === kind && edge.source === source && edge.target === target);
}

/** Lineage columns as lineage-view.ts documents them: sources, processing, data, models, serving, consumers. */
const LINEAGE_COLUMN_BY_KIND: Partial<Record<ElementKind, number>> = {
    datastore: 0,
    stream: 0,
    job: 1,
    workflow: 1,
    dataset: 2,
    featuregroup: 2,
    model: 3,
    endpoint: 4,
    experiment: 4,
    component: 5
};

describe('graph of examples/netflix', () => {
    let workspace: TestWorkspace;
    let elements: Named[];

    before(async () => {
        workspace = await buildWorkspace(readExample('netflix'));
        elements = allElements(workspace);
    });

    test('building blocks has all but signals', () => {
        const graph = buildGraph(workspace, 'building-blocks');
        assert.equal(graph.view, 'building-blocks');
        const expected = elements.filter(element => !isSignal(element)).map(qualifiedName).sort();
        assert.deepEqual(graph.nodes.map(node => node.id).sort(), expected);
        assert.ok(elements.some(isSignal), 'netflix declares no signal, so the exclusion is not tested');
        assert.deepEqual(graph.nodes.filter(node => node.kind === 'signal'), []);
    });

    test('building blocks parents', () => {
        const graph = buildGraph(workspace, 'building-blocks');
        const ids = new Set(graph.nodes.map(node => node.id));
        const byId = new Map(elements.map(element => [qualifiedName(element), element]));
        for (const node of graph.nodes) {
            const element = byId.get(node.id);
            assert.ok(element, `node ${node.id} is no element`);
            let expectedParent: string | undefined;
            const container = AstUtils.getContainerOfType(element.$container, isNamed);
            if (container) {
                expectedParent = qualifiedName(container);
            } else if ('container' in element && element.container?.ref) {
                expectedParent = qualifiedName(element.container.ref);
            }
            assert.equal(node.parent, expectedParent, `parent of ${node.id}`);
            if (node.parent) {
                assert.ok(ids.has(node.parent), `parent ${node.parent} of ${node.id} is no node`);
            }
        }
        assert.ok(graph.nodes.some(node => node.parent === 'Netflix.StorageLayer.Storage'), 'no element is placed with `in`');
    });

    test('building blocks edges', () => {
        const graph = buildGraph(workspace, 'building-blocks');
        assert.ok(graph.edges.length > 0, 'building-block view has no edges');
        assertNoDanglingEdges(graph);
    });

    test('lineage columns', () => {
        const graph = buildGraph(workspace, 'lineage');
        assert.equal(graph.view, 'lineage');
        for (const node of graph.nodes) {
            assert.equal(node.column, LINEAGE_COLUMN_BY_KIND[node.kind], `column of ${node.kind} ${node.id}`);
        }
        const columns = [...new Set(graph.nodes.map(node => node.column))].sort();
        assert.deepEqual(columns, [0, 1, 2, 3, 4, 5]);
    });

    test('lineage has every model', () => {
        const graph = buildGraph(workspace, 'lineage');
        const models = elements.filter(isModel).map(qualifiedName).sort();
        assert.ok(models.length > 0);
        const modelNodes = graph.nodes.filter(node => node.kind === 'model').map(node => node.id).sort();
        assert.deepEqual(modelNodes, models);
    });

    test('lineage experiment and feeds edges', () => {
        const graph = buildGraph(workspace, 'lineage');
        const experiments = elements.filter(isExperiment);
        assert.ok(experiments.some(experiment => experiment.feeds.length > 0), 'netflix has no experiment with feeds');
        for (const experiment of experiments) {
            const id = qualifiedName(experiment);
            for (const variant of experiment.variants) {
                const model = qualifiedName(variant.model.ref!);
                assert.ok(hasEdge(graph, 'experiment', model, id), `experiment edge ${model} -> ${id}`);
            }
            for (const ref of experiment.feeds) {
                const target = qualifiedName(ref.ref as Named);
                assert.ok(hasEdge(graph, 'feeds', id, target), `feeds edge ${id} -> ${target}`);
            }
        }
    });

    test('lineage feedback edges', () => {
        const graph = buildGraph(workspace, 'lineage');
        const feedback = elements.flatMap(element => 'relations' in element
            ? element.relations.filter(relation => relation.kind === 'feedback').map(relation => ({ element, relation }))
            : []);
        assert.ok(feedback.length > 0, 'netflix has no feedback relation');
        for (const { element, relation } of feedback) {
            const source = qualifiedName(element);
            const target = qualifiedName(relation.target.ref as Named);
            assert.ok(hasEdge(graph, 'feedback', source, target), `feedback edge ${source} -> ${target}`);
        }
    });

    test('lineage edges', () => {
        assertNoDanglingEdges(buildGraph(workspace, 'lineage'));
    });
});

describe('graph of incomplete input', () => {
    test('graph with incomplete relation', async () => {
        // Typing `feedback ` leaves a relation without a target until the name is written.
        const workspace = await buildWorkspace({ 'main.mlarch': 'component Web {\n    feedback\n}\n' });
        for (const view of ['building-blocks', 'lineage'] as const) {
            const graph = buildGraph(workspace, view);
            assert.deepEqual(graph.nodes.map(node => node.id), ['Web'], view);
        }
    });

    test('graph with incomplete variant', async () => {
        const workspace = await buildWorkspace({ 'main.mlarch': 'model M { }\nexperiment X {\n    variant v model\n}\n' });
        for (const view of ['building-blocks', 'lineage'] as const) {
            const graph = buildGraph(workspace, view);
            assert.deepEqual(graph.nodes.map(node => node.id).sort(), ['M', 'X'], view);
        }
    });
});
