/**
 * The workspace configuration file `mlarch.config.json`: which model metadata fields are required,
 * the severity of each diagnostic code, and suppressions of codes on named elements. Parsing
 * reports every invalid part as a problem with its offset and keeps the valid parts, so a typo in
 * one entry never disables the rest. schemas/mlarch.config.schema.json describes the same format
 * for editors.
 */
// jsonc-parser's default entry is a UMD build whose internal `require` calls esbuild cannot
// bundle, so the ES module build is imported directly.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { DIAGNOSTIC_CODES, type DiagnosticCode } from '../validation/diagnostic-codes.js';
import { CONFIG_FILE_NAME } from './config-file-name.js';
import { METADATA_FIELDS, type MetadataField } from './metadata-policy.js';

export { CONFIG_FILE_NAME };

/** Code of the diagnostics on an invalid configuration file. */
export const CONFIG_INVALID_CODE = 'config-invalid';

/** `info` is accepted as another spelling of `information`, the LSP term. */
export type PolicySeverity = 'error' | 'warning' | 'information' | 'hint' | 'off';

const SEVERITY_NAMES: Record<string, PolicySeverity> = {
    error: 'error',
    warning: 'warning',
    information: 'information',
    info: 'information',
    hint: 'hint',
    off: 'off'
};

export interface Suppression {
    /** Qualified name of the element, as `Netflix.ModelLayer.Foo`. */
    element: string;
    codes: DiagnosticCode[];
}

export interface MlArchConfig {
    /** Undefined keeps the default: every field is required. */
    requiredMetadata?: MetadataField[];
    severity: Map<DiagnosticCode, PolicySeverity>;
    suppress: Suppression[];
}

/** An invalid part of the file, at a zero-based character offset. */
export interface ConfigProblem {
    message: string;
    offset: number;
    length: number;
}

export interface ParsedConfig {
    config: MlArchConfig;
    problems: ConfigProblem[];
}

const TOP_LEVEL_FIELDS = ['$schema', 'requiredMetadata', 'severity', 'suppress'];
const SUPPRESSION_FIELDS = ['element', 'codes'];

const SYNTAX_ERRORS: Partial<Record<ReturnType<typeof printParseErrorCode>, string>> = {
    InvalidSymbol: 'unexpected character',
    ValueExpected: 'a value is expected',
    PropertyNameExpected: 'a property name in double quotes is expected',
    ColonExpected: 'a colon is expected',
    CommaExpected: 'a comma is expected',
    CloseBraceExpected: 'a closing brace is expected',
    CloseBracketExpected: 'a closing bracket is expected',
    EndOfFileExpected: 'the file should end after the top-level object',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'the string is not closed'
};

/** Parses and checks the text of a configuration file. Invalid input yields problems, not exceptions. */
export function parseMlArchConfig(text: string): ParsedConfig {
    const problems: ConfigProblem[] = [];
    const config: MlArchConfig = { severity: new Map(), suppress: [] };

    const syntaxErrors: ParseError[] = [];
    const root = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
    for (const error of syntaxErrors) {
        const name = printParseErrorCode(error.error);
        problems.push({ message: `Invalid JSON: ${SYNTAX_ERRORS[name] ?? name}.`, offset: error.offset, length: error.length });
    }
    if (!root) {
        return { config, problems };
    }
    if (root.type !== 'object') {
        problems.push(problemAt(root, `${CONFIG_FILE_NAME} must contain a JSON object with the fields ${TOP_LEVEL_FIELDS.slice(1).join(', ')}.`));
        return { config, problems };
    }

    for (const [key, value] of properties(root)) {
        // A value lost to a syntax error is reported at its key.
        const valueOrKey = value ?? key;
        switch (key.value) {
            case '$schema':
                break;
            case 'requiredMetadata':
                config.requiredMetadata = readRequiredMetadata(valueOrKey, problems);
                break;
            case 'severity':
                readSeverities(valueOrKey, config.severity, problems);
                break;
            case 'suppress':
                config.suppress = readSuppressions(valueOrKey, problems);
                break;
            default:
                problems.push(problemAt(key, `Unknown field '${key.value}'. Use one of: ${TOP_LEVEL_FIELDS.slice(1).join(', ')}.`));
        }
    }
    return { config, problems };
}

