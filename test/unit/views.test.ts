/**
 * The model-dependency and workflow views on examples/netflix, the element-at lookup that the
 * preview's editor sync uses, and the diagnostics that the server attaches to graph nodes.
 */
import * as assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { AstUtils } from 'langium';
import { isSignal, isStep, isWorkflow, type Step, type Workflow } from '../../language/src/generated/ast.js';
import { elementAt } from '../../language/src/graph/element-at.js';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import { attachDiagnostics } from '../../language/src/graph/graph-diagnostics.js';
import type { ArchitectureGraph, ViewKind, ViewParameters } from '../../language/src/graph/graph-model.js';
import { buildWorkspace, readExample, type TestWorkspace } from './workspace-helpers.js';

function buildGraph(workspace: TestWorkspace, view: ViewKind, parameters: ViewParameters = {}): ArchitectureGraph {
    return buildArchitectureGraph(workspace.services.shared.workspace.LangiumDocuments.all, view, parameters);
}

function hasEdge(graph: ArchitectureGraph, kind: string, source: string, target: string): boolean {
    return graph.edges.some(edge => edge.kind === kind && edge.source === source && edge.target === target);
}

function assertNoDanglingEdges(graph: ArchitectureGraph): void {
    const ids = new Set(graph.nodes.map(node => node.id));
    for (const edge of graph.edges) {
        assert.ok(ids.has(edge.source), `edge ${edge.id} starts at a missing node`);
        assert.ok(ids.has(edge.target), `edge ${edge.id} ends at a missing node`);
    }
}

function ids(graph: ArchitectureGraph): Set<string> {
    return new Set(graph.nodes.map(node => node.id));
}

/** Direct neighbours of RecommendationEnsemble in examples/netflix/models.mlarch and serving.mlarch. */
const ENSEMBLE_UPSTREAM = [
    'RecTrainingExamples',
    'Amber.MemberBehavioralFeatures',
    'Amber.ContentFeatures',
    'Amber.ContextualFeatures',
    'Amber.MemberContentInteractionFeatures',
    'rec_model_training',
    'ContentEmbeddingModel'
];
const ENSEMBLE_DOWNSTREAM = ['RecommendationsEndpoint', 'BatchPredictions', 'RecEnsembleAbTest'];

