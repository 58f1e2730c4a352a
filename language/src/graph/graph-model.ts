/**
 * The graph model that the preview, the command line and the server share. It is plain data
 * (JSON-serialisable) so it can cross the LSP connection and the webview's message channel.
 */

export type ViewKind = 'building-blocks' | 'lineage' | 'model-dependencies' | 'workflows';

export const VIEW_KINDS: readonly ViewKind[] = ['building-blocks', 'lineage', 'model-dependencies', 'workflows'];

/** Hops from the model that the model-dependency view shows when the request names none. */
export const DEFAULT_DEPENDENCY_HOPS = 2;

/** Parameters of the views that show one part of the workspace. Other views ignore them. */
export interface ViewParameters {
    /** Simple or qualified name of the model that the model-dependency view centres on; the first model when absent. */
    model?: string;
    /** Hops upstream and downstream of the model, a positive whole number; DEFAULT_DEPENDENCY_HOPS when absent. */
    hops?: number;
    /** Simple or qualified name of the one workflow that the workflow view shows; all workflows when absent. */
    workflow?: string;
}

export type ElementKind =
    | 'platform' | 'group' | 'component' | 'datastore' | 'stream' | 'dataset' | 'job'
    | 'featurestore' | 'featuregroup' | 'model' | 'workflow' | 'step' | 'signal' | 'endpoint'
    | 'experiment' | 'monitor';

export type EdgeKind =
    | 'uses'        // generic labelled relation
    | 'reads'       // job reads a source
    | 'writes'      // job writes a dataset, feature group or store
    | 'source'      // job computes a feature group
    | 'trains'      // dataset or feature group is training data of a model
    | 'trained-by'  // workflow trains a model
    | 'consumes'    // model consumes a feature group at inference time
    | 'depends'     // model depends on another model
    | 'serves'      // endpoint serves a model
    | 'consumer'    // endpoint is consumed by a component
    | 'experiment'  // experiment variant uses a model
    | 'feeds'       // experiment result feeds a model or workflow (back edge)
    | 'feedback'    // explicit feedback loop (back edge)
    | 'signal'      // a signal triggers another element
    | 'store'       // dataset lives in a datastore
    | 'next'        // workflow step runs before another step
    | 'emits'       // element or workflow step emits a signal
    | 'after'       // workflow starts after another workflow finishes
    | 'runs';       // workflow step runs another workflow

/** Edge kinds drawn as back edges: they close a loop and point against the lineage direction. */
export const BACK_EDGE_KINDS: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['feeds', 'feedback']);

export interface SourcePosition {
    /** Zero-based line. */
    line: number;
    /** Zero-based UTF-16 character offset, as in LSP. */
    character: number;
}

export interface SourceRange {
    start: SourcePosition;
    end: SourcePosition;
}

export interface SourceLocation {
    uri: string;
    /** Range of the element's name, which the editor selects on reveal. */
    range: SourceRange;
}

export interface NodeDetails {
    version?: string;
    status?: string;
    serving?: string[];
    /** Processing state of a job: 'stateful' or 'stateless'. */
    state?: string;
    mode?: string;
    technology?: string;
    task?: string;
    /** Qualified name of the element that a workflow step runs. */
    runs?: string;
    /** Doc comment or `description` of the element, for the tooltip. */
    description?: string;
}

export type DiagnosticSeverity = 'error' | 'warning';

export interface NodeDiagnostic {
    severity: DiagnosticSeverity;
    message: string;
    /** Zero-based line where the problem starts. */
    line: number;
}

/** Errors and warnings reported inside an element's declaration and not inside a nested element of the view. */
export interface NodeDiagnostics {
    errors: number;
    warnings: number;
    /** Errors first, then warnings, each in source order; at most MAX_NODE_DIAGNOSTIC_MESSAGES of them. */
    messages: NodeDiagnostic[];
}

/** Messages that a node keeps at most; the counts still include every diagnostic. */
export const MAX_NODE_DIAGNOSTIC_MESSAGES = 20;

export interface GraphNode {
    /** Qualified name; unique within a graph. */
    id: string;
    kind: ElementKind;
    /** Display title, or the name when the element has no title. */
    label: string;
    /** Identifier of the enclosing node in nested views. */
    parent?: string;
    details: NodeDetails;
    /** Lineage column from 0 (sources) to 5 (consumers); absent in other views. */
    column?: number;
    source?: SourceLocation;
    /** Errors and warnings in the element's declaration; absent when it has none or nobody asked for them. */
    diagnostics?: NodeDiagnostics;
}

export interface GraphEdge {
    id: string;
    source: string;
    target: string;
    kind: EdgeKind;
    label?: string;
}

export interface ArchitectureGraph {
    view: ViewKind;
    nodes: GraphNode[];
    edges: GraphEdge[];
    /** Parameters that the view was built with, names resolved to qualified names and defaults filled in. */
    parameters?: ViewParameters;
    /** Id of the node that the view centres on: the model of a model-dependency view, the workflow of a one-workflow view. */
    focus?: string;
    /** Qualified names that the view's parameter can take: every model or every workflow, for the preview's picker. */
    parameterChoices?: string[];
}
