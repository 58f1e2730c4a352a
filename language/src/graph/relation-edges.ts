import { isDataset, isEndpoint, isExperiment, isFeatureGroup, isJob, isModel, isMonitor } from '../generated/ast.js';
import { isNamedElement, type NamedElement } from '../references/qualified-names.js';
import type { GraphAccumulator } from './graph-accumulator.js';

/**
 * Adds the edges that an element's properties and relations imply, pointing from upstream to
 * downstream: a job's sources to the job, training data to the model, a model to the endpoint
 * that serves it, and so on. Views call it for every element and keep the edges whose ends they show.
 */
export function addRelationEdges(element: NamedElement, graph: GraphAccumulator): void {
    if ('relations' in element) {
        for (const relation of element.relations) {
            const target = relation.target?.ref;
            const kind = relation.kind === 'feedback' ? 'feedback' : 'uses';
            graph.addEdge(kind, element, isNamedElement(target) ? target : undefined, relation.label);
        }
    }

    if (isJob(element)) {
        for (const ref of element.reads) {
            graph.addEdge('reads', ref.ref, element);
        }
        for (const ref of element.writes) {
            graph.addEdge('writes', element, ref.ref);
        }
    } else if (isFeatureGroup(element)) {
        for (const ref of element.sources) {
            graph.addEdge('source', ref.ref, element);
        }
    } else if (isDataset(element)) {
        graph.addEdge('store', element.store?.ref, element);
    } else if (isModel(element)) {
        for (const ref of element.trainedOn) {
            graph.addEdge('trains', ref.ref, element);
        }
        graph.addEdge('trained-by', element.trainedBy?.ref, element);
        for (const ref of element.consumes) {
            graph.addEdge('consumes', ref.ref, element);
        }
        for (const ref of element.dependsOn) {
            graph.addEdge('depends', ref.ref, element);
        }
    } else if (isEndpoint(element)) {
        for (const ref of element.serves) {
            graph.addEdge('serves', ref.ref, element);
        }
        for (const ref of element.consumers) {
            graph.addEdge('consumer', element, ref.ref);
        }
    } else if (isExperiment(element)) {
        for (const variant of element.variants) {
            graph.addEdge('experiment', variant.model?.ref, element, variant.name);
        }
        for (const ref of element.feeds) {
            graph.addEdge('feeds', element, ref.ref, 'winner');
        }
    } else if (isMonitor(element)) {
        for (const ref of element.watches) {
            graph.addEdge('uses', element, ref.ref, 'watches');
        }
        for (const ref of element.triggers) {
            graph.addEdge('signal', element, ref.ref, 'triggers');
        }
    }
}
