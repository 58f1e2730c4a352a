/**
 * The memory request that the benchmark uses: offered only when the server starts with
 * MLARCH_DEBUG_REQUESTS=1, and then returning the heap after a full garbage collection.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MemoryUsageRequest } from '../../language/src/protocol.js';
import { ServerProcess } from './server-process.js';

const WAIT_MS = 30_000;
const EXAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples/getting-started');
/** JSON-RPC error code of a request that the server does not handle. */
const METHOD_NOT_FOUND = -32601;

describe('debug requests', () => {
    const servers: ServerProcess[] = [];

    after(async () => {
        await Promise.all(servers.map(server => server.stop(WAIT_MS).catch(() => undefined)));
    });

    test('memory usage after a collection', async () => {
        const server = await ServerProcess.start(EXAMPLE_DIR, WAIT_MS, { nodeArgs: ['--expose-gc'], env: { MLARCH_DEBUG_REQUESTS: '1' } });
        servers.push(server);

        const usage = await server.request<MemoryUsageRequest.Result>(MemoryUsageRequest.method, null, WAIT_MS);

        assert.equal(usage.collected, true);
        assert.ok(usage.heapUsed > 1_000_000, `heapUsed is ${usage.heapUsed} bytes`);
        assert.ok(usage.heapTotal >= usage.heapUsed, `heapTotal ${usage.heapTotal} is below heapUsed ${usage.heapUsed}`);
        assert.ok(usage.rss > usage.heapUsed, `rss ${usage.rss} is not above heapUsed ${usage.heapUsed}`);
    });

    test('collected is false without --expose-gc', async () => {
        const server = await ServerProcess.start(EXAMPLE_DIR, WAIT_MS, { env: { MLARCH_DEBUG_REQUESTS: '1' } });
        servers.push(server);

        const usage = await server.request<MemoryUsageRequest.Result>(MemoryUsageRequest.method, null, WAIT_MS);

        assert.equal(usage.collected, false);
        assert.ok(usage.heapUsed > 0);
    });

    test('unknown without the variable', async () => {
        const server = await ServerProcess.start(EXAMPLE_DIR, WAIT_MS, { env: { MLARCH_DEBUG_REQUESTS: undefined } });
        servers.push(server);

        await assert.rejects(server.request(MemoryUsageRequest.method, null, WAIT_MS), (error: { code?: number }) => error.code === METHOD_NOT_FOUND);
        assert.ok(server.alive, 'the server exited after the unknown request');
    });
});
