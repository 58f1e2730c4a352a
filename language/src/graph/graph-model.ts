/**
 * The graph model that the preview, the command line and the server share. It is plain data
 * (JSON-serialisable) so it can cross the LSP connection and the webview's message channel.
 */

export type ViewKind = 'building-blocks' | 'lineage';

export const VIEW_KINDS: readonly ViewKind[] = ['building-blocks', 'lineage'];

export type ElementKind =
    | 'platform' | 'group' | 'component' | 'datastore' | 'stream' | 'dataset' | 'job'
    | 'featurestore' | 'featuregroup' | 'model' | 'workflow' | 'signal' | 'endpoint'
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
    | 'store';      // dataset lives in a datastore

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
}

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
}
