/**
 * Pure checks on the results of the language services: positions inside their document,
 * well-formed graphs, and what formatting may change. Each returns problem descriptions, empty
 * when the result is fine.
 */
import type { ArchitectureGraph } from '../../language/src/graph/graph-model.js';

export interface PositionLike {
    line: number;
    character: number;
}

export interface RangeLike {
    start: PositionLike;
    end: PositionLike;
}

/** The length of each line of a document, without its line break, as LSP counts lines. */
export class LineTable {
    readonly lengths: number[];

    constructor(text: string) {
        // LSP and vscode-languageserver-textdocument break lines at \r\n, \r and \n only.
        this.lengths = text.split(/\r\n|\r|\n/).map(line => line.length);
    }

    get lineCount(): number {
        return this.lengths.length;
    }

    /** Describes why a position lies outside the document, or returns undefined when it lies inside. */
    positionProblem(position: PositionLike | undefined): string | undefined {
        if (!position || !Number.isInteger(position.line) || !Number.isInteger(position.character)) {
            return `position ${JSON.stringify(position)} is not a pair of integers`;
        }
        if (position.line < 0 || position.line >= this.lineCount) {
            return `line ${position.line} is outside lines 0..${this.lineCount - 1}`;
        }
        const length = this.lengths[position.line];
        if (position.character < 0 || position.character > length) {
            return `character ${position.character} of line ${position.line} is outside 0..${length}`;
        }
        return undefined;
    }

    /** Describes why a range is invalid or lies outside the document, or returns undefined. */
    rangeProblem(range: RangeLike | undefined): string | undefined {
        if (!range) {
            return 'range is missing';
        }
        const problem = this.positionProblem(range.start) ?? this.positionProblem(range.end);
        if (problem) {
            return `${formatRange(range)}: ${problem}`;
        }
        if (comparePositions(range.start, range.end) > 0) {
            return `${formatRange(range)}: start is after end`;
        }
        return undefined;
    }
}

export function comparePositions(a: PositionLike, b: PositionLike): number {
    return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

export function formatRange(range: RangeLike): string {
    return `${range.start?.line}:${range.start?.character}-${range.end?.line}:${range.end?.character}`;
}

/** True when `inner` lies within `outer`, ends included. */
export function containsRange(outer: RangeLike, inner: RangeLike): boolean {
    return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

export interface GraphProblems {
    danglingEdges: string[];
    missingParents: string[];
    duplicateNodes: string[];
}

/** Finds edges whose ends are not nodes, nodes whose parent is not a node, and repeated node ids. */
export function findGraphProblems(graph: ArchitectureGraph): GraphProblems {
    const ids = new Set<string>();
    const duplicateNodes: string[] = [];
    for (const node of graph.nodes) {
        if (ids.has(node.id)) {
            duplicateNodes.push(`node id ${JSON.stringify(node.id)} occurs more than once`);
        }
        ids.add(node.id);
    }
    const missingParents = graph.nodes
        .filter(node => node.parent !== undefined && !ids.has(node.parent))
        .map(node => `node ${JSON.stringify(node.id)} has parent ${JSON.stringify(node.parent)}, which is not a node`);
    const danglingEdges: string[] = [];
    for (const edge of graph.edges) {
        for (const end of [edge.source, edge.target]) {
            if (!ids.has(end)) {
                danglingEdges.push(`edge ${JSON.stringify(edge.id)} (${edge.kind}) ends at ${JSON.stringify(end)}, which is not a node`);
            }
        }
    }
    return { danglingEdges, missingParents, duplicateNodes };
}

/**
 * Normalises a comment for comparison before and after formatting: the formatter may re-indent
 * the lines of a block comment, so leading and trailing blanks of each line do not count.
 */
export function normaliseComment(comment: string): string {
    return comment.split(/\r\n|\r|\n/).map(line => line.trim()).join('\n');
}

/** Returns the elements of `before` that `after` lacks, counting repeats. */
export function missingItems(before: readonly string[], after: readonly string[]): string[] {
    const remaining = new Map<string, number>();
    for (const item of after) {
        remaining.set(item, (remaining.get(item) ?? 0) + 1);
    }
    const missing: string[] = [];
    for (const item of before) {
        const count = remaining.get(item) ?? 0;
        if (count === 0) {
            missing.push(item);
        } else {
            remaining.set(item, count - 1);
        }
    }
    return missing;
}

/** Shortens text for a failure message, showing control and invisible characters as escapes. */
export function preview(text: string, max = 120): string {
    const shown = JSON.stringify(text.length > max ? `${text.slice(0, max)}...` : text);
    return text.length > max ? `${shown} (${text.length} characters)` : shown;
}
