import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { collectMlArchFiles, findConfigFile, loadWorkspace } from '../workspace/load-workspace.js';
import { CONFIG_INVALID_CODE, lineAndColumn, parseMlArchConfig, type MlArchConfig } from '../workspace/mlarch-config.js';

const SEVERITY_NAMES: Record<number, string> = {
    [DiagnosticSeverity.Error]: 'error',
    [DiagnosticSeverity.Warning]: 'warning',
    [DiagnosticSeverity.Information]: 'info',
    [DiagnosticSeverity.Hint]: 'hint'
};

export interface CheckSummary {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
    hints: number;
}

/**
 * Checks the workspace formed by the given files and folders and prints one line per diagnostic:
 * `path:line:column: severity code message`, with one-based line and column. Returns the counts.
 * The `mlarch.config.json` nearest to the files sets the policy. Each invalid part of it is
 * printed as an error with code `config-invalid`, and its valid parts still apply.
 */
export async function runCheck(paths: string[], write: (line: string) => void): Promise<CheckSummary> {
    const files = await collectMlArchFiles(paths);
    const summary: CheckSummary = { files: files.length, errors: 0, warnings: 0, infos: 0, hints: 0 };
    const config = await readConfig(files.length > 0 ? files : paths, summary, write);
    const { documents } = await loadWorkspace(files, config);

    for (const document of documents) {
        const relative = path.relative(process.cwd(), URI.parse(document.uri.toString()).fsPath) || document.uri.fsPath;
        const diagnostics = [...(document.diagnostics ?? [])].sort(compareDiagnostics);
        for (const diagnostic of diagnostics) {
            const severity = diagnostic.severity ?? DiagnosticSeverity.Error;
            count(summary, severity);
            const { line, character } = diagnostic.range.start;
            const code = diagnostic.code ?? codeFromData(diagnostic);
            write(`${relative}:${line + 1}:${character + 1}: ${SEVERITY_NAMES[severity]} ${code} ${diagnostic.message}`);
        }
    }
    return summary;
}

/** Reads the configuration file that applies to the paths, printing its problems as errors. */
async function readConfig(paths: string[], summary: CheckSummary, write: (line: string) => void): Promise<MlArchConfig | undefined> {
    const configFile = await findConfigFile(paths);
    if (!configFile) {
        return undefined;
    }
    const relative = path.relative(process.cwd(), configFile) || configFile;
    let text: string;
    try {
        text = await fs.readFile(configFile, 'utf-8');
    } catch (error) {
        summary.errors++;
        write(`${relative}:1:1: error ${CONFIG_INVALID_CODE} Cannot read the configuration file (${error instanceof Error ? error.message : String(error)}); the default policy applies.`);
        return undefined;
    }
    const { config, problems } = parseMlArchConfig(text);
    for (const problem of problems) {
        summary.errors++;
        const { line, column } = lineAndColumn(text, problem.offset);
        write(`${relative}:${line}:${column}: error ${CONFIG_INVALID_CODE} ${problem.message}`);
    }
    return config;
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
    return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Langium's own lexer and parser diagnostics carry their code in `data.code` only. */
function codeFromData(diagnostic: Diagnostic): string {
    const data = diagnostic.data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : 'syntax-error';
}

function count(summary: CheckSummary, severity: DiagnosticSeverity): void {
    switch (severity) {
        case DiagnosticSeverity.Error: summary.errors++; break;
        case DiagnosticSeverity.Warning: summary.warnings++; break;
        case DiagnosticSeverity.Information: summary.infos++; break;
        default: summary.hints++;
    }
}

export function formatSummary(summary: CheckSummary): string {
    const problems = `${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.infos} info(s), ${summary.hints} hint(s)`;
    return `Checked ${summary.files} file(s): ${problems}.`;
}
