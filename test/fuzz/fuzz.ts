/**
 * Fuzzes the MLArch language services: mutates the example, generated and hand-written files,
 * runs each result through the oracle (parse, link, validate, every language feature, both graph
 * views), minimises each new failure and writes it to test/fuzz/regressions.
 *
 *   npm run fuzz -- --count 10000 --seed 42
 *
 * The run is reproducible from its seed: case `i` of seed `s` is the same on every machine, and
 * `--start i --count 1` replays it alone. See `--help` for the options.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AstUtils, GrammarAST } from 'langium';
import { loadCorpus, REPO_ROOT, type CorpusFile } from './corpus.js';
import { DEFAULT_MINIMISE_BUDGET, minimiseLines, minimiseText, type MinimiseBudget } from './minimise.js';
import { mutate, tokenize } from './mutators.js';
import { FuzzOracle, type Failure, type FuzzCase, type Phase } from './oracle.js';
import { mixSeed, SeededRandom } from './random.js';
import { utf8RoundTrip, writeRegression, type RegressionInput } from './regression-files.js';

export const DEFAULT_REGRESSIONS_DIR = path.join(REPO_ROOT, 'test/fuzz/regressions');

/** Files up to this many characters are also truncated at every position (the sweep). */
const SWEEP_MAX_LENGTH = 2_048;
/** Every fourth case is the next position of the truncation sweep when the run does not sweep first. */
const SWEEP_EVERY = 4;
/** Position-based requests (completion, hover, definition, ...) per case. */
const PROBES_PER_CASE = 3;
/** Probability that a case also loads the unchanged files of the mutated file's workspace. */
const SIBLINGS_PROBABILITY = 0.25;
/** Texts up to this length are probed at every offset while minimising. */
const PROBE_ALL_MAX_LENGTH = 256;
/** Marks the failing offset in a text while it is minimised; a private-use character. */
const OFFSET_MARKER = '\uE000';

export interface FuzzOptions {
    seed: number;
    count: number;
    /** Index of the first case; `--start i --count 1` replays case `i` alone. */
    start?: number;
    /** Where minimised failures are written; nothing is written without it. */
    regressionsDir?: string;
    /** Minimise failures (default true). */
    minimise?: boolean;
    /** Distinct failures to minimise per run; later ones are only reported. */
    maxMinimised?: number;
    minimiseBudget?: MinimiseBudget;
    /** Run the whole truncation sweep of small files before the random cases. */
    sweep?: boolean;
    /** Stop starting new cases after this many milliseconds. */
    timeLimitMs?: number;
    /** A phase slower than this is a `slow-<phase>` failure. */
    slowPhaseMs?: number;
    log?: (line: string) => void;
}

export interface FoundFailure extends Failure {
    caseIndex: number;
    /** Corpus file that was mutated, with its origin, e.g. `examples/netflix/data.mlarch`. */
    source: string;
    mutations: string[];
    /** Path of the regression file, when one was written. */
    regression?: string;
    /** The minimised input's target document, when the failure was minimised. */
    minimised?: string;
}

export interface FuzzSummary {
    seed: number;
    cases: number;
    elapsedMs: number;
    failures: FoundFailure[];
    /** Failing cases per failure kind. */
    countsByKind: Record<string, number>;
}

interface PlannedCase {
    fuzzCase: FuzzCase;
    source: string;
    mutations: string[];
}

/** Returns the keywords of the MLArch grammar, sorted. */
export function grammarKeywords(oracle: FuzzOracle): string[] {
    const keywords = AstUtils.streamAllContents(oracle.currentServices.Grammar)
        .filter(GrammarAST.isKeyword)
        .map(keyword => keyword.value)
        .toArray();
    return [...new Set(keywords)].sort();
}

