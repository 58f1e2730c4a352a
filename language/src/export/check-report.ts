/**
 * The result of `mlarch check` and its text and JSON forms. SARIF has its own module (sarif.ts).
 * Lines and columns are one-based, columns count UTF-16 code units as LSP does, and the end
 * column is exclusive: it is one past the last character of the range.
 */
import * as path from 'node:path';

export type FindingSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface FindingRegion {
    /** Absolute path of the file. */
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
}

export interface RelatedFinding extends FindingRegion {
    message: string;
}

export interface CheckFinding extends FindingRegion {
    severity: FindingSeverity;
    code: string;
    message: string;
    /** Other places that explain the finding, such as the other declaration of a duplicate name. */
    related: RelatedFinding[];
}

export interface CheckSummary {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
    hints: number;
}

export interface CheckReport {
    /** Absolute paths of the checked files, sorted. */
    files: string[];
    /** Findings sorted by file, line and column. */
    findings: CheckFinding[];
    summary: CheckSummary;
}

export const CHECK_JSON_FORMAT = 'mlarch-check';
export const CHECK_JSON_VERSION = 1;

/**
 * Returns a path as reports show it: relative to `baseFolder` with `/` separators when the file
 * lies inside it, absolute otherwise.
 */
export function displayPath(file: string, baseFolder: string): string {
    const relative = path.relative(baseFolder, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
        return file;
    }
    return relative.split(path.sep).join('/');
}

/** Returns one line per finding, `path:line:column: severity code message`, and the summary line. */
export function formatTextReport(report: CheckReport, baseFolder: string): string[] {
    const lines = report.findings.map(finding => formatFindingLine(finding, baseFolder));
    lines.push(formatSummary(report.summary));
    return lines;
}

export function formatFindingLine(finding: CheckFinding, baseFolder: string): string {
    return `${displayPath(finding.file, baseFolder)}:${finding.line}:${finding.column}: ${finding.severity} ${finding.code} ${finding.message}`;
}

export function formatSummary(summary: CheckSummary): string {
    const problems = `${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.infos} info(s), ${summary.hints} hint(s)`;
    return `Checked ${summary.files} file(s): ${problems}.`;
}

/**
 * Returns the JSON report: `{ format, version, summary, files, diagnostics }`, where each
 * diagnostic has path, line, column, endLine, endColumn, severity, code, message and related.
 */
export function formatJsonReport(report: CheckReport, baseFolder: string): string {
    const region = (finding: FindingRegion) => ({
        path: displayPath(finding.file, baseFolder),
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn
    });
    const document = {
        format: CHECK_JSON_FORMAT,
        version: CHECK_JSON_VERSION,
        summary: report.summary,
        files: report.files.map(file => displayPath(file, baseFolder)),
        diagnostics: report.findings.map(finding => ({
            ...region(finding),
            severity: finding.severity,
            code: finding.code,
            message: finding.message,
            related: finding.related.map(related => ({ ...region(related), message: related.message }))
        }))
    };
    return JSON.stringify(document, undefined, 2) + '\n';
}
