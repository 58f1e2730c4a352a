import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { collectMlArchFiles, loadWorkspace } from '../workspace/load-workspace.js';

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
 */
export async function runCheck(paths: string[], write: (line: string) => void): Promise<CheckSummary> {
    const files = await collectMlArchFiles(paths);
    const { documents } = await loadWorkspace(files);
    const summary: CheckSummary = { files: files.length, errors: 0, warnings: 0, infos: 0, hints: 0 };

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
