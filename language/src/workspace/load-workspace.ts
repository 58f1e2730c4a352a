import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { URI } from 'vscode-uri';
import { createMlArchServices, type MlArchServices } from '../mlarch-module.js';
import { CONFIG_FILE_NAME, type MlArchConfig } from './mlarch-config.js';

export const MLARCH_EXTENSION = '.mlarch';

/** Files read ahead of the parser while a workspace loads. */
const READ_AHEAD = 32;

export interface LoadedWorkspace {
    services: MlArchServices;
    documents: LangiumDocument[];
}

/**
 * Collects the `.mlarch` files under the given files and folders (recursively, skipping
 * `node_modules` and hidden folders) in a stable, sorted order.
 * Throws an error naming the path when a path does not exist.
 */
export async function collectMlArchFiles(paths: string[]): Promise<string[]> {
    const files = new Set<string>();
    for (const input of paths) {
        const absolute = path.resolve(input);
        let stat;
        try {
            stat = await fs.stat(absolute);
        } catch {
            throw new Error(`Path not found: ${input}. Pass existing .mlarch files or folders.`);
        }
        if (stat.isDirectory()) {
            for (const file of await walk(absolute)) {
                files.add(file);
            }
        } else {
            files.add(absolute);
        }
    }
    return [...files].sort();
}

async function walk(folder: string): Promise<string[]> {
    const found: string[] = [];
    const entries = await fs.readdir(folder, { withFileTypes: true });
    for (const entry of entries) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') {
            continue;
        }
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            found.push(...await walk(full));
        } else if (entry.isFile() && entry.name.endsWith(MLARCH_EXTENSION)) {
            found.push(full);
        }
    }
    return found;
}

/**
 * Finds the `mlarch.config.json` that applies to the given files and folders: the one in their
 * nearest common ancestor folder or, failing that, in the nearest folder above it.
 */
export async function findConfigFile(paths: string[]): Promise<string | undefined> {
    if (paths.length === 0) {
        return undefined;
    }
    const folders = await Promise.all(paths.map(async input => {
        const absolute = path.resolve(input);
        const isFolder = await fs.stat(absolute).then(stat => stat.isDirectory(), () => false);
        return isFolder ? absolute : path.dirname(absolute);
    }));
    let folder = folders[0];
    while (!folders.every(other => other === folder || other.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep))) {
        folder = path.dirname(folder);
    }

    for (;;) {
        const candidate = path.join(folder, CONFIG_FILE_NAME);
        if (await fs.stat(candidate).then(stat => stat.isFile(), () => false)) {
            return candidate;
        }
        const parent = path.dirname(folder);
        if (parent === folder) {
            return undefined;
        }
        folder = parent;
    }
}

/**
 * Parses, links and validates the given `.mlarch` files as one workspace, under the policy of
 * `config` when given and the default policy otherwise.
 */
export async function loadWorkspace(files: string[], config?: MlArchConfig): Promise<LoadedWorkspace> {
    const services = createMlArchServices(NodeFileSystem).MlArch;
    services.workspace.MetadataPolicy.configure(config);
    const documentFactory = services.shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const documents: LangiumDocument[] = [];
    // Reading ahead of the parser overlaps file I/O with parsing; the window bounds open files.
    const texts: Array<Promise<string>> = [];
    const readAhead = (index: number): void => {
        if (index < files.length) {
            texts[index] = fs.readFile(files[index], 'utf-8');
            // The read is awaited in order below; this only keeps a failure before then from counting as unhandled.
            texts[index].catch(() => undefined);
        }
    };
    for (let index = 0; index < READ_AHEAD; index++) {
        readAhead(index);
    }
    for (const [index, file] of files.entries()) {
        const text = await texts[index];
        readAhead(index + READ_AHEAD);
        const document = documentFactory.fromString(text, URI.file(file));
        langiumDocuments.addDocument(document);
        documents.push(document);
    }
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { services, documents };
}
