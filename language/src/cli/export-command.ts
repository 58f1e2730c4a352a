import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { buildArchitectureGraph } from '../graph/graph-builder.js';
import type { ViewKind } from '../graph/graph-model.js';
import { collectMlArchFiles, loadWorkspace } from '../workspace/load-workspace.js';

export interface ExportResult {
    path: string;
    nodes: number;
    edges: number;
}

/** Builds, lays out and renders one view of the workspace under `folder` to a standalone SVG file. */
export async function runExport(folder: string, view: ViewKind, out: string): Promise<ExportResult> {
    const files = await collectMlArchFiles([folder]);
    if (files.length === 0) {
        throw new Error(`No .mlarch files found in ${folder}.`);
    }
    const { documents } = await loadWorkspace(files);
    const graph = buildArchitectureGraph(documents, view);
    // TODO: lay out with the shared ELK layout and render with the shared SVG renderer.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"/>`;
    const target = path.resolve(out);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, svg, 'utf-8');
    return { path: target, nodes: graph.nodes.length, edges: graph.edges.length };
}
