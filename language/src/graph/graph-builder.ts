import type { LangiumDocument } from 'langium';
import type { Workspace } from '../generated/ast.js';
import { buildBuildingBlockView } from './building-block-view.js';
import type { ArchitectureGraph, ViewKind, ViewParameters } from './graph-model.js';
import { buildLineageView } from './lineage-view.js';
import { buildModelDependencyView } from './model-dependency-view.js';
import { buildWorkflowView } from './workflow-view.js';

/**
 * Builds one view of the workspace formed by the given documents. Imports nothing from vscode.
 * Documents are taken in URI order, so node order, and with it the layout, does not depend on
 * the order in which the workspace loaded or rebuilt them. Throws an error when a parameter names
 * no model or workflow, or a hop count is invalid.
 */
export function buildArchitectureGraph(documents: Iterable<LangiumDocument>, view: ViewKind, parameters: ViewParameters = {}): ArchitectureGraph {
    const workspaces = [...documents]
        .sort((a, b) => compareStrings(a.uri.toString(), b.uri.toString()))
        .map(document => document.parseResult.value as Workspace);
    switch (view) {
        case 'building-blocks':
            return buildBuildingBlockView(workspaces);
        case 'lineage':
            return buildLineageView(workspaces);
        case 'model-dependencies':
            return buildModelDependencyView(workspaces, parameters);
        case 'workflows':
            return buildWorkflowView(workspaces, parameters);
    }
}

/** Compares by UTF-16 code units, which unlike localeCompare gives the same order on every machine. */
function compareStrings(a: string, b: string): number {
    if (a === b) {
        return 0;
    }
    return a < b ? -1 : 1;
}
