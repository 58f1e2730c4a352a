import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { AstUtils, type LangiumDocument } from 'langium';
import { SymbolKind, type CallHierarchyItem, type Position } from 'vscode-languageserver';
import { isEndpoint, isExperiment, isModel, type Model } from '../../language/src/generated/ast.js';
import { buildWorkspace, rangeOf, readExample, testUri, type TestWorkspace } from './workspace-helpers.js';

const LINEAGE = `dataset Clicks { }
featurestore Store {
    group Sessions { source SessionJob }
}
job SessionJob {
    reads Clicks
    writes Sessions
}
workflow Training { step fit }
model Base { trained on Clicks }
model Ranker {
    trained on Clicks, Sessions
    consumes Sessions
    trained by Training
    depends on Base
}
model Reranker { depends on Ranker }
endpoint Api { serves Ranker mode realtime }
experiment Test {
    variant a model Ranker traffic 100
}
`;

const FILE = 'lineage.mlarch';

async function prepare(workspace: TestWorkspace, document: LangiumDocument, position: Position): Promise<CallHierarchyItem[]> {
    const provider = workspace.services.lsp.CallHierarchyProvider!;
    return await provider.prepareCallHierarchy(document, { textDocument: { uri: document.uri.toString() }, position }) ?? [];
}

async function incomingNames(workspace: TestWorkspace, item: CallHierarchyItem): Promise<string[]> {
    const calls = await workspace.services.lsp.CallHierarchyProvider!.incomingCalls({ item }) ?? [];
    return calls.map(call => call.from.name).sort();
}

async function outgoingNames(workspace: TestWorkspace, item: CallHierarchyItem): Promise<string[]> {
    const calls = await workspace.services.lsp.CallHierarchyProvider!.outgoingCalls({ item }) ?? [];
    return calls.map(call => call.to.name).sort();
}

describe('call hierarchy', () => {
    test('model item from its name', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const items = await prepare(workspace, workspace.document(FILE), rangeOf(LINEAGE, 'Ranker {').start);
        assert.equal(items.length, 1);
        const [item] = items;
        assert.equal(item.name, 'Ranker');
        assert.equal(item.kind, SymbolKind.Class);
        assert.equal(item.detail, 'model Ranker');
        assert.equal(item.uri, testUri(FILE));
        assert.deepEqual(item.selectionRange, rangeOf(LINEAGE, 'Ranker'));
    });

    test('model item from a reference', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const items = await prepare(workspace, workspace.document(FILE), rangeOf(LINEAGE, 'on Ranker').end);
        assert.deepEqual(items.map(item => item.name), ['Ranker']);
    });

    test('incoming calls are upstream', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const [item] = await prepare(workspace, workspace.document(FILE), rangeOf(LINEAGE, 'Ranker {').start);
        assert.deepEqual(await incomingNames(workspace, item), ['Base', 'Clicks', 'Sessions', 'Training']);
    });

    test('outgoing calls are downstream', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const [item] = await prepare(workspace, workspace.document(FILE), rangeOf(LINEAGE, 'Ranker {').start);
        assert.deepEqual(await outgoingNames(workspace, item), ['Api', 'Reranker', 'Test']);
    });

    test('from ranges lie in the caller', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const provider = workspace.services.lsp.CallHierarchyProvider!;
        const [job] = await prepare(workspace, workspace.document(FILE), rangeOf(LINEAGE, 'SessionJob {').start);

        // The job writes Sessions, so the reference in the job is the call site.
        const outgoing = await provider.outgoingCalls({ item: job }) ?? [];
        const toSessions = outgoing.find(call => call.to.name === 'Sessions');
        assert.ok(toSessions, JSON.stringify(outgoing));
        assert.deepEqual(toSessions.fromRanges, [rangeOf(LINEAGE, 'writes Sessions')].map(range => ({ start: { ...range.start, character: range.start.character + 'writes '.length }, end: range.end })));

        // Clicks is read by the job; the reference sits in the job, so Clicks is called at its name.
        const incoming = await provider.incomingCalls({ item: job }) ?? [];
        const fromClicks = incoming.find(call => call.from.name === 'Clicks');
        assert.ok(fromClicks, JSON.stringify(incoming));
        assert.deepEqual(fromClicks.fromRanges, [rangeOf(LINEAGE, 'Clicks')]);
    });

    test('walk from feature group to job to dataset', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const [group] = await prepare(workspace, workspace.document(FILE), rangeOf(LINEAGE, 'Sessions {').start);
        assert.equal(group.detail, 'feature group Store.Sessions');
        const callers = await workspace.services.lsp.CallHierarchyProvider!.incomingCalls({ item: group }) ?? [];
        assert.deepEqual(callers.map(call => call.from.name), ['SessionJob']);
        assert.deepEqual(await incomingNames(workspace, callers[0].from), ['Clicks']);
        assert.deepEqual(await outgoingNames(workspace, group), ['Ranker']);
    });

    test('endpoint item has upstream model', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        const [endpoint] = await prepare(workspace, workspace.document(FILE), rangeOf(LINEAGE, 'Api').start);
        assert.equal(endpoint.kind, SymbolKind.Interface);
        assert.deepEqual(await incomingNames(workspace, endpoint), ['Ranker']);
        assert.deepEqual(await outgoingNames(workspace, endpoint), []);
    });

    test('no item on a keyword', async () => {
        const workspace = await buildWorkspace({ [FILE]: LINEAGE });
        assert.deepEqual(await prepare(workspace, workspace.document(FILE), rangeOf(LINEAGE, 'trained by').start), []);
    });

    test('netflix recommendation model', async () => {
        const files = readExample('netflix');
        const workspace = await buildWorkspace(files);
        const document = workspace.document('models.mlarch');
        const text = files['models.mlarch'];
        const declaration = 'model RecommendationEnsemble';
        const position = { ...rangeOf(text, declaration).start };
        position.character += 'model '.length;

        const [item] = await prepare(workspace, document, position);
        assert.equal(item?.name, 'RecommendationEnsemble');
        assert.equal(item.uri, testUri('models.mlarch'));

        const allNodes = workspace.services.shared.workspace.LangiumDocuments.all
            .flatMap(doc => AstUtils.streamAllContents(doc.parseResult.value))
            .toArray();
        const model = allNodes.find((node): node is Model => isModel(node) && node.name === 'RecommendationEnsemble');
        assert.ok(model);
        const expectedUpstream = new Set([...model.trainedOn, ...model.consumes, ...model.dependsOn, ...(model.trainedBy ? [model.trainedBy] : [])]
            .map(ref => ref.ref?.name)
            .filter(name => name !== undefined));
        const incoming = await incomingNames(workspace, item);
        assert.deepEqual(incoming, [...expectedUpstream].sort());
        assert.ok(incoming.includes('ContentEmbeddingModel'), 'the ensemble depends on the SemanticGNN embeddings');

        const servingEndpoints = allNodes.filter(isEndpoint).filter(endpoint => endpoint.serves.some(ref => ref.ref === model)).map(endpoint => endpoint.name);
        const experiments = allNodes.filter(isExperiment).filter(experiment => experiment.variants.some(variant => variant.model.ref === model)).map(experiment => experiment.name);
        const outgoing = await outgoingNames(workspace, item);
        assert.ok(servingEndpoints.length > 0, 'the example serves the model');
        for (const name of [...servingEndpoints, ...experiments]) {
            assert.ok(outgoing.includes(name), `${name} missing from outgoing calls ${outgoing.join(', ')}`);
        }
    });
});
