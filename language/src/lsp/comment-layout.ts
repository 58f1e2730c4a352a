import type { CstNode, TextDocument } from 'langium';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver';
import { isKeywordToken } from './cst-tokens.js';

/**
 * Returns the edit that limits the line breaks before a comment that starts its own line to one
 * blank line, or to none right after `{` and at the start of the file. The edit also removes
 * trailing whitespace on the line before the comment.
 */
export function lineBreaksBeforeComment(previous: CstNode | undefined, comment: CstNode): TextEdit {
    const commentLine = comment.range.start.line;
    const lineStart = { line: commentLine, character: 0 };
    if (previous === undefined) {
        return { range: { start: { line: 0, character: 0 }, end: lineStart }, newText: '' };
    }
    const previousEnd = previous.range.end;
    const lineBreaks = Math.min(commentLine - previousEnd.line, isKeywordToken(previous, '{') ? 1 : 2);
    return { range: { start: previousEnd, end: lineStart }, newText: '\n'.repeat(lineBreaks) };
}

/**
 * Returns the edits that indent a comment on its own line to `columns`. The further lines of a
 * block comment move by the same number of columns, so their alignment (` * ` under `/**`)
 * stays. Blank lines inside a block comment are left as they are. A tab counts up to the next
 * multiple of `tabSize` columns.
 */
export function reindentComment(document: TextDocument, comment: CstNode, columns: number, options: FormattingOptions): TextEdit[] {
    const firstLine = comment.range.start.line;
    const firstIndentation = document.getText({ start: { line: firstLine, character: 0 }, end: comment.range.start });
    const shift = columns - widthOf(firstIndentation, options.tabSize);
    const edits: TextEdit[] = [];
    comment.text.split('\n').forEach((line, index) => {
        const existing = index === 0 ? firstIndentation : /^[ \t]*/.exec(line)?.[0] ?? '';
        if (index > 0 && existing.length === line.replace(/\r$/, '').length) {
            return;
        }
        const width = Math.max(0, widthOf(existing, options.tabSize) + shift);
        const lineNumber = firstLine + index;
        edits.push({
            range: { start: { line: lineNumber, character: 0 }, end: { line: lineNumber, character: existing.length } },
            newText: indentation(width, options)
        });
    });
    return edits;
}

function widthOf(whitespace: string, tabSize: number): number {
    let width = 0;
    for (const character of whitespace) {
        width += character === '\t' ? tabSize - (width % tabSize) : 1;
    }
    return width;
}

function indentation(width: number, options: FormattingOptions): string {
    if (options.insertSpaces) {
        return ' '.repeat(width);
    }
    return '\t'.repeat(Math.floor(width / options.tabSize)) + ' '.repeat(width % options.tabSize);
}