describe('model dependency view of examples/netflix', () => {
    let workspace: TestWorkspace;

    before(async () => {
        workspace = await buildWorkspace(readExample('netflix'));
    });

    test('one hop shows direct neighbours', () => {
        const graph = buildGraph(workspace, 'model-dependencies', { model: 'RecommendationEnsemble', hops: 1 });
        assert.equal(graph.view, 'model-dependencies');
        assert.equal(graph.focus, 'RecommendationEnsemble');
        assert.deepEqual(graph.parameters, { model: 'RecommendationEnsemble', hops: 1 });
        assert.deepEqual([...ids(graph)].sort(), ['RecommendationEnsemble', ...ENSEMBLE_UPSTREAM, ...ENSEMBLE_DOWNSTREAM].sort());
        assert.ok(hasEdge(graph, 'trains', 'RecTrainingExamples', 'RecommendationEnsemble'));
        assert.ok(hasEdge(graph, 'serves', 'RecommendationEnsemble', 'RecommendationsEndpoint'));
        assert.ok(hasEdge(graph, 'depends', 'ContentEmbeddingModel', 'RecommendationEnsemble'));
        assert.ok(hasEdge(graph, 'feeds', 'RecEnsembleAbTest', 'RecommendationEnsemble'), 'the back edge between shown nodes is drawn');
        assertNoDanglingEdges(graph);
    });

    test('two hops add second neighbours', () => {
        const one = buildGraph(workspace, 'model-dependencies', { model: 'RecommendationEnsemble', hops: 1 });
        const two = buildGraph(workspace, 'model-dependencies', { model: 'RecommendationEnsemble', hops: 2 });
        for (const id of ids(one)) {
            assert.ok(ids(two).has(id), `${id} is within one hop, so within two`);
        }
        // Upstream of upstream: the job that writes the training examples and the store they live in.
        assert.ok(ids(two).has('TrainingDataPreparation'));
        assert.ok(ids(two).has('S3'));
        // Downstream of downstream: the components that call the endpoint.
        assert.ok(ids(two).has('Netflix.ProductServices.HomepageService'));
        assert.ok(hasEdge(two, 'consumer', 'RecommendationsEndpoint', 'Netflix.ProductServices.HomepageService'));
        assertNoDanglingEdges(two);
    });

    test('two hops leave out siblings', () => {
        // SearchRanking shares no lineage path with the ensemble, and PersonalizationModels only
        // shares upstream feature groups with it: downstream of upstream is not a dependency.
        const graph = buildGraph(workspace, 'model-dependencies', { model: 'RecommendationEnsemble', hops: 2 });
        assert.ok(!ids(graph).has('SearchRanking'));
        assert.ok(!ids(graph).has('PersonalizationModels'));
    });

    test('nodes carry lineage columns', () => {
        const graph = buildGraph(workspace, 'model-dependencies', { model: 'RecommendationEnsemble' });
        assert.equal(graph.parameters?.hops, 2, 'two hops by default');
        for (const node of graph.nodes) {
            assert.equal(typeof node.column, 'number', `${node.id} has a column`);
        }
        assert.equal(graph.nodes.find(node => node.id === 'RecommendationEnsemble')?.column, 3);
    });

    test('lists every model as a choice', () => {
        const graph = buildGraph(workspace, 'model-dependencies', { model: 'SearchRanking' });
        for (const model of ['RecommendationEnsemble', 'ContentEmbeddingModel', 'PersonalizationModels', 'SearchRanking']) {
            assert.ok(graph.parameterChoices?.includes(model), `${model} is a choice`);
        }
    });

    test('without a model shows the first', () => {
        const graph = buildGraph(workspace, 'model-dependencies');
        assert.ok(graph.focus, 'a model is chosen');
        assert.equal(graph.focus, graph.parameterChoices?.[0]);
    });

    test('unknown model is an error', () => {
        assert.throws(() => buildGraph(workspace, 'model-dependencies', { model: 'NoSuchModel' }), /No model named 'NoSuchModel'/);
    });

    test('invalid hop count is an error', () => {
        assert.throws(() => buildGraph(workspace, 'model-dependencies', { model: 'RecommendationEnsemble', hops: 0 }), /Invalid hop count 0/);
    });
});

