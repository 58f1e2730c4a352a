import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { URI } from 'vscode-uri';
import { createMlArchServices, type MlArchServices } from '../mlarch-module.js';

export const MLARCH_EXTENSION = '.mlarch';

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

/** Parses, links and validates the given `.mlarch` files as one workspace. */
export async function loadWorkspace(files: string[]): Promise<LoadedWorkspace> {
    const services = createMlArchServices(NodeFileSystem).MlArch;
    const documentFactory = services.shared.workspace.LangiumDocumentFactory;
    const langiumDocuments = services.shared.workspace.LangiumDocuments;
    const documents: LangiumDocument[] = [];
    for (const file of files) {
        const text = await fs.readFile(file, 'utf-8');
        const document = documentFactory.fromString(text, URI.file(file));
        langiumDocuments.addDocument(document);
        documents.push(document);
    }
    await services.shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return { services, documents };
}
