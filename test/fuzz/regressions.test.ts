/**
 * Replays every minimised failure in test/fuzz/regressions through the fuzz oracle: all phases,
 * with position-based requests at every offset of a file of up to 300 characters. A longer file
 * gets 301 evenly spaced offsets, or 61 beyond 1,000 characters, where completion in a deeply
 * nested file takes up to 0.2 s per request. `npm run fuzz` adds a file here for each new
 * failure it minimises.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DEFAULT_REGRESSIONS_DIR, spreadOffsets } from './fuzz.js';
import { FuzzOracle } from './oracle.js';
import { listRegressions, readRegression } from './regression-files.js';

const oracle = new FuzzOracle();

describe('fuzz regressions', () => {
    const files = listRegressions(DEFAULT_REGRESSIONS_DIR);

    test('regression folder is not empty', () => {
        assert.ok(files.length > 0, `no regression files in ${DEFAULT_REGRESSIONS_DIR}`);
    });

    for (const file of files) {
        test(path.basename(file), async () => {
            const input = readRegression(file);
            const text = input.files.get(input.target) ?? '';
            const offsets = spreadOffsets(text, text.length <= 1_000 ? 301 : 61);
            const failures = await oracle.check({ files: input.files, target: input.target, offsets });
            assert.deepEqual(failures.map(failure => `${failure.kind}: ${failure.message}`), []);
        });
    }
});