describe('workflow view of examples/netflix', () => {
    let workspace: TestWorkspace;
    let workflows: Workflow[];
    let graph: ArchitectureGraph;

    before(async () => {
        workspace = await buildWorkspace(readExample('netflix'));
        workflows = [...workspace.documents.values()]
            .flatMap(document => AstUtils.streamAllContents(document.parseResult.value).filter(isWorkflow).toArray());
        graph = buildGraph(workspace, 'workflows');
    });

    test('every workflow step is a child', () => {
        assert.ok(workflows.length >= 10, `expected the Netflix example to declare at least 10 workflows, found ${workflows.length}`);
        const nodes = new Map(graph.nodes.map(node => [node.id, node]));
        for (const workflow of workflows) {
            assert.equal(nodes.get(workflow.name)?.kind, 'workflow', `${workflow.name} is a workflow node`);
            for (const step of workflow.steps) {
                const node = nodes.get(`${workflow.name}.${step.name}`);
                assert.ok(node, `step ${workflow.name}.${step.name} is drawn`);
                assert.equal(node.kind, 'step');
                assert.equal(node.parent, workflow.name);
            }
        }
    });

    test('step order becomes next edges', () => {
        for (const workflow of workflows) {
            for (const step of workflow.steps) {
                for (const next of step.next) {
                    assert.ok(hasEdge(graph, 'next', `${workflow.name}.${step.name}`, `${workflow.name}.${next.ref!.name}`),
                        `${workflow.name}: ${step.name} -> ${next.ref!.name}`);
                }
            }
        }
        assert.ok(hasEdge(graph, 'next', 'rec_canary_deploy.analyze_rec_canary', 'rec_canary_deploy.rec_canary_rollback'), 'a branch of the DAG');
    });

    test('signals link emitter to subscriber', () => {
        // feature_engineering_daily's last step emits features_ready, which starts three training workflows.
        assert.equal(graph.nodes.find(node => node.id === 'features_ready')?.kind, 'signal');
        assert.ok(hasEdge(graph, 'emits', 'feature_engineering_daily.validate_feature_distributions', 'features_ready'));
        for (const subscriber of ['rec_model_training', 'search_model_training', 'personalization_model_training']) {
            assert.ok(hasEdge(graph, 'signal', 'features_ready', subscriber), `features_ready starts ${subscriber}`);
        }
        // Two workflows emit model_trained, one starts on it.
        assert.ok(hasEdge(graph, 'emits', 'rec_model_training.evaluate_offline_metrics', 'model_trained'));
        assert.ok(hasEdge(graph, 'emits', 'search_model_training.evaluate_search_ranker', 'model_trained'));
        assert.ok(hasEdge(graph, 'signal', 'model_trained', 'search_canary_deploy'));
    });

    test('every signal a workflow uses appears', () => {
        const signalNodes = new Set(graph.nodes.filter(node => node.kind === 'signal').map(node => node.id));
        for (const workflow of workflows) {
            for (const trigger of workflow.triggers) {
                if (isSignal(trigger.signal?.ref)) {
                    assert.ok(signalNodes.has(trigger.signal.ref.name), `${workflow.name} starts on ${trigger.signal.ref.name}`);
                    assert.ok(hasEdge(graph, 'signal', trigger.signal.ref.name, workflow.name));
                }
            }
            const emitted = [...workflow.emits, ...workflow.steps.flatMap((step: Step) => step.emits)];
            for (const signal of emitted) {
                assert.ok(signalNodes.has(signal.ref!.name), `${workflow.name} emits ${signal.ref!.name}`);
            }
        }
    });

    test('after triggers and runs become edges', () => {
        assert.ok(hasEdge(graph, 'after', 'rec_model_training', 'rec_model_validation'));
        assert.ok(hasEdge(graph, 'runs', 'drift_retraining.retrain_recommendations', 'rec_model_training'));
    });

    test('signal emitters outside workflows appear', () => {
        // Drift monitors emit drift_detected, which starts drift_retraining. Their direct
        // `triggers` relation would repeat that path, so it is not drawn as well.
        const monitors = graph.nodes.filter(node => node.kind === 'monitor');
        assert.ok(monitors.length > 0, 'the drift monitors are drawn');
        for (const monitor of monitors) {
            assert.ok(hasEdge(graph, 'emits', monitor.id, 'drift_detected'), `${monitor.id} emits drift_detected`);
            assert.ok(!hasEdge(graph, 'signal', monitor.id, 'drift_retraining'), `${monitor.id} reaches drift_retraining through the signal`);
        }
        assertNoDanglingEdges(graph);
    });

    test('one workflow expands only it', () => {
        const single = buildGraph(workspace, 'workflows', { workflow: 'rec_model_training' });
        assert.equal(single.focus, 'rec_model_training');
        const steps = single.nodes.filter(node => node.kind === 'step');
        assert.deepEqual(steps.map(node => node.id).sort(), [
            'rec_model_training.evaluate_offline_metrics', 'rec_model_training.load_training_data', 'rec_model_training.train_ensemble'
        ]);
        // The neighbours at the other end of its signals are plain nodes.
        assert.ok(hasEdge(single, 'emits', 'feature_engineering_daily', 'features_ready'));
        assert.ok(hasEdge(single, 'signal', 'features_ready', 'rec_model_training'));
        assert.ok(hasEdge(single, 'signal', 'model_trained', 'search_canary_deploy'));
        assert.ok(hasEdge(single, 'after', 'rec_model_training', 'rec_model_validation'));
        assert.ok(!ids(single).has('search_model_training'), 'another emitter of model_trained is not a neighbour');
        assertNoDanglingEdges(single);
    });

    test('unknown workflow is an error', () => {
        assert.throws(() => buildGraph(workspace, 'workflows', { workflow: 'no_such_workflow' }), /No workflow named 'no_such_workflow'/);
    });
});