/** Converts a zero-based offset into one-based line and column, as compilers print them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
}

function readRequiredMetadata(node: JsonNode, problems: ConfigProblem[]): MetadataField[] | undefined {
    if (node.type !== 'array') {
        problems.push(problemAt(node, `'requiredMetadata' must be an array of field names: ${METADATA_FIELDS.join(', ')}.`));
        return undefined;
    }
    const fields: MetadataField[] = [];
    for (const item of node.children ?? []) {
        const field = METADATA_FIELDS.find(known => known === item.value);
        if (item.type === 'string' && field) {
            fields.push(field);
        } else {
            problems.push(problemAt(item, `Unknown metadata field ${JSON.stringify(item.value ?? null)} in 'requiredMetadata'. Use one of: ${METADATA_FIELDS.join(', ')}.`));
        }
    }
    return fields;
}

function readSeverities(node: JsonNode, severities: Map<DiagnosticCode, PolicySeverity>, problems: ConfigProblem[]): void {
    if (node.type !== 'object') {
        problems.push(problemAt(node, `'severity' must be an object that maps diagnostic codes to error, warning, information, hint or off.`));
        return;
    }
    for (const [key, value] of properties(node)) {
        const code = diagnosticCode(key, problems, `'severity'`);
        const severity = value?.type === 'string' ? SEVERITY_NAMES[value.value as string] : undefined;
        if (!severity) {
            problems.push(problemAt(value ?? key, `Invalid severity ${JSON.stringify(value?.value ?? null)} for '${key.value}'. Use error, warning, information, hint or off.`));
        } else if (code) {
            severities.set(code, severity);
        }
    }
}

function readSuppressions(node: JsonNode, problems: ConfigProblem[]): Suppression[] {
    if (node.type !== 'array') {
        problems.push(problemAt(node, `'suppress' must be an array of objects such as { "element": "Platform.Layer.Model", "codes": ["missing-baseline"] }.`));
        return [];
    }
    const suppressions: Suppression[] = [];
    for (const entry of node.children ?? []) {
        if (entry.type !== 'object') {
            problems.push(problemAt(entry, `Each 'suppress' entry must be an object with 'element' and 'codes'.`));
            continue;
        }
        let element: string | undefined;
        let codes: DiagnosticCode[] | undefined;
        for (const [key, value] of properties(entry)) {
            if (key.value === 'element') {
                element = value?.type === 'string' && value.value !== '' ? value.value as string : undefined;
                if (element === undefined) {
                    problems.push(problemAt(value ?? key, `'element' must be the qualified name of an element, such as "Netflix.ModelLayer.Foo".`));
                }
            } else if (key.value === 'codes') {
                codes = readCodeList(value, problems);
            } else {
                problems.push(problemAt(key, `Unknown field '${key.value}' in a 'suppress' entry. Use one of: ${SUPPRESSION_FIELDS.join(', ')}.`));
            }
        }
        if (element === undefined || codes === undefined) {
            const missing = SUPPRESSION_FIELDS.filter(field => !properties(entry).some(([key]) => key.value === field));
            if (missing.length > 0) {
                problems.push(problemAt(entry, `This 'suppress' entry lacks ${missing.map(field => `'${field}'`).join(' and ')}; it is ignored.`));
            }
            continue;
        }
        suppressions.push({ element, codes });
    }
    return suppressions;
}

function readCodeList(node: JsonNode | undefined, problems: ConfigProblem[]): DiagnosticCode[] | undefined {
    if (node?.type !== 'array') {
        problems.push(problemAt(node, `'codes' must be an array of diagnostic codes, such as ["missing-baseline"].`));
        return undefined;
    }
    const codes: DiagnosticCode[] = [];
    for (const item of node.children ?? []) {
        const code = diagnosticCode(item, problems, `'codes'`);
        if (code) {
            codes.push(code);
        }
    }
    return codes;
}

/** Returns the diagnostic code a string node names, or reports it as unknown. */
function diagnosticCode(node: JsonNode, problems: ConfigProblem[], where: string): DiagnosticCode | undefined {
    if (node.type === 'string' && Object.hasOwn(DIAGNOSTIC_CODES, node.value as string)) {
        return node.value as DiagnosticCode;
    }
    const codes = Object.keys(DIAGNOSTIC_CODES);
    const closest = typeof node.value === 'string' ? closestName(node.value, codes) : undefined;
    const hint = closest ? `Did you mean '${closest}'?` : `Known codes: ${codes.join(', ')}.`;
    problems.push(problemAt(node, `Unknown diagnostic code ${JSON.stringify(node.value ?? null)} in ${where}. ${hint}`));
    return undefined;
}

/** Returns the name within edit distance 3 of `value` (the nearest one), if any, to suggest for a typo. */
function closestName(value: string, names: string[]): string | undefined {
    let best: { name: string; distance: number } | undefined;
    for (const name of names) {
        const distance = editDistance(value, name);
        if (distance <= 3 && (!best || distance < best.distance)) {
            best = { name, distance };
        }
    }
    return best?.name;
}

/** Levenshtein distance: the fewest insertions, deletions and substitutions that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

/** Returns the key and value nodes of an object node's properties, in source order. */
function properties(node: JsonNode): Array<[JsonNode, JsonNode | undefined]> {
    return (node.children ?? [])
        .filter(property => property.type === 'property' && property.children?.[0])
        .map(property => [property.children![0], property.children![1]]);
}

function problemAt(node: JsonNode | undefined, message: string): ConfigProblem {
    return { message, offset: node?.offset ?? 0, length: node?.length ?? 0 };
}