/** Returns `count` offsets into the text: half at token boundaries, where completion is usually asked for. */
function probeOffsets(text: string, random: SeededRandom, count = PROBES_PER_CASE): number[] {
    const boundaries: number[] = [];
    let offset = 0;
    for (const token of tokenize(text)) {
        offset += token.length;
        boundaries.push(offset);
    }
    const offsets: number[] = [];
    for (let i = 0; i < count; i++) {
        offsets.push(boundaries.length > 0 && random.chance(0.5) ? random.pick(boundaries) : random.int(text.length + 1));
    }
    return offsets;
}

/** Returns every offset of a short text, or `count` evenly spaced offsets of a longer one. */
export function spreadOffsets(text: string, count: number): number[] {
    if (text.length + 1 <= count) {
        return Array.from({ length: text.length + 1 }, (_, index) => index);
    }
    return Array.from({ length: count }, (_, index) => Math.round((index * text.length) / (count - 1)));
}

export class CasePlanner {
    private readonly sweep: Array<{ file: CorpusFile; position: number }> = [];

    constructor(private readonly corpus: CorpusFile[], private readonly keywords: string[], private readonly seed: number) {
        for (const file of corpus.filter(candidate => candidate.text.length <= SWEEP_MAX_LENGTH)) {
            for (let position = 0; position <= file.text.length; position++) {
                this.sweep.push({ file, position });
            }
        }
    }

    get sweepLength(): number {
        return this.sweep.length;
    }

    /** Returns case `index` of the seed; a sweep case when `sweepIndex` is given. */
    plan(index: number, sweepIndex?: number): PlannedCase {
        const random = new SeededRandom(mixSeed(this.seed, index));
        let file: CorpusFile;
        let text: string;
        let mutations: string[];
        if (sweepIndex !== undefined && this.sweep.length > 0) {
            const entry = this.sweep[sweepIndex % this.sweep.length];
            file = entry.file;
            text = file.text.slice(0, entry.position);
            mutations = [`truncate-at-${entry.position}`];
        } else {
            file = random.pick(this.corpus);
            ({ text, applied: mutations } = mutate(file.text, { random, keywords: this.keywords }));
        }
        const files = new Map<string, string>([[file.name, text]]);
        if (random.chance(SIBLINGS_PROBABILITY)) {
            for (const [name, siblingText] of file.siblings) {
                files.set(name, siblingText);
            }
        }
        return {
            fuzzCase: { files, target: file.name, offsets: probeOffsets(text, random) },
            source: `${file.origin}/${file.name}`,
            mutations
        };
    }
}

/** Groups failures that are probably the same bug: same kind, same message apart from numbers. */
function failureSignature(failure: Failure): string {
    return `${failure.kind}: ${failure.message.replace(/\d+/g, 'N').slice(0, 160)}`;
}

/**
 * Minimises a failing case while the oracle, restricted to the failing phase, still reports the
 * same failure kind, and returns the smallest input found.
 */
