/**
 * Helpers for the unit tests: build in-memory workspaces of several `.mlarch` documents with
 * the real MLArch services, and locate text in them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import type { Diagnostic, Position, Range } from 'vscode-languageserver';
import { createMlArchServices, type MlArchServices } from '../../language/src/mlarch-module.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

export interface TestWorkspace {
    services: MlArchServices;
    /** Documents by the file name given to `buildWorkspace`. */
    documents: Map<string, LangiumDocument>;
    /** Returns the document of a file name, and fails when there is none. */
    document(name: string): LangiumDocument;
    /** Returns the diagnostics of a file name. */
    diagnostics(name: string): Diagnostic[];
}

/** Returns the in-memory URI that `buildWorkspace` gives a file name. */
export function testUri(name: string): string {
    return URI.file(`/test-workspace/${name}`).toString();
}

let sharedServices: MlArchServices | undefined;

/**
 * Returns the MLArch services of this test process with no documents in them. One instance is
 * reused because Langium creates its parser on the first parse, the slowest step of a small test.
 */
async function emptyServices(): Promise<MlArchServices> {
    sharedServices ??= createMlArchServices(EmptyFileSystem).MlArch;
    await clearDocuments(sharedServices);
    return sharedServices;
}

/**
 * Parses, links and validates the given files together, as the language server does for a
 * workspace folder. Keys are file names, values are file contents. Documents of the previous
 * call are removed first, so the returned workspace is valid until the next call.
 */
export async function buildWorkspace(files: Record<string, string>): Promise<TestWorkspace> {
    const services = await emptyServices();
    const factory = services.shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const documents = new Map<string, LangiumDocument>();
    for (const [name, text] of Object.entries(files)) {
        const document = factory.fromString(text, URI.parse(testUri(name)));
        langiumDocuments.addDocument(document);
        documents.set(name, document);
    }
    await services.shared.workspace.DocumentBuilder.build([...documents.values()], { validation: true });

    const document = (name: string): LangiumDocument => {
        const found = documents.get(name);
        if (!found) {
            throw new Error(`No document named ${name} in the test workspace; known: ${[...documents.keys()].join(', ')}.`);
        }
        return found;
    };
    return {
        services,
        documents,
        document,
        diagnostics: name => document(name).diagnostics ?? []
    };
}

/** Builds a workspace of one file named `main.mlarch` and returns its diagnostics. */
export async function diagnosticsOf(text: string): Promise<Diagnostic[]> {
    const workspace = await buildWorkspace({ 'main.mlarch': text });
    return workspace.diagnostics('main.mlarch');
}

/** Reads every `.mlarch` file of an example folder, keyed by file name. */
export function readExample(folder: string): Record<string, string> {
    const directory = path.join(EXAMPLES_DIR, folder);
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(directory).sort()) {
        if (name.endsWith('.mlarch')) {
            files[name] = fs.readFileSync(path.join(directory, name), 'utf-8');
        }
    }
    return files;
}

/**
 * Returns the range of the `occurrence`-th (zero-based) match of `needle` in `text`. Fails
 * when the text has fewer matches, so a test never asserts against a guessed position.
 */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
    let offset = -1;
    for (let seen = 0; seen <= occurrence; seen++) {
        offset = text.indexOf(needle, offset + 1);
        if (offset < 0) {
            throw new Error(`Text has fewer than ${occurrence + 1} occurrence(s) of ${JSON.stringify(needle)}.`);
        }
    }
    return { start: positionAt(text, offset), end: positionAt(text, offset + needle.length) };
}

export interface MarkedText {
    /** The text without markers. */
    text: string;
    /** Ranges written as `«...»`, in order of their start. */
    ranges: Range[];
    /** Offset of the `<|>` cursor marker, or -1 without one. */
    cursor: number;
}

/**
 * Removes the markers from a test input: `«name»` marks an expected range and `<|>` a cursor
 * position. Markers do not nest.
 */
export function stripMarkers(source: string): MarkedText {
    let text = '';
    let cursor = -1;
    const starts: number[] = [];
    const offsets: Array<[number, number]> = [];
    for (let index = 0; index < source.length; index++) {
        if (source.startsWith('<|>', index)) {
            cursor = text.length;
            index += 2;
        } else if (source[index] === '«') {
            starts.push(text.length);
        } else if (source[index] === '»') {
            const start = starts.pop();
            if (start === undefined) {
                throw new Error(`Unmatched » at offset ${index} of a test input.`);
            }
            offsets.push([start, text.length]);
        } else {
            text += source[index];
        }
    }
    const ranges = offsets
        .sort((a, b) => a[0] - b[0])
        .map(([start, end]) => ({ start: positionAt(text, start), end: positionAt(text, end) }));
    return { text, ranges, cursor };
}

/** Converts an offset into a zero-based line and character. */
export function positionAt(text: string, offset: number): Position {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    const character = offset - (before.lastIndexOf('\n') + 1);
    return { line, character };
}

/** Formats diagnostics one per line, for assertion messages. */
export function describeDiagnostics(diagnostics: Diagnostic[]): string {
    if (diagnostics.length === 0) {
        return '(no diagnostics)';
    }
    return diagnostics
        .map(diagnostic => {
            const { start, end } = diagnostic.range;
            return `${start.line}:${start.character}-${end.line}:${end.character} severity ${diagnostic.severity} ${String(diagnostic.code)} ${messageOf(diagnostic)}`;
        })
        .join('\n');
}

/** Returns the message text of a diagnostic. LSP also allows markup content, which MLArch does not send. */
export function messageOf(diagnostic: Diagnostic): string {
    return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
