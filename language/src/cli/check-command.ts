import * as fs from 'node:fs/promises';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import {
    formatSummary, formatTextReport,
    type CheckFinding, type CheckReport, type CheckSummary, type FindingSeverity, type RelatedFinding
} from '../export/check-report.js';
import { findConfigFile, loadWorkspace } from '../workspace/load-workspace.js';
import { CONFIG_INVALID_CODE, lineAndColumn, parseMlArchConfig, type MlArchConfig } from '../workspace/mlarch-config.js';
import { resolveMlArchInputs } from './inputs.js';

export { formatSummary, type CheckSummary };

const SEVERITIES: Record<number, FindingSeverity> = {
    [DiagnosticSeverity.Error]: 'error',
    [DiagnosticSeverity.Warning]: 'warning',
    [DiagnosticSeverity.Information]: 'info',
    [DiagnosticSeverity.Hint]: 'hint'
};

/**
 * Checks the workspace formed by the given files, folders and glob patterns (the current folder
 * when there are none) and returns every finding with the counts. The `mlarch.config.json`
 * nearest to the files sets the policy. Each invalid part of it is a finding with code
 * `config-invalid`, and its valid parts still apply.
 */
export async function collectCheckReport(inputs: string[]): Promise<CheckReport> {
    const files = await resolveMlArchInputs(inputs);
    const findings: CheckFinding[] = [];
    const config = await readConfig(files, findings);
    const { documents } = await loadWorkspace(files, config);

    for (const document of documents) {
        const file = URI.parse(document.uri.toString()).fsPath;
        const diagnostics = [...(document.diagnostics ?? [])].sort(compareDiagnostics);
        for (const diagnostic of diagnostics) {
            findings.push(toFinding(file, diagnostic));
        }
    }
    return { files, findings, summary: summarize(files.length, findings) };
}

/**
 * Checks the workspace and writes one line per diagnostic, `path:line:column: severity code
 * message` with one-based line and column and the path relative to the working folder. Returns
 * the counts; the caller prints the summary line.
 */
export async function runCheck(paths: string[], write: (line: string) => void): Promise<CheckSummary> {
    const report = await collectCheckReport(paths);
    formatTextReport(report, process.cwd()).slice(0, -1).forEach(write);
    return report.summary;
}

/** Reads the configuration file that applies to the files, adding its problems as error findings. */
async function readConfig(files: string[], findings: CheckFinding[]): Promise<MlArchConfig | undefined> {
    const configFile = await findConfigFile(files);
    if (!configFile) {
        return undefined;
    }
    let text: string;
    try {
        text = await fs.readFile(configFile, 'utf-8');
    } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        findings.push(configFinding(configFile, 1, 1, 1, 1, `Cannot read the configuration file (${reason}); the default policy applies.`));
        return undefined;
    }
    const { config, problems } = parseMlArchConfig(text);
    for (const problem of problems) {
        const start = lineAndColumn(text, problem.offset);
        const end = lineAndColumn(text, problem.offset + problem.length);
        findings.push(configFinding(configFile, start.line, start.column, end.line, end.column, problem.message));
    }
    return config;
}

function configFinding(file: string, line: number, column: number, endLine: number, endColumn: number, message: string): CheckFinding {
    return { file, line, column, endLine, endColumn, severity: 'error', code: CONFIG_INVALID_CODE, message, related: [] };
}

function toFinding(file: string, diagnostic: Diagnostic): CheckFinding {
    const { start, end } = diagnostic.range;
    return {
        file,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        severity: SEVERITIES[diagnostic.severity ?? DiagnosticSeverity.Error] ?? 'hint',
        code: String(diagnostic.code ?? codeFromData(diagnostic)),
        message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
        related: (diagnostic.relatedInformation ?? []).map(toRelatedFinding)
    };
}

function toRelatedFinding(information: DiagnosticRelatedInformation): RelatedFinding {
    const { start, end } = information.location.range;
    return {
        file: URI.parse(information.location.uri).fsPath,
        line: start.line + 1,
        column: start.character + 1,
        endLine: end.line + 1,
        endColumn: end.character + 1,
        message: information.message
    };
}

function summarize(files: number, findings: CheckFinding[]): CheckSummary {
    const summary: CheckSummary = { files, errors: 0, warnings: 0, infos: 0, hints: 0 };
    for (const finding of findings) {
        switch (finding.severity) {
            case 'error': summary.errors++; break;
            case 'warning': summary.warnings++; break;
            case 'info': summary.infos++; break;
            case 'hint': summary.hints++; break;
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
