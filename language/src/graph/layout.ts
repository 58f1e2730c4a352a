/**
 * Layout for Node.js callers (the command line, the docs generator, tests and benchmarks): the
 * layout of elk-layout.ts with the bundled ELK build, which runs on the calling thread. The
 * preview webview imports elk-layout.ts directly and runs ELK in a Web Worker, so that this
 * module's 1.6 MB ELK build stays out of the webview bundle.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import { layoutWithEngine, type LaidOutGraph, type LayoutHints } from './elk-layout.js';
import type { ArchitectureGraph } from './graph-model.js';

export * from './elk-layout.js';

let sharedElk: InstanceType<typeof ELK> | undefined;

/** Computes positions and sizes of all nodes and the routes of all edges; see elk-layout.ts. */
export async function layoutGraph(graph: ArchitectureGraph, hints: LayoutHints = {}): Promise<LaidOutGraph> {
    sharedElk ??= new ELK();
    return layoutWithEngine(sharedElk, graph, hints);
}
