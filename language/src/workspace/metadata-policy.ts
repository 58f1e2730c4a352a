import { AstUtils, CstUtils, type LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { isNamedElement, qualifiedNameOf } from '../references/qualified-names.js';
import type { DiagnosticCode } from '../validation/diagnostic-codes.js';
import type { MlArchConfig, PolicySeverity } from './mlarch-config.js';

/**
* The model metadata fields that a workspace requires. The default is the set that model cards,
 * MLflow's registry and CycloneDX's ML-BOM share, plus what an architecture view needs.
 */
export type MetadataField = 'task' | 'framework' | 'version' | 'status' | 'serving' | 'owner' | 'training-data' | 'baseline';

export const METADATA_FIELDS: readonly MetadataField[] = [
    'task', 'framework', 'version', 'status', 'serving', 'owner', 'training-data', 'baseline'
];

const LSP_SEVERITIES: Record<Exclude<PolicySeverity, 'off'>, DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    information: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint
};

/**
 * The workspace's policy from `mlarch.config.json`: the required metadata fields, which the
 * model-metadata check reads, and the severity overrides and suppressions, which `apply` imposes
 * on every document's diagnostics after validation. Without a configuration file every field is
 * required and every code keeps its default severity.
 */
export class MetadataPolicy {

    requiredFields: ReadonlySet<MetadataField> = new Set(METADATA_FIELDS);
    protected severities: ReadonlyMap<DiagnosticCode, PolicySeverity> = new Map();
    /** Suppressed codes by qualified element name. */
    protected suppressions: ReadonlyMap<string, ReadonlySet<string>> = new Map();

    /**
     * Resolves when the configuration file in effect has been read. The language server replaces
     * it while it reads the file, and validation waits for it.
     */
    loaded: Promise<void> = Promise.resolve();

    /** Replaces the policy with the given configuration, or with the defaults when there is none. */
    configure(config: MlArchConfig | undefined): void {
        this.requiredFields = new Set(config?.requiredMetadata ?? METADATA_FIELDS);
        this.severities = new Map(config?.severity ?? []);
        const suppressions = new Map<string, Set<string>>();
        for (const suppression of config?.suppress ?? []) {
            const codes = suppressions.get(suppression.element) ?? new Set();
            suppression.codes.forEach(code => codes.add(code));
            suppressions.set(suppression.element, codes);
        }
        this.suppressions = suppressions;
    }

    /**
     * Returns the diagnostics without those turned `off` or suppressed on their element, and with
     * configured severities. A diagnostic belongs to the innermost named element that contains
     * its start. Diagnostics without an MLArch code (syntax errors) pass unchanged.
     */
    apply(document: LangiumDocument, diagnostics: Diagnostic[]): Diagnostic[] {
        if (this.severities.size === 0 && this.suppressions.size === 0) {
            return diagnostics;
        }
        const result: Diagnostic[] = [];
        for (const diagnostic of diagnostics) {
            const code = typeof diagnostic.code === 'string' ? diagnostic.code as DiagnosticCode : undefined;
            const severity = code && this.severities.get(code);
            if (severity === 'off' || (code && this.isSuppressed(document, diagnostic, code))) {
                continue;
            }
            result.push(severity ? { ...diagnostic, severity: LSP_SEVERITIES[severity] } : diagnostic);
        }
        return result;
    }

    protected isSuppressed(document: LangiumDocument, diagnostic: Diagnostic, code: string): boolean {
        if (this.suppressions.size === 0) {
            return false;
        }
        const root = document.parseResult.value.$cstNode;
        const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
        const element = leaf && AstUtils.getContainerOfType(leaf.astNode, isNamedElement);
        return element !== undefined && (this.suppressions.get(qualifiedNameOf(element))?.has(code) ?? false);
    }
}
