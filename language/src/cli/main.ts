import { Command, InvalidArgumentError } from 'commander';
import { VIEW_KINDS, type ViewKind } from '../graph/graph-model.js';
import { formatSummary, runCheck } from './check-command.js';
import { runExport } from './export-command.js';

/** Exit codes: 0 clean (warnings allowed), 1 errors found, 2 usage or I/O error. */
const EXIT_ERRORS = 1;
const EXIT_USAGE = 2;

function parseView(value: string): ViewKind {
    if (!(VIEW_KINDS as readonly string[]).includes(value)) {
        throw new InvalidArgumentError(`Unknown view '${value}'. Use one of: ${VIEW_KINDS.join(', ')}.`);
    }
    return value as ViewKind;
}

const program = new Command()
    .name('mlarch')
    .description('Check and export MLArch workspaces (.mlarch files).')
    .exitOverride(error => {
        process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
    });

program
    .command('check')
    .description('Validate .mlarch files and print one line per diagnostic: path:line:column: severity code message.')
    .argument('<paths...>', '.mlarch files or folders to check as one workspace')
    .action(async (paths: string[]) => {
        const summary = await runCheck(paths, line => console.log(line));
        console.log(formatSummary(summary));
        process.exitCode = summary.errors > 0 ? EXIT_ERRORS : 0;
    });

program
    .command('export')
    .description('Lay out one view of a workspace and write it as a standalone SVG file.')
    .argument('<folder>', 'folder (or .mlarch file) holding the workspace')
    .requiredOption('--view <view>', `view to export: ${VIEW_KINDS.join(' or ')}`, parseView)
    .requiredOption('--out <file>', 'path of the SVG file to write')
    .action(async (folder: string, options: { view: ViewKind; out: string }) => {
        const written = await runExport(folder, options.view, options.out);
        console.log(`Wrote the ${options.view} view (${written.nodes} nodes, ${written.edges} edges) to ${written.path}.`);
    });

program.parseAsync(process.argv).catch((error: unknown) => {
    console.error(`mlarch: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(EXIT_USAGE);
});
