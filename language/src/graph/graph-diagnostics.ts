import { AstUtils, type LangiumDocument } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver';
import { isStep } from '../generated/ast.js';
import { isNamedElement } from '../references/qualified-names.js';
import { graphNodeIdOf } from './graph-nodes.js';
import {
    MAX_NODE_DIAGNOSTIC_MESSAGES, type ArchitectureGraph, type DiagnosticSeverity, type NodeDiagnostic, type NodeDiagnostics
} from './graph-model.js';

/** LSP severities: 1 error, 2 warning. Information and hints get no badge. */
const SEVERITIES: Readonly<Record<number, DiagnosticSeverity>> = { 1: 'error', 2: 'warning' };

interface Declaration {
    id: string;
    range: Range;
}

/**
 * Attaches to each node the errors and warnings that the validated documents report inside the
 * node's declaration. A diagnostic belongs to the innermost declaration around it that is a
 * node of this graph: a problem in a feature group counts for the group, not for its feature
 * store, unless the view leaves the group out. Diagnostics outside every shown declaration, such
 * as syntax errors between elements, are not attached. Returns the graph, changed in place.
 */
export function attachDiagnostics(graph: ArchitectureGraph, documents: Iterable<LangiumDocument>): ArchitectureGraph {
    const nodesById = new Map(graph.nodes.map(node => [node.id, node]));
    const collected = new Map<string, NodeDiagnostic[]>();

    for (const document of documents) {
        const diagnostics = (document.diagnostics ?? []).filter(diagnostic => SEVERITIES[diagnostic.severity ?? 1] !== undefined);
        if (diagnostics.length === 0) {
            continue;
        }
        const declarations = declarationsOf(document).filter(declaration => nodesById.has(declaration.id));
        for (const diagnostic of diagnostics) {
            const owner = innermostContaining(declarations, diagnostic.range);
            if (!owner) {
                continue;
            }
            const list = collected.get(owner.id) ?? [];
            list.push({ severity: SEVERITIES[diagnostic.severity ?? 1], message: messageOf(diagnostic), line: diagnostic.range.start.line });
            collected.set(owner.id, list);
        }
    }

    for (const [id, list] of collected) {
        list.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.line - b.line);
        const summary: NodeDiagnostics = {
            errors: list.filter(item => item.severity === 'error').length,
            warnings: list.filter(item => item.severity === 'warning').length,
            messages: list.slice(0, MAX_NODE_DIAGNOSTIC_MESSAGES)
        };
        nodesById.get(id)!.diagnostics = summary;
    }
    return graph;
}

/** Returns the full range of every element and workflow step declared in the document. */
function declarationsOf(document: LangiumDocument): Declaration[] {
    const declarations: Declaration[] = [];
    for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
        const named = isNamedElement(node) || (isStep(node) && Boolean(node.$container.name));
        if (named && node.name && node.$cstNode) {
            declarations.push({ id: graphNodeIdOf(node), range: node.$cstNode.range });
        }
    }
    return declarations;
}

/** Returns the smallest declaration whose range contains the whole given range. Declarations nest, so it is the innermost. */
function innermostContaining(declarations: Declaration[], range: Range): Declaration | undefined {
    let best: Declaration | undefined;
    for (const declaration of declarations) {
        if (contains(declaration.range, range) && (!best || contains(best.range, declaration.range))) {
            best = declaration;
        }
    }
    return best;
}

function contains(outer: Range, inner: Range): boolean {
    return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

function comparePositions(a: Range['start'], b: Range['start']): number {
    return a.line - b.line || a.character - b.character;
}

function severityRank(severity: DiagnosticSeverity): number {
    return severity === 'error' ? 0 : 1;
}

/** Returns the message as one line of plain text, because the badge's tooltip lists one message per line. */
function messageOf(diagnostic: Diagnostic): string {
    const text = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}