async function minimiseFailure(oracle: FuzzOracle, fuzzCase: FuzzCase, failure: Failure, budget: MinimiseBudget, slowPhaseMs?: number): Promise<RegressionInput> {
    const phases = new Set<Phase>([failure.phase, 'diagnostics']);
    const originalText = fuzzCase.files.get(fuzzCase.target) ?? '';
    const fractions = fuzzCase.offsets.map(offset => (originalText.length === 0 ? 0 : offset / originalText.length));

    let encode = (text: string): string => text;
    const fails = async (files: Map<string, string>): Promise<boolean> => {
        const encoded = new Map([...files].map(([name, text]) => [name, encode(text)]));
        const marked = encoded.get(fuzzCase.target) ?? '';
        const markerIndex = marked.indexOf(OFFSET_MARKER);
        const text = marked.replace(OFFSET_MARKER, '');
        encoded.set(fuzzCase.target, text);
        const offsets = text.length <= PROBE_ALL_MAX_LENGTH
            ? spreadOffsets(text, PROBE_ALL_MAX_LENGTH + 1)
            : fractions.map(fraction => Math.round(fraction * text.length));
        if (markerIndex >= 0) {
            offsets.unshift(markerIndex);
        }
        const found = await oracle.check({ files: encoded, target: fuzzCase.target, offsets }, { phases, slowPhaseMs });
        return found.some(candidate => candidate.kind === failure.kind);
    };

    let files = new Map(fuzzCase.files);
    if (failure.offset !== undefined && !originalText.includes(OFFSET_MARKER)) {
        files.set(fuzzCase.target, originalText.slice(0, failure.offset) + OFFSET_MARKER + originalText.slice(failure.offset));
    }
    // Prefer an input that a UTF-8 file can store, which replaces unpaired surrogates.
    if (await fails(new Map([...files].map(([name, text]) => [name, utf8RoundTrip(text)])))) {
        encode = utf8RoundTrip;
    }
    if (files.size > 1) {
        const alone = new Map([[fuzzCase.target, files.get(fuzzCase.target) ?? '']]);
        if (await fails(alone)) {
            files = alone;
        }
    }
    const withTarget = (text: string): Map<string, string> => new Map([...files, [fuzzCase.target, text]]);
    const target = await minimiseText(files.get(fuzzCase.target) ?? '', text => fails(withTarget(text)), budget);
    files.set(fuzzCase.target, target);
    for (const name of [...files.keys()].filter(other => other !== fuzzCase.target)) {
        const withSibling = (text: string): Map<string, string> => new Map([...files, [name, text]]);
        files.set(name, await minimiseLines(files.get(name) ?? '', text => fails(withSibling(text)), budget));
    }
    const result = new Map([...files].map(([name, text]) => [name, encode(text).replace(OFFSET_MARKER, '')]));
    return { files: result, target: fuzzCase.target };
}

