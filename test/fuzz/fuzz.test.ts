/**
 * A bounded fuzz run with a fixed seed, so `npm test` fails when a change makes the language
 * services crash on a mutated input, report a range outside its document, format destructively
 * or build a malformed graph. The 2,400 cases took 60 s on an idle 2-core machine and about
 * three times as long while other test processes ran.
 * A failure is minimised into a temporary folder and shown in the assertion message.
 * `npm run fuzz` runs more cases.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runFuzz } from './fuzz.js';

const SEED = 20260101;
const CASES = 2_400;
/** Slow phases fail only past this bound, so a busy test machine does not make the run flaky. */
const SLOW_PHASE_MS = 30_000;

test('bounded fuzz run', { timeout: 900_000 }, async t => {
    const regressionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlarch-fuzz-'));
    const log: string[] = [];
    try {
        const summary = await runFuzz({
            seed: SEED,
            count: CASES,
            regressionsDir,
            maxMinimised: 2,
            minimiseBudget: { maxChecks: 500, maxMs: 60_000 },
            slowPhaseMs: SLOW_PHASE_MS,
            log: line => log.push(line)
        });
        t.diagnostic(`${summary.cases} cases of seed ${SEED} in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
        const described = summary.failures.map(failure =>
            `${failure.kind} in case ${failure.caseIndex} (${failure.source}): ${failure.message}\n  minimised: ${JSON.stringify(failure.minimised ?? '(not minimised)')}`);
        assert.deepEqual(described, [], `Fuzz log:\n${log.join('\n')}\nAdd a minimised input from ${regressionsDir} to test/fuzz/regressions once it is fixed.`);
        fs.rmSync(regressionsDir, { recursive: true, force: true });
    } catch (error) {
        t.diagnostic(`minimised failures are kept in ${regressionsDir}`);
        throw error;
    }
});
