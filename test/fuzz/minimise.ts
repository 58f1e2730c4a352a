/**
 * Delta debugging (the complement-only variant of Zeller's ddmin): repeatedly removes chunks of
 * an input while a predicate still reports the same failure, first over lines and then over
 * characters. The predicate is the fuzz oracle restricted to the failing phase.
 */

export interface MinimiseBudget {
    /** Maximum number of predicate calls. */
    maxChecks: number;
    /** Maximum wall-clock time in milliseconds; minimisation returns the smallest input so far. */
    maxMs: number;
}

export const DEFAULT_MINIMISE_BUDGET: MinimiseBudget = { maxChecks: 1_500, maxMs: 120_000 };

/** Tracks the budget that one minimisation may spend. */
class Budget {
    private checks = 0;
    private readonly deadline: number;

    constructor(private readonly limits: MinimiseBudget) {
        this.deadline = Date.now() + limits.maxMs;
    }

    /** Counts one predicate call; returns false when the budget is spent. */
    spend(): boolean {
        this.checks++;
        return this.checks <= this.limits.maxChecks && Date.now() < this.deadline;
    }
}

/** Returns a smaller list of units for which `fails` still holds, removing chunks of halving size. */
async function ddmin<T>(units: T[], fails: (candidate: T[]) => Promise<boolean>, budget: Budget): Promise<T[]> {
    let current = units;
    let chunks = 2;
    while (current.length >= 1) {
        const chunkSize = Math.ceil(current.length / chunks);
        let reduced = false;
        for (let start = 0; start < current.length; start += chunkSize) {
            const complement = [...current.slice(0, start), ...current.slice(start + chunkSize)];
            if (!budget.spend()) {
                return current;
            }
            if (await fails(complement)) {
                current = complement;
                chunks = Math.max(chunks - 1, 2);
                reduced = true;
                break;
            }
        }
        if (!reduced) {
            if (chunkSize <= 1) {
                return current;
            }
            chunks = Math.min(current.length, chunks * 2);
        }
    }
    return current;
}

/**
 * Minimises a text over lines, then over UTF-16 code units, keeping `fails(text)` true. The
 * input itself must fail; the result is the smallest failing text found within the budget.
 */
export async function minimiseText(text: string, fails: (candidate: string) => Promise<boolean>, limits: MinimiseBudget = DEFAULT_MINIMISE_BUDGET): Promise<string> {
    const budget = new Budget(limits);
    const lines = text.split(/(?<=\n)/);
    const fewerLines = (await ddmin(lines, candidate => fails(candidate.join('')), budget)).join('');
    const characters = fewerLines.split('');
    return (await ddmin(characters, candidate => fails(candidate.join('')), budget)).join('');
}

/** Minimises only over lines, for files that accompany the minimised one. */
export async function minimiseLines(text: string, fails: (candidate: string) => Promise<boolean>, limits: MinimiseBudget = DEFAULT_MINIMISE_BUDGET): Promise<string> {
    const budget = new Budget(limits);
    return (await ddmin(text.split(/(?<=\n)/), candidate => fails(candidate.join('')), budget)).join('');
}
