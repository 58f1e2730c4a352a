/**
 * A small seeded pseudo-random number generator (SplitMix32 seeding an sfc32 state), so that a
 * fuzz run is reproducible from its seed on every platform. Math.random cannot be seeded.
 */

/** Mixes two 32-bit integers into one, so that neighbouring case indexes get unrelated streams. */
export function mixSeed(seed: number, index: number): number {
    let value = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index | 0, 0x85ebca6b)) >>> 0;
    value = Math.imul(value ^ (value >>> 16), 0x7feb352d) >>> 0;
    value = Math.imul(value ^ (value >>> 15), 0x846ca68b) >>> 0;
    return (value ^ (value >>> 16)) >>> 0;
}

export class SeededRandom {
    private a: number;
    private b: number;
    private c: number;
    private d: number;

    constructor(seed: number) {
        this.a = mixSeed(seed, 1);
        this.b = mixSeed(seed, 2);
        this.c = mixSeed(seed, 3);
        this.d = mixSeed(seed, 4);
        // Discard the first outputs, which sfc32 correlates with the seed.
        for (let i = 0; i < 12; i++) {
            this.next();
        }
    }

    /** Returns a uniformly distributed unsigned 32-bit integer. */
    next(): number {
        const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
        this.d = (this.d + 1) >>> 0;
        this.a = this.b ^ (this.b >>> 9);
        this.b = (this.c + (this.c << 3)) >>> 0;
        this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
        this.c = (this.c + t) >>> 0;
        return t;
    }

    /** Returns an integer in [0, bound). `bound` must be a positive integer. */
    int(bound: number): number {
        if (!Number.isInteger(bound) || bound <= 0) {
            throw new Error(`Invalid random bound ${bound}: pass a positive integer.`);
        }
        return Math.floor((this.next() / 0x1_0000_0000) * bound);
    }

    /** Returns an integer in [min, max], both inclusive. */
    between(min: number, max: number): number {
        return min + this.int(max - min + 1);
    }

    /** Returns true with the given probability. */
    chance(probability: number): boolean {
        return this.next() / 0x1_0000_0000 < probability;
    }

    /** Returns a random element of a non-empty array. */
    pick<T>(items: readonly T[]): T {
        if (items.length === 0) {
            throw new Error('Cannot pick from an empty list.');
        }
        return items[this.int(items.length)];
    }
}
