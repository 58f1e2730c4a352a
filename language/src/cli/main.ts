import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import packageJson from '../../../package.json' with { type: 'json' };
import { DIAGRAM_FORMATS, type DiagramFormat } from '../docs/generate-docs.js';
import { formatJsonReport, formatSummary, formatTextReport, type CheckReport } from '../export/check-report.js';
import { EXPORT_FORMATS, type ExportFormat } from '../export/export-format.js';
import { formatSarifReport } from '../export/sarif.js';
import { formatViewSpec, parseViewSpec, VIEW_SPEC_FORMS, ViewSpecError, type ViewSpec } from '../export/view-spec.js';
import { collectCheckReport } from './check-command.js';
import { runDocs } from './docs-command.js';
import { runExport } from './export-command.js';

/** Exit statuses of every command. */
const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

const EXIT_STATUS_HELP = `
Exit status:
  0  success; for check: no errors, and no more warnings than --max-warnings
  1  check found errors, or more warnings than --max-warnings
  2  invalid arguments or options, a path or pattern that matches no .mlarch file, or a read or write error`;

type CheckFormat = 'text' | 'json' | 'sarif';

interface CheckOptions {
    format: CheckFormat;
    maxWarnings?: number;
    output?: string;
}

interface ExportCommandOptions {
    view: ViewSpec;
    out: string;
    format?: ExportFormat;
    scale?: number;
    font: string[];
}

function parseCount(value: string): number {
    if (!/^\d+$/.test(value)) {
        throw new InvalidArgumentError(`'${value}' is not a whole number of 0 or more.`);
    }
    return Number(value);
}

function parseScale(value: string): number {
    const scale = Number(value);
    if (!Number.isFinite(scale) || scale <= 0 || scale > 16) {
        throw new InvalidArgumentError(`'${value}' is not a scale factor greater than 0 and at most 16.`);
    }
    return scale;
}

function parseView(value: string): ViewSpec {
    try {
        return parseViewSpec(value);
    } catch (error) {
        if (error instanceof ViewSpecError) {
            throw new InvalidArgumentError(error.message);
        }
        throw error;
    }
}

function collect(value: string, previous: string[]): string[] {
    return [...previous, value];
}

const program = new Command()
    .name('mlarch')
    .description('Check MLArch workspaces (.mlarch files), export their views and generate their documentation.')
    .version(packageJson.version)
    .addHelpText('after', EXIT_STATUS_HELP)
    .exitOverride(error => {
        process.exit(error.exitCode === 0 ? EXIT_OK : EXIT_USAGE);
    });

program
    .command('check')
    .description('Validate .mlarch files as one workspace under the policy of the nearest mlarch.config.json, and report the diagnostics.')
    .argument('[paths...]', '.mlarch files, folders (searched recursively) or glob patterns such as "models/**/*.mlarch"; default: the current folder')
    .addOption(new Option('--format <format>', 'report format: text (path:line:column: severity code message), json, or sarif (SARIF 2.1.0 for code scanning)')
        .choices(['text', 'json', 'sarif']).default('text'))
    .option('--max-warnings <count>', 'exit with status 1 when there are more than this many warnings (default: no limit)', parseCount)
    .option('-o, --output <file>', 'write the report to this file; standard output then only gets the summary line')
    .addHelpText('after', EXIT_STATUS_HELP)
    .action(async (paths: string[], options: CheckOptions) => {
        const report = await collectCheckReport(paths);
        const text = formatReport(report, options.format);
        if (options.output) {
            await writeOutput(options.output, text);
            console.log(formatSummary(report.summary));
        } else {
            process.stdout.write(text);
        }
        const tooManyWarnings = options.maxWarnings !== undefined && report.summary.warnings > options.maxWarnings;
        if (tooManyWarnings) {
            console.error(`mlarch: ${report.summary.warnings} warning(s) exceed the maximum of ${options.maxWarnings} set with --max-warnings.`);
        }
        process.exitCode = report.summary.errors > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
    });

