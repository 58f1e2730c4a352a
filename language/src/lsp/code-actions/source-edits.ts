import { AstUtils, CstUtils, GrammarAST, GrammarUtils, type CstNode, type LangiumDocument } from 'langium';
import { TextEdit } from 'vscode-languageserver';
import { isWithin } from '../element-location.js';

/** Indentation added per nesting level when a block has no indented line to copy. */
const INDENT_UNIT = '    ';

/** Returns the whitespace at the start of the line that contains `offset`. */
export function lineIndentation(text: string, offset: number): string {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Returns a TextEdit that deletes the text between two offsets. */
export function deleteEdit(document: LangiumDocument, start: number, end: number): TextEdit {
    const textDocument = document.textDocument;
    return TextEdit.del({ start: textDocument.positionAt(start), end: textDocument.positionAt(end) });
}

/**
 * Widens a span to delete so that no blank line or double space is left: the whole line when
 * the span is alone on it, otherwise the spaces after it (or before it, at the end of a line).
 * Comments and other text on the same line are kept.
 */
export function widenDeletion(text: string, start: number, end: number): [number, number] {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const newline = text.indexOf('\n', end);
    const lineEnd = newline < 0 ? text.length : newline;
    const before = text.slice(lineStart, start);
    const after = text.slice(end, lineEnd);

    if (before.trim() === '' && after.trim() === '') {
        if (newline >= 0) {
            return [lineStart, newline + 1];
        }
        // The last line has no newline, so delete the newline before it instead.
        return [Math.max(lineStart - 1, 0), text.length];
    }
    const spacesAfter = /^[ \t]*/.exec(after)![0].length;
    if (spacesAfter > 0 && after.trim() !== '') {
        return [start, end + spacesAfter];
    }
    const spacesBefore = /[ \t]*$/.exec(before)![0].length;
    return [start - spacesBefore, end];
}

/**
 * Returns the span of a property clause in the source, from its leading keywords to the end of
 * its optional trailing parts: `owner "x"`, `trained by w`, `decision m rule "r"`, `in P.L`.
 * `valueNode` is the syntax node of the property's value. Returns undefined when the grammar
 * does not write the clause as keywords followed by the value.
 */
export function clauseSpan(valueNode: CstNode): [number, number] | undefined {
    const assignment = GrammarUtils.findAssignment(valueNode);
    const group = assignment && AstUtils.getContainerOfType(assignment, GrammarAST.isGroup);
    const siblings = valueNode.container?.content.filter(node => !node.hidden);
    if (!assignment || !group || !siblings) {
        return undefined;
    }
    const position = group.elements.findIndex(element => isWithin(assignment, element));
    const leading = group.elements.slice(0, position);
    if (position < 0 || !leading.every(GrammarAST.isKeyword)) {
        return undefined;
    }

    const valueIndex = siblings.indexOf(valueNode);
    const firstIndex = valueIndex - leading.length;
    const keywordsMatch = firstIndex >= 0 && leading.every((keyword, index) => siblings[firstIndex + index].text === keyword.value);
    if (valueIndex < 0 || !keywordsMatch) {
        return undefined;
    }

    // Optional parts of the same group follow the value. The group's first keyword starts the next clause.
    let lastIndex = valueIndex;
    while (lastIndex + 1 < siblings.length) {
        const source = siblings[lastIndex + 1].grammarSource;
        const inGroup = source !== undefined && isWithin(source, group);
        if (!inGroup || source === group.elements[0]) {
            break;
        }
        lastIndex++;
    }
    return [siblings[firstIndex].offset, siblings[lastIndex].end];
}

/**
 * Returns the span to delete to remove one item of a comma-separated reference list, with its
 * comma, or the whole clause (`serves x`) when the item is the only one.
 */
export function listItemSpan(text: string, itemNode: CstNode): [number, number] | undefined {
    const previous = CstUtils.getPreviousNode(itemNode, false);
    const next = CstUtils.getNextNode(itemNode, false);
    if (isComma(next)) {
        const spaces = /^[ \t]*/.exec(text.slice(next.end))![0].length;
        return [itemNode.offset, next.end + spaces];
    }
    if (isComma(previous)) {
        const spaces = /[ \t]*$/.exec(text.slice(0, previous.offset))![0].length;
        return [previous.offset - spaces, itemNode.end];
    }
    const clause = clauseSpan(itemNode);
    return clause && widenDeletion(text, clause[0], clause[1]);
}

/**
 * Returns the indentation for a new line inside a block: that of the first line after the `{`
 * line that contains a token, or one level deeper than the line of `owner` when there is none.
 */
export function blockIndentation(text: string, openBrace: CstNode, closeBrace: CstNode, owner: CstNode): string {
    const siblings = openBrace.container?.content.filter(node => !node.hidden) ?? [];
    const inside = siblings.slice(siblings.indexOf(openBrace) + 1, siblings.indexOf(closeBrace));
    const onOwnLine = inside.find(node => node.range.start.line > openBrace.range.start.line);
    if (onOwnLine) {
        return lineIndentation(text, onOwnLine.offset);
    }
    const outer = lineIndentation(text, owner.offset);
    return outer + (outer.includes('\t') ? '\t' : INDENT_UNIT);
}

/** Returns true when only whitespace precedes `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return text.slice(lineStart, offset).trim() === '';
}

function isComma(node: CstNode | undefined): node is CstNode {
    return node !== undefined && GrammarAST.isKeyword(node.grammarSource) && node.text === ',';
}
