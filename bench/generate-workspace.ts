/**
 * Writes a generated MLArch workspace to a folder.
 *
 *   npm run bench:generate -- --size netflix --out .cache/bench/netflix
 *   npm run bench:generate -- --models 300 --jobs 1500 --out /tmp/medium
 *
 * `--models` and `--jobs` override the counts of `--size`; `--seed` changes the content.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, WORKSPACE_SIZES, generateWorkspace, type GeneratedWorkspace, type WorkspaceSizeName } from './workspace-generator.js';

/** Replaces the folder's content with the generated files. */
export async function writeWorkspace(workspace: GeneratedWorkspace, folder: string): Promise<void> {
    await fs.rm(folder, { recursive: true, force: true });
    for (const [relative, text] of workspace.files) {
        const target = path.join(folder, ...relative.split('/'));
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, text, 'utf-8');
    }
}

function parseCount(option: string, value: string | undefined): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) {
        throw new Error(`Invalid ${option} value '${value}': pass a positive integer.`);
    }
    return parsed;
}

const USAGE = `Usage: npm run bench:generate -- --out FOLDER [options]

Writes a generated MLArch workspace to FOLDER, replacing what it contains.

Options:
  --out FOLDER   folder to write (required)
  --size NAME    ${Object.entries(WORKSPACE_SIZES).map(([name, size]) => `${name} (${size.models} models, ${size.jobs} jobs)`).join(', ')}; default: small
  --models N     number of models, instead of the size's
  --jobs N       number of jobs, instead of the size's
  --seed N       seed of the generator, for other content (default: ${DEFAULT_SEED})
  -h, --help     print this help`;

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            size: { type: 'string' },
            models: { type: 'string' },
            jobs: { type: 'string' },
            seed: { type: 'string' },
            out: { type: 'string' },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const sizeName = (values.size ?? 'small') as WorkspaceSizeName;
    const size = WORKSPACE_SIZES[sizeName];
    if (!size) {
        throw new Error(`Unknown size '${values.size}'. Use one of: ${Object.keys(WORKSPACE_SIZES).join(', ')}.`);
    }
    if (!values.out) {
        throw new Error('Missing --out: pass the folder to write the workspace to.');
    }
    const models = parseCount('--models', values.models) ?? size.models;
    const jobs = parseCount('--jobs', values.jobs) ?? size.jobs;
    const seed = parseCount('--seed', values.seed) ?? DEFAULT_SEED;

    const workspace = generateWorkspace({ models, jobs, seed });
    await writeWorkspace(workspace, values.out);
    const bytes = [...workspace.files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const kinds = Object.entries(workspace.counts).map(([kind, amount]) => `${amount} ${kind}`).join(', ');
    console.log(`Wrote ${workspace.files.size} files (${(bytes / 1e6).toFixed(1)} MB) to ${values.out}: ${kinds}.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    main().catch((error: unknown) => {
        console.error(`generate-workspace: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
        process.exit(2);
    });
}
