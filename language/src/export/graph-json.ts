/**
 * The JSON export of a view: the graph model with a format marker and a version, so readers can
 * tell it from other JSON and reject versions they do not know. schemas/graph.schema.json
 * describes the document and the tests validate every export against it.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { ArchitectureGraph, GraphNode, SourceRange, ViewParameters } from '../graph/graph-model.js';

export const GRAPH_JSON_FORMAT = 'mlarch-graph';

/** Increased on every change to the document's shape that old readers would misread. */
export const GRAPH_JSON_VERSION = 1;

export interface GraphJsonSource {
    /** URI of the document that declares the element. */
    uri: string;
    /** Path of that document relative to the export's base folder, with `/` separators; absent for documents outside it. */
    path?: string;
    /** Range of the element's name, zero-based as in LSP. */
    range: SourceRange;
}

export type GraphJsonNode = Omit<GraphNode, 'source'> & { source?: GraphJsonSource };

export interface GraphJsonDocument {
    format: typeof GRAPH_JSON_FORMAT;
    version: typeof GRAPH_JSON_VERSION;
    view: string;
    /** Parameters of a model-dependency or workflow view, with names resolved to qualified names. */
    parameters?: ViewParameters;
    /** Id of the node that the view centres on. */
    focus?: string;
    nodes: GraphJsonNode[];
    edges: ArchitectureGraph['edges'];
}

export interface GraphJsonOptions {
    /** Folder that `source.path` is relative to. Without it, nodes carry only `source.uri`. */
    baseFolder?: string;
}

/** Converts a graph into the documented JSON document. */
export function toGraphJsonDocument(graph: ArchitectureGraph, options: GraphJsonOptions = {}): GraphJsonDocument {
    const nodes = graph.nodes.map(node => {
        const { source, ...rest } = node;
        const converted: GraphJsonNode = { ...rest, details: { ...node.details } };
        if (source) {
            converted.source = { uri: source.uri, range: source.range };
            const relative = relativePath(source.uri, options.baseFolder);
            if (relative !== undefined) {
                converted.source = { uri: source.uri, path: relative, range: source.range };
            }
        }
        return converted;
    });
    const document: GraphJsonDocument = { format: GRAPH_JSON_FORMAT, version: GRAPH_JSON_VERSION, view: graph.view, nodes: [], edges: [] };
    if (graph.parameters) {
        document.parameters = { ...graph.parameters };
    }
    if (graph.focus !== undefined) {
        document.focus = graph.focus;
    }
    document.nodes = nodes;
    document.edges = graph.edges.map(edge => ({ ...edge }));
    return document;
}

/** Writes the JSON document of a graph, indented by two spaces and ending in a line break. */
export function toGraphJson(graph: ArchitectureGraph, options: GraphJsonOptions = {}): string {
    return JSON.stringify(toGraphJsonDocument(graph, options), undefined, 2) + '\n';
}

function relativePath(uri: string, baseFolder: string | undefined): string | undefined {
    if (baseFolder === undefined) {
        return undefined;
    }
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') {
        return undefined;
    }
    const relative = path.relative(path.resolve(baseFolder), parsed.fsPath);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
        return undefined;
    }
    return relative.split(path.sep).join('/');
}