describe('element at a position', () => {
    const text = [
        'model Ranker {',
        '    version "1.0"',
        '}',
        '',
        'endpoint Api {',
        '    serves Ranker',
        '}',
        'workflow train {',
        '    step fit -> check',
        '    step check',
        '}'
    ].join('\n');
    let workspace: TestWorkspace;

    before(async () => {
        workspace = await buildWorkspace({ 'main.mlarch': text });
    });

    function at(needle: string, delta = 0): ReturnType<typeof elementAt> {
        return elementAt(workspace.document('main.mlarch'), text.indexOf(needle) + delta);
    }

    test('declaration name and body', () => {
        assert.deepEqual(at('Ranker {').element, { id: 'Ranker', kind: 'model' });
        assert.deepEqual(at('version').element, { id: 'Ranker', kind: 'model' });
    });

    test('cursor after a name', () => {
        assert.deepEqual(at('Ranker {', 'Ranker'.length).element, { id: 'Ranker', kind: 'model' });
    });

    test('reference names its target', () => {
        const result = at('Ranker\n}', 2);
        assert.deepEqual(result.element, { id: 'Api', kind: 'endpoint' });
        assert.deepEqual(result.reference, { id: 'Ranker', kind: 'model' });
    });

    test('workflow step', () => {
        assert.deepEqual(at('step check').element, { id: 'train.check', kind: 'step' });
        assert.deepEqual(at('-> check', 4).reference, { id: 'train.check', kind: 'step' });
    });

    test('blank line between elements', () => {
        assert.deepEqual(at('\n\nendpoint', 1), {});
    });
});

describe('diagnostics on graph nodes', () => {
    const text = [
        'platform P {',
        '    layer L {',
        '        component C {',
        '            uses Missing',
        '        }',
        '        uses AlsoMissing',
        '    }',
        '}'
    ].join('\n');
    let workspace: TestWorkspace;

    before(async () => {
        workspace = await buildWorkspace({ 'main.mlarch': text });
    });

    test('innermost node gets the diagnostic', () => {
        const documents = workspace.services.shared.workspace.LangiumDocuments.all;
        const graph = attachDiagnostics(buildGraph(workspace, 'building-blocks'), documents);
        const byId = new Map(graph.nodes.map(node => [node.id, node]));
        const component = byId.get('P.L.C')?.diagnostics;
        assert.equal(component?.errors, 1);
        assert.equal(component?.warnings, 0);
        assert.match(component?.messages[0].message ?? '', /Missing/);
        assert.equal(component?.messages[0].line, 3);
        assert.equal(byId.get('P.L')?.diagnostics?.errors, 1, 'the layer has its own unresolved reference');
        assert.match(byId.get('P.L')?.diagnostics?.messages[0].message ?? '', /AlsoMissing/);
        assert.equal(byId.get('P')?.diagnostics, undefined, 'the platform has none of its own');
    });

    test('nodes without problems carry none', async () => {
        const clean = await buildWorkspace({ 'main.mlarch': 'platform Q {\n    component D\n}\n' });
        const graph = attachDiagnostics(buildGraph(clean, 'building-blocks'), clean.services.shared.workspace.LangiumDocuments.all);
        assert.ok(graph.nodes.length > 0);
        assert.ok(graph.nodes.every(node => node.diagnostics === undefined));
    });
});

describe('workflow view without workflows', () => {
    test('is empty', async () => {
        const workspace = await buildWorkspace({ 'main.mlarch': 'signal ping\n' });
        const graph = buildGraph(workspace, 'workflows');
        assert.deepEqual(graph.nodes, []);
        assert.deepEqual(graph.parameterChoices, []);
        const steps = [...workspace.documents.values()].flatMap(document => AstUtils.streamAllContents(document.parseResult.value).filter(isStep).toArray());
        assert.equal(steps.length, 0);
    });
});
