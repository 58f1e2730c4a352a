import { CstUtils, type LangiumDocument, type LeafCstNode } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import { isKeywordToken } from './cst-tokens.js';

/**
 * Adds to Langium's folding ranges (every declaration of three or more lines and every block
 * comment) the `{ ... }` blocks that are no declaration of their own, such as a model's
 * `history { ... }`, and runs of two or more line comments. A block folds from its `{` line to
 * the line before `}`, so the closing brace stays visible. At most one range starts on a line.
 */
export class MlArchFoldingRangeProvider extends DefaultFoldingRangeProvider {

    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        const ranges: FoldingRange[] = [];
        super.collectFolding(document, range => ranges.push(range));
        const root = document.parseResult.value.$cstNode;
        if (root) {
            const leaves = CstUtils.flattenCst(root).toArray();
            ranges.push(...braceBlockRanges(leaves), ...lineCommentRuns(leaves));
        }
        const startLines = new Set<number>();
        for (const range of ranges) {
            if (!startLines.has(range.startLine)) {
                startLines.add(range.startLine);
                acceptor(range);
            }
        }
    }
}

function braceBlockRanges(leaves: readonly LeafCstNode[]): FoldingRange[] {
    const ranges: FoldingRange[] = [];
    const openBraces: LeafCstNode[] = [];
    for (const leaf of leaves) {
        if (isKeywordToken(leaf, '{')) {
            openBraces.push(leaf);
        } else if (isKeywordToken(leaf, '}')) {
            const open = openBraces.pop();
            const startLine = open?.range.start.line;
            const endLine = leaf.range.start.line - 1;
            if (startLine !== undefined && endLine > startLine) {
                ranges.push(FoldingRange.create(startLine, endLine));
            }
        }
    }
    return ranges;
}

/** Returns a comment range for each run of line comments on consecutive lines with no code before them. */
function lineCommentRuns(leaves: readonly LeafCstNode[]): FoldingRange[] {
    const ranges: FoldingRange[] = [];
    let runStart: number | undefined;
    let runEnd = -1;
    const closeRun = (): void => {
        if (runStart !== undefined && runEnd > runStart) {
            ranges.push(FoldingRange.create(runStart, runEnd, undefined, undefined, FoldingRangeKind.Comment));
        }
        runStart = undefined;
    };
    for (const leaf of leaves) {
        const line = leaf.range.start.line;
        if (leaf.tokenType.name !== 'SL_COMMENT' || !startsItsLine(leaf)) {
            closeRun();
            continue;
        }
        if (runStart === undefined || line !== runEnd + 1) {
            closeRun();
            runStart = line;
        }
        runEnd = line;
    }
    closeRun();
    return ranges;
}

function startsItsLine(leaf: LeafCstNode): boolean {
    const text = leaf.root.fullText;
    const lineStart = text.lastIndexOf('\n', leaf.offset - 1) + 1;
    return text.slice(lineStart, leaf.offset).trim() === '';
}
