/**
 * Runs ELK layouts in a Web Worker, so that the webview's main thread stays free for typing,
 * scrolling and drawing while a large diagram is laid out. The worker runs elkjs's own worker
 * script, started from a blob URL of its text (see scripts/build.mjs).
 */
import ElkConstructor, { type ELK } from 'elkjs/lib/elk-api.js';
import elkWorkerSource from 'mlarch:elk-worker-source';
import { layoutWithEngine, type LaidOutGraph, type LayoutHints } from '../../language/src/graph/elk-layout.js';
import type { ArchitectureGraph } from '../../language/src/graph/graph-model.js';

/** Rejection reason of a layout that a newer one replaced. */
export class LayoutCancelled extends Error {
    override readonly name = 'LayoutCancelled';
}

export class LayoutRunner {

    private workerUrl: string | undefined;
    private engine: ELK | undefined;
    /** The running layout's cancel function, or undefined when the worker is idle. */
    private cancelRunning: (() => void) | undefined;

    /**
     * Lays out a graph in the worker. A call while an earlier layout runs cancels the earlier one:
     * its worker is terminated, so it stops using the CPU, and its promise rejects with
     * LayoutCancelled. The next layout starts a fresh worker.
     */
    async layout(graph: ArchitectureGraph, hints: LayoutHints): Promise<LaidOutGraph> {
        this.cancel();
        const engine = this.engine ??= this.createEngine();
        let cancel!: () => void;
        const cancelled = new Promise<never>((_, reject) => {
            cancel = () => {
                this.engine?.terminateWorker();
                this.engine = undefined;
                reject(new LayoutCancelled('A newer layout replaced this one.'));
            };
        });
        this.cancelRunning = cancel;
        try {
            return await Promise.race([layoutWithEngine(engine, graph, hints), cancelled]);
        } finally {
            if (this.cancelRunning === cancel) {
                this.cancelRunning = undefined;
            }
        }
    }

    /** Stops the running layout, if any; its promise rejects with LayoutCancelled. */
    cancel(): void {
        this.cancelRunning?.();
    }

    dispose(): void {
        this.engine?.terminateWorker();
        this.engine = undefined;
        if (this.workerUrl) {
            URL.revokeObjectURL(this.workerUrl);
        }
    }

    private createEngine(): ELK {
        this.workerUrl ??= URL.createObjectURL(new Blob([elkWorkerSource], { type: 'text/javascript' }));
        const url = this.workerUrl;
        return new ElkConstructor({ workerFactory: () => new Worker(url, { name: 'mlarch-layout' }) });
    }
}
