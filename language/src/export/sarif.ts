/**
 * Writes a check report as a SARIF 2.1.0 log for code-scanning tools. The run has one rule per
 * diagnostic code, with the code's description and default severity. Result locations are
 * relative to the `%SRCROOT%` base (the folder the check ran in), so a tool that has the
 * repository root maps them onto the right files and lines.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIAGNOSTIC_CODES, type Severity } from '../validation/diagnostic-codes.js';
import { CONFIG_INVALID_CODE } from '../workspace/mlarch-config.js';
import { displayPath, type CheckReport, type FindingRegion, type FindingSeverity } from './check-report.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Base id of result locations: the conventional name of the source root in SARIF logs. */
export const SOURCE_ROOT_ID = '%SRCROOT%';

/** Codes that are not checks of diagnostic-codes.ts but appear in reports. */
const OTHER_CODES: Readonly<Record<string, { severity: Severity; description: string }>> = {
    [CONFIG_INVALID_CODE]: { severity: 'error', description: 'Part of the mlarch.config.json policy file is invalid; the valid parts still apply.' },
    'lexing-error': { severity: 'error', description: 'The text contains a character sequence that is not a token of the language.' },
    'parsing-error': { severity: 'error', description: 'The text does not follow the grammar of the language.' },
    'syntax-error': { severity: 'error', description: 'The text does not follow the grammar of the language.' }
};

type SarifLevel = 'error' | 'warning' | 'note';

const LEVELS: Readonly<Record<FindingSeverity, SarifLevel>> = {
    error: 'error',
    warning: 'warning',
    info: 'note',
    hint: 'note'
};

export interface SarifOptions {
    /** Folder that result paths are relative to: the working folder of the check. */
    baseFolder: string;
    toolVersion: string;
}

interface SarifRule {
    id: string;
    shortDescription: { text: string };
    defaultConfiguration: { level: SarifLevel };
    properties: { defaultSeverity: FindingSeverity };
}

/** Returns the SARIF log of the report, as indented JSON ending in a line break. */
export function formatSarifReport(report: CheckReport, options: SarifOptions): string {
    return JSON.stringify(toSarifLog(report, options), undefined, 2) + '\n';
}

/** Builds the SARIF log object of the report. */
export function toSarifLog(report: CheckReport, options: SarifOptions): object {
    const rules = createRules();
    const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
    const baseFolder = path.resolve(options.baseFolder);

    const results = report.findings.map(finding => {
        let index = ruleIndex.get(finding.code);
        if (index === undefined) {
            // A code from outside the known lists still gets a rule, so every ruleIndex is valid.
            index = rules.length;
            rules.push(createRule(finding.code, finding.severity, `Diagnostic ${finding.code}.`));
            ruleIndex.set(finding.code, index);
        }
        const result: Record<string, unknown> = {
            ruleId: finding.code,
            ruleIndex: index,
            level: LEVELS[finding.severity],
            message: { text: finding.message },
            locations: [{ physicalLocation: physicalLocation(finding, baseFolder) }]
        };
        if (finding.related.length > 0) {
            result.relatedLocations = finding.related.map((related, relatedIndex) => ({
                id: relatedIndex,
                physicalLocation: physicalLocation(related, baseFolder),
                message: { text: related.message }
            }));
        }
        return result;
    });

    return {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'mlarch', version: options.toolVersion, rules } },
            originalUriBaseIds: {
                [SOURCE_ROOT_ID]: { uri: folderUri(baseFolder) }
            },
            columnKind: 'utf16CodeUnits',
            results
        }]
    };
}

function createRules(): SarifRule[] {
    const rules = Object.entries(DIAGNOSTIC_CODES).map(([code, info]) => createRule(code, info.severity, info.description));
    for (const [code, info] of Object.entries(OTHER_CODES)) {
        rules.push(createRule(code, info.severity, info.description));
    }
    return rules;
}

function createRule(id: string, severity: FindingSeverity, description: string): SarifRule {
    return {
        id,
        shortDescription: { text: description },
        defaultConfiguration: { level: LEVELS[severity] },
        properties: { defaultSeverity: severity }
    };
}

/**
 * Returns the location of a region: relative to `%SRCROOT%` when the file lies under the base
 * folder, and as an absolute file URI otherwise.
 */
function physicalLocation(region: FindingRegion, baseFolder: string): object {
    const relativePath = displayPath(region.file, baseFolder);
    const artifactLocation = relativePath === region.file
        ? { uri: pathToFileURL(region.file).href }
        : { uri: relativePath.split('/').map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT_ID };
    return {
        artifactLocation,
        region: {
            startLine: region.line,
            startColumn: region.column,
            endLine: region.endLine,
            endColumn: region.endColumn
        }
    };
}

/** Returns the file URI of a folder, ending in `/` as SARIF requires of base URIs. */
function folderUri(folder: string): string {
    const href = pathToFileURL(folder).href;
    return href.endsWith('/') ? href : `${href}/`;
}