program
    .command('export')
    .description('Build one view of a workspace and write it as SVG or PNG (laid out as the preview draws it), JSON (the graph model), Mermaid or Graphviz DOT.')
    .argument('<folder>', 'folder (or .mlarch file) of the workspace')
    .requiredOption('--view <view>', `view to export: ${VIEW_SPEC_FORMS.join(', ')}`, parseView)
    .requiredOption('--out <file>', 'file to write, or - for standard output (not for PNG)')
    .addOption(new Option('--format <format>', 'file format; default: from the extension of --out (.svg, .png, .json, .mmd or .mermaid, .dot or .gv)')
        .choices([...EXPORT_FORMATS]))
    .option('--scale <factor>', 'PNG only: pixels per diagram unit, from above 0 to 16 (default: 2)', parseScale)
    .option('--font <file>', 'PNG only: a .ttf, .otf or .ttc file to draw text with besides the system fonts; repeatable', collect, [])
    .addHelpText('after', EXIT_STATUS_HELP)
    .action(async (folder: string, options: ExportCommandOptions) => {
        const written = await runExport(folder, {
            view: options.view,
            out: options.out,
            format: options.format,
            scale: options.scale,
            fontFiles: options.font
        });
        if (written.path !== '-') {
            const size = written.width !== undefined ? `, ${written.width}×${written.height} px` : '';
            console.log(`Wrote the ${formatViewSpec(options.view)} view as ${written.format} (${written.nodes} nodes, ${written.edges} edges${size}) to ${written.path}.`);
        }
    });

program
    .command('docs')
    .description('Generate Markdown documentation in the arc42 structure: building blocks, model registry, data pipelines and operations.')
    .argument('<folder>', 'folder of the workspace')
    .requiredOption('--out <folder>', 'folder to write README.md and the view files into; other files there are kept')
    .addOption(new Option('--diagrams <format>', 'embed diagrams as Mermaid code blocks, or as SVG files in <out>/diagrams/')
        .choices([...DIAGRAM_FORMATS]).default('mermaid'))
    .addHelpText('after', EXIT_STATUS_HELP)
    .action(async (folder: string, options: { out: string; diagrams: DiagramFormat }) => {
        const written = await runDocs(folder, options);
        console.log(`Wrote ${written.length} file(s) to ${path.resolve(options.out)}.`);
    });

function formatReport(report: CheckReport, format: CheckFormat): string {
    const baseFolder = process.cwd();
    switch (format) {
        case 'text':
            return formatTextReport(report, baseFolder).join('\n') + '\n';
        case 'json':
            return formatJsonReport(report, baseFolder);
        case 'sarif':
            return formatSarifReport(report, { baseFolder, toolVersion: packageJson.version });
    }
}

async function writeOutput(file: string, text: string): Promise<void> {
    const target = path.resolve(file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, text, 'utf-8');
}

/** Plain reasons for the file system errors that a wrong --out or --output path causes. */
const FILE_ERROR_REASONS: Readonly<Record<string, string>> = {
    EACCES: 'permission denied',
    EEXIST: 'a file is in the way where a folder is needed',
    EISDIR: 'it is a folder; pass a file name',
    ENOENT: 'no such file or folder',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EROFS: 'the file system is read-only'
};

/** Returns the message of an error: for a file system error, the path and a plain reason. */
function describeError(error: unknown): string {
    if (!(error instanceof Error)) {
        return String(error);
    }
    const { code, path: failedPath } = error as NodeJS.ErrnoException;
    if (code !== undefined && failedPath !== undefined) {
        return `Cannot use ${failedPath}: ${FILE_ERROR_REASONS[code] ?? error.message} (${code}).`;
    }
    return error.message;
}

program.parseAsync(process.argv).catch((error: unknown) => {
    console.error(`mlarch: ${describeError(error)}`);
    process.exit(EXIT_USAGE);
});