/** Runs the fuzz cases of a seed and returns what failed. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
    const log = options.log ?? ((line: string) => console.log(line));
    const started = Date.now();
    const oracle = new FuzzOracle();
    const planner = new CasePlanner(loadCorpus(), grammarKeywords(oracle), options.seed);
    const start = options.start ?? 0;
    const minimise = options.minimise ?? true;
    const maxMinimised = options.maxMinimised ?? 20;
    const failures: FoundFailure[] = [];
    const countsByKind: Record<string, number> = {};
    const seenSignatures = new Set<string>();
    let minimisedCount = 0;
    let cases = 0;

    const sweepCases = options.sweep ? planner.sweepLength : 0;
    const total = sweepCases + options.count;
    log(`Fuzzing with seed ${options.seed}: ${options.count} cases from case ${start}${sweepCases ? ` after a sweep of ${sweepCases} truncations` : ''}.`);

    for (let step = 0; step < total; step++) {
        if (options.timeLimitMs !== undefined && Date.now() - started > options.timeLimitMs) {
            log(`Stopped after ${cases} cases: the time limit of ${options.timeLimitMs} ms is reached.`);
            break;
        }
        const isFullSweep = step < sweepCases;
        const index = isFullSweep ? step : start + step - sweepCases;
        const interleavedSweep = !options.sweep && index % SWEEP_EVERY === SWEEP_EVERY - 1 ? Math.floor(index / SWEEP_EVERY) : undefined;
        const planned = planner.plan(index, isFullSweep ? step : interleavedSweep);
        const found = await oracle.check(planned.fuzzCase, { slowPhaseMs: options.slowPhaseMs });
        cases++;

        for (const failure of found) {
            countsByKind[failure.kind] = (countsByKind[failure.kind] ?? 0) + 1;
            const signature = failureSignature(failure);
            if (seenSignatures.has(signature)) {
                continue;
            }
            seenSignatures.add(signature);
            const record: FoundFailure = { ...failure, caseIndex: index, source: planned.source, mutations: planned.mutations };
            const replay = isFullSweep ? '--sweep' : `--seed ${options.seed} --start ${index} --count 1`;
            log(`FAIL case ${index} (${planned.source}; ${planned.mutations.join(', ')}): ${failure.kind}: ${failure.message}\n     replay: npm run fuzz -- ${replay}`);
            if (minimise && minimisedCount < maxMinimised && !failure.kind.startsWith('slow-')) {
                minimisedCount++;
                const input = await minimiseFailure(oracle, planned.fuzzCase, failure, options.minimiseBudget ?? DEFAULT_MINIMISE_BUDGET, options.slowPhaseMs);
                record.minimised = input.files.get(input.target);
                log(`     minimised to ${record.minimised?.length ?? 0} characters: ${JSON.stringify(record.minimised?.slice(0, 300))}`);
                if (options.regressionsDir) {
                    record.regression = writeRegression(options.regressionsDir, failure.kind, input);
                    log(`     written to ${path.relative(process.cwd(), record.regression)}`);
                }
            }
            failures.push(record);
        }
        if (cases % 500 === 0) {
            log(`${cases} cases in ${((Date.now() - started) / 1000).toFixed(0)} s, ${failures.length} distinct failures.`);
        }
    }

    const elapsedMs = Date.now() - started;
    const kinds = Object.entries(countsByKind).map(([kind, count]) => `${kind} ${count}`).join(', ');
    log(`Ran ${cases} cases in ${(elapsedMs / 1000).toFixed(1)} s: ${failures.length === 0 ? 'no failures' : `${failures.length} distinct failures (${kinds})`}.`);
    return { seed: options.seed, cases, elapsedMs, failures, countsByKind };
}

const USAGE = `Usage: npm run fuzz -- [options]

  --count N          random cases to run (default 1000)
  --seed S           seed of the random cases, an integer (default: taken from the clock and printed)
  --start I          index of the first case (default 0); --start I --count 1 replays case I
  --sweep            first truncate every file of up to ${SWEEP_MAX_LENGTH} characters at every position
  --time-limit SEC   stop starting new cases after SEC seconds
  --out DIR          folder for minimised failures (default test/fuzz/regressions)
  --no-minimise      report failures without minimising or writing them
  --max-minimise N   distinct failures to minimise per run (default 20)
  --slow-ms MS       a phase slower than MS milliseconds is a failure (default 10000)

Exits with 1 when a case fails and 2 on invalid options.`;

function parseInteger(option: string, value: string | undefined, minimum: number): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < minimum) {
        throw new Error(`Invalid ${option} value '${value}': pass an integer of at least ${minimum}.`);
    }
    return parsed;
}

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            count: { type: 'string' },
            seed: { type: 'string' },
            start: { type: 'string' },
            sweep: { type: 'boolean' },
            'time-limit': { type: 'string' },
            out: { type: 'string' },
            'no-minimise': { type: 'boolean' },
            'max-minimise': { type: 'string' },
            'slow-ms': { type: 'string' },
            help: { type: 'boolean' }
        }
    });
    if (values.help) {
        console.log(USAGE);
        return 0;
    }
    const timeLimit = parseInteger('--time-limit', values['time-limit'], 1);
    const summary = await runFuzz({
        count: parseInteger('--count', values.count, 0) ?? 1000,
        seed: parseInteger('--seed', values.seed, 0) ?? Date.now() % 1_000_000_000,
        start: parseInteger('--start', values.start, 0),
        sweep: values.sweep ?? false,
        timeLimitMs: timeLimit === undefined ? undefined : timeLimit * 1000,
        regressionsDir: path.resolve(values.out ?? DEFAULT_REGRESSIONS_DIR),
        minimise: !values['no-minimise'],
        maxMinimised: parseInteger('--max-minimise', values['max-minimise'], 0),
        slowPhaseMs: parseInteger('--slow-ms', values['slow-ms'], 1)
    });
    return summary.failures.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    main().then(code => {
        process.exitCode = code;
    }, (error: unknown) => {
        console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
        process.exitCode = 2;
    });
}
