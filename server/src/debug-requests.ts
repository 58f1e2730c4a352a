import type { Connection } from 'vscode-languageserver';
import { MemoryUsageRequest } from '../../language/src/protocol.js';

/** Environment variable that turns on the requests for benchmarks and diagnosis. */
export const DEBUG_REQUESTS_VARIABLE = 'MLARCH_DEBUG_REQUESTS';

/**
 * Registers the requests that benchmarks and bug reports use, when the environment variable
 * DEBUG_REQUESTS_VARIABLE is `1`. Editors never send them, so by default the server does not
 * offer them. Returns whether it registered them.
 */
export function registerDebugRequests(connection: Connection, environment: NodeJS.ProcessEnv = process.env): boolean {
    if (environment[DEBUG_REQUESTS_VARIABLE] !== '1') {
        return false;
    }
    connection.onRequest(MemoryUsageRequest.method, (): MemoryUsageRequest.Result => {
        // `gc` exists when Node.js runs with --expose-gc. Then the heap figure leaves out garbage.
        const collect = (globalThis as { gc?: () => void }).gc;
        collect?.();
        const { heapUsed, heapTotal, rss, external } = process.memoryUsage();
        return { heapUsed, heapTotal, rss, external, collected: collect !== undefined };
    });
    connection.console.info(`Debug requests are on (${DEBUG_REQUESTS_VARIABLE}=1): ${MemoryUsageRequest.method}.`);
    return true;
}
