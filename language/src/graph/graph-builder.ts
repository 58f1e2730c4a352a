import type { LangiumDocument } from 'langium';
import type { Workspace } from '../generated/ast.js';
import { buildBuildingBlockView } from './building-block-view.js';
import type { ArchitectureGraph, ViewKind } from './graph-model.js';
import { buildLineageView } from './lineage-view.js';

/** Builds one view of the workspace formed by the given documents. Imports nothing from vscode. */
export function buildArchitectureGraph(documents: Iterable<LangiumDocument>, view: ViewKind): ArchitectureGraph {
    const workspaces = [...documents].map(document => document.parseResult.value as Workspace);
    switch (view) {
        case 'building-blocks':
            return buildBuildingBlockView(workspaces);
        case 'lineage':
            return buildLineageView(workspaces);
    }
}
