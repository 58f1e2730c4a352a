/**
 * The format of test/fuzz/regressions: one `.mlarch` file per minimised failure. A failure that
 * needs several documents is stored in one file, each document after a marker line
 * `//// file: <name>`, and the first document is the one the language features are called on.
 * UTF-8 cannot store unpaired surrogates, so an input that contains them is written as a `.json`
 * file of the form `{ "target": name, "files": { name: text } }` instead.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const FILE_MARKER = /^\/\/\/\/ file: (.+)\r?\n/gm;

export interface RegressionInput {
    files: Map<string, string>;
    target: string;
}

/** Joins documents into the text of one regression file. A single document is stored as it is. */
export function encodeRegression(input: RegressionInput): string {
    if (input.files.size === 1) {
        return input.files.get(input.target) ?? '';
    }
    const ordered = [input.target, ...[...input.files.keys()].filter(name => name !== input.target)];
    return ordered.map(name => `//// file: ${name}\n${input.files.get(name) ?? ''}`).join('\n');
}

/** Splits the text of a regression file into its documents. */
export function decodeRegression(text: string, fileName: string): RegressionInput {
    const markers = [...text.matchAll(FILE_MARKER)];
    if (markers.length === 0 || markers[0].index !== 0) {
        return { files: new Map([[fileName, text]]), target: fileName };
    }
    const files = new Map<string, string>();
    markers.forEach((marker, index) => {
        const start = (marker.index ?? 0) + marker[0].length;
        const end = index + 1 < markers.length ? markers[index + 1].index ?? text.length : text.length;
        // encodeRegression puts one line break between documents; it is not part of either.
        const body = text.slice(start, end);
        files.set(marker[1], index + 1 < markers.length ? body.replace(/\n$/, '') : body);
    });
    return { files, target: markers[0][1] };
}

/** Returns the text as it reads back after writing it as UTF-8: unpaired surrogates become U+FFFD. */
export function utf8RoundTrip(text: string): string {
    return Buffer.from(text, 'utf-8').toString('utf-8');
}

/**
 * Writes a regression file named `<kind>-<hash>.mlarch`, or `<kind>-<hash>.json` when a text
 * does not survive UTF-8, and returns its path. An existing file of the same name is kept.
 */
export function writeRegression(directory: string, kind: string, input: RegressionInput): string {
    const fitsUtf8 = [...input.files.values()].every(text => utf8RoundTrip(text) === text);
    const text = fitsUtf8
        ? encodeRegression(input)
        : `${JSON.stringify({ target: input.target, files: Object.fromEntries(input.files) }, undefined, 2)}\n`;
    const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
    fs.mkdirSync(directory, { recursive: true });
    const file = path.join(directory, `${kind}-${hash}.${fitsUtf8 ? 'mlarch' : 'json'}`);
    if (!fs.existsSync(file)) {
        fs.writeFileSync(file, text, 'utf-8');
    }
    return file;
}

/** Reads a regression file written by writeRegression. */
export function readRegression(file: string): RegressionInput {
    const text = fs.readFileSync(file, 'utf-8');
    if (file.endsWith('.json')) {
        const parsed = JSON.parse(text) as { target: string; files: Record<string, string> };
        return { target: parsed.target, files: new Map(Object.entries(parsed.files)) };
    }
    return decodeRegression(text, path.basename(file));
}

/** Returns the regression files of a folder, sorted by name. */
export function listRegressions(directory: string): string[] {
    if (!fs.existsSync(directory)) {
        return [];
    }
    return fs.readdirSync(directory)
        .filter(name => name.endsWith('.mlarch') || name.endsWith('.json'))
        .sort()
        .map(name => path.join(directory, name));
}
