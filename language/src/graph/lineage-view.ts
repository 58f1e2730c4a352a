import { AstUtils, type AstNode } from 'langium';
import {
    isComponent, isDataset, isDatastore, isEndpoint, isExperiment, isFeatureGroup, isJob, isModel, isStream, isWorkflow,
    type Workspace
} from '../generated/ast.js';
import { isNamedElement, type NamedElement } from '../references/qualified-names.js';
import { GraphAccumulator } from './graph-accumulator.js';
import type { ArchitectureGraph } from './graph-model.js';
import { createGraphNode } from './graph-nodes.js';
import { addRelationEdges } from './relation-edges.js';

/** Lineage columns, left to right. */
export const LINEAGE_COLUMNS = {
    source: 0,
    processing: 1,
    data: 2,
    model: 3,
    serving: 4,
    consumer: 5
} as const;

/**
 * Builds the lineage view, left to right: sources and streams, jobs and training workflows,
 * datasets and feature groups, models, endpoints and experiments, consumers. Experiment results
 * and feedback loops appear as back edges.
 */
export function buildLineageView(workspaces: Workspace[]): ArchitectureGraph {
    const graph = new GraphAccumulator('lineage');
    const elements: NamedElement[] = [];
    for (const workspace of workspaces) {
        for (const node of AstUtils.streamAllContents(workspace)) {
            if (isNamedElement(node) && node.name) {
                elements.push(node);
            }
        }
    }

    const included = new Set<NamedElement>();
    const include = (element: AstNode | undefined): void => {
        if (isNamedElement(element) && lineageColumnOf(element) !== undefined) {
            included.add(element);
        }
    };
    for (const element of elements) {
        if (isDatastore(element) || isStream(element) || isJob(element) || isDataset(element) || isFeatureGroup(element)
            || isModel(element) || isEndpoint(element) || isExperiment(element)) {
            included.add(element);
        }
        if (isModel(element)) {
            include(element.trainedBy?.ref);
        } else if (isEndpoint(element)) {
            element.consumers.forEach(ref => include(ref.ref));
        } else if (isExperiment(element)) {
            element.feeds.forEach(ref => include(ref.ref));
        }
        if ('relations' in element && element.relations.some(relation => relation.kind === 'feedback')) {
            include(element);
        }
    }

    for (const element of elements) {
        if (included.has(element)) {
            graph.addNode({ ...createGraphNode(element), column: lineageColumnOf(element) });
        }
    }
    for (const element of included) {
        addRelationEdges(element, graph);
    }
    return graph.toGraph();
}

/** Returns the lineage column of an element, or undefined for kinds that the lineage view leaves out. */
export function lineageColumnOf(element: NamedElement): number | undefined {
    if (isDatastore(element) || isStream(element)) {
        return LINEAGE_COLUMNS.source;
    }
    if (isJob(element) || isWorkflow(element)) {
        return LINEAGE_COLUMNS.processing;
    }
    if (isDataset(element) || isFeatureGroup(element)) {
        return LINEAGE_COLUMNS.data;
    }
    if (isModel(element)) {
        return LINEAGE_COLUMNS.model;
    }
    if (isEndpoint(element) || isExperiment(element)) {
        return LINEAGE_COLUMNS.serving;
    }
    if (isComponent(element)) {
        return LINEAGE_COLUMNS.consumer;
    }
    return undefined;
}
