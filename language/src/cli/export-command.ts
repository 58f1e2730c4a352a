import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { buildArchitectureGraph } from '../graph/graph-builder.js';
import { formatFromFileName, FORMAT_EXTENSIONS, EXPORT_FORMATS, type ExportFormat } from '../export/export-format.js';
import { renderPng } from '../export/png.js';
import { renderTextExport } from '../export/render-export.js';
import { formatViewSpec, viewRequestOf, type ViewSpec } from '../export/view-spec.js';
import { collectMlArchFiles, loadWorkspace } from '../workspace/load-workspace.js';
import { UsageError } from './usage-error.js';

export interface ExportOptions {
    view: ViewSpec;
    /** Path of the file to write, or `-` for standard output. */
    out: string;
    /** Format to write; taken from the extension of `out` when absent. */
    format?: ExportFormat;
    /** Pixels per SVG unit of a PNG. */
    scale?: number;
    /** Font files for PNG text, besides the system's fonts. */
    fontFiles?: string[];
}

export interface ExportResult {
    /** Absolute path of the written file, or `-` for standard output. */
    path: string;
    format: ExportFormat;
    nodes: number;
    edges: number;
    /** Pixel size of a PNG. */
    width?: number;
    height?: number;
}

/**
 * Builds one view of the workspace under `folder` and writes it in the requested format: SVG
 * and PNG laid out and drawn as the preview draws them, JSON with the graph model, Mermaid or
 * Graphviz DOT. Throws a UsageError on an invalid option combination.
 */
export async function runExport(folder: string, options: ExportOptions, stdout: (data: string) => void = data => process.stdout.write(data)): Promise<ExportResult> {
    const format = resolveFormat(options);
    if (options.out === '-' && format === 'png') {
        throw new UsageError('PNG cannot be written to standard output. Pass a file name with --out.');
    }
    const { view, parameters } = viewRequestOf(options.view);

    const files = await collectMlArchFiles([folder]);
    if (files.length === 0) {
        throw new Error(`No .mlarch files found in ${folder}.`);
    }
    const { documents } = await loadWorkspace(files);
    const graph = buildArchitectureGraph(documents, view, parameters);
    const focus = parameters.model ?? parameters.workflow;
    if (focus !== undefined && graph.focus === undefined) {
        const kind = parameters.model !== undefined ? 'model' : 'workflow';
        const known = graph.parameterChoices?.length ? ` Known ${kind}s: ${graph.parameterChoices.slice(0, 20).join(', ')}${graph.parameterChoices.length > 20 ? ', ...' : ''}.` : '';
        throw new UsageError(`No ${kind} named '${focus}' in ${folder} (view '${formatViewSpec(options.view)}').${known}`);
    }
    const result: ExportResult = { path: options.out, format, nodes: graph.nodes.length, edges: graph.edges.length };

    let data: string | Buffer;
    if (format === 'png') {
        const svg = await renderTextExport(graph, 'svg');
        const image = await renderPng(svg, { scale: options.scale, fontFiles: options.fontFiles });
        data = image.png;
        result.width = image.width;
        result.height = image.height;
    } else {
        data = await renderTextExport(graph, format, { baseFolder: folderOf(folder) });
    }

    if (options.out === '-') {
        stdout(data.toString());
        return result;
    }
    const target = path.resolve(options.out);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, data);
    result.path = target;
    return result;
}

function resolveFormat(options: ExportOptions): ExportFormat {
    if (options.format) {
        return options.format;
    }
    const fromName = options.out === '-' ? undefined : formatFromFileName(options.out);
    if (!fromName) {
        const known = EXPORT_FORMATS.map(format => `${format} (${FORMAT_EXTENSIONS[format].join(', ')})`).join(', ');
        throw new UsageError(`Cannot tell the format of '${options.out}' for view ${formatViewSpec(options.view)}. Pass --format or use a file extension of one of: ${known}.`);
    }
    return fromName;
}

/** Source paths in the JSON export are relative to the exported folder, or to the folder of an exported file. */
function folderOf(input: string): string {
    return input.endsWith('.mlarch') ? path.dirname(path.resolve(input)) : path.resolve(input);
}
