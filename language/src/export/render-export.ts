/**
 * Turns a graph into the text of one export format. Shared by the command line and the extension
 * host, so it imports neither vscode nor the native PNG renderer (see png.ts for PNG).
 */
import type { ArchitectureGraph } from '../graph/graph-model.js';
import { layoutGraph } from '../graph/layout.js';
import { renderStandaloneSvg } from '../graph/svg-render.js';
import { toDot } from './dot.js';
import type { ExportFormat } from './export-format.js';
import { toGraphJson, type GraphJsonOptions } from './graph-json.js';
import { toMermaid } from './mermaid.js';

export type TextExportFormat = Exclude<ExportFormat, 'png'>;

/**
 * Returns the graph in a text format. SVG is laid out with the preview's ELK layout and drawn
 * by its renderer in the light print palette.
 */
export async function renderTextExport(graph: ArchitectureGraph, format: TextExportFormat, options: GraphJsonOptions = {}): Promise<string> {
    switch (format) {
        case 'svg':
            return renderStandaloneSvg(await layoutGraph(graph));
        case 'json':
            return toGraphJson(graph, options);
        case 'mermaid':
            return toMermaid(graph);
        case 'dot':
            return toDot(graph);
    }
}
