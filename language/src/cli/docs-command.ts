import * as path from 'node:path';
import { generateDocsForFolder, writeDocs, type DiagramFormat } from '../docs/generate-docs.js';

export interface DocsCommandOptions {
    out: string;
    diagrams: DiagramFormat;
}

/** Generates the documentation of the workspace under `folder` into the `out` folder and returns the written files. */
export async function runDocs(folder: string, options: DocsCommandOptions): Promise<string[]> {
    const docs = await generateDocsForFolder(folder, { diagrams: options.diagrams });
    return writeDocs(path.resolve(options.out), docs);
}
