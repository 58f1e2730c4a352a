import { isCompositeCstNode, type AstNode, type CstNode, type LangiumDocument } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type FormattingContext } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentOnTypeFormattingOptions, TextEdit } from 'vscode-languageserver';
import type { MlArchServices } from '../mlarch-module.js';
import { BlockLineStarts } from './block-line-starts.js';
import { lineBreaksBeforeComment, reindentComment } from './comment-layout.js';
import { isKeywordToken, ownTokens } from './cst-tokens.js';

/**
 * Formats MLArch documents canonically:
 * - one indentation level per block, 4 spaces unless the editor's options say otherwise;
 * - `{` on the line of its declaration and `}` on its own line;
 * - one property or nested declaration per line, one space between the tokens of a line;
 * - no space before `,` and `%`, none around the `.` of qualified names;
 * - at most one blank line between properties and between top-level elements;
 * - a line break at the end of the file.
 * Comments stay where they are and are re-indented with their block.
 *
 * Only whitespace changes, between tokens and at the start of the lines of a block comment, so
 * the formatted document parses to the same AST. Like Langium's AbstractFormatter, it leaves
 * documents with syntax errors unchanged.
 */
export class MlArchFormatter extends AbstractFormatter {
    private readonly lineStarts: BlockLineStarts;

    constructor(services: MlArchServices) {
        super();
        this.lineStarts = new BlockLineStarts(services.Grammar);
    }

    override get formatOnTypeOptions(): DocumentOnTypeFormattingOptions {
        return { firstTriggerCharacter: '}' };
    }

    override formatDocument(document: LangiumDocument, params: DocumentFormattingParams): TextEdit[] {
        const edits = super.formatDocument(document, params) as TextEdit[];
        const parsed = document.parseResult;
        if (parsed.lexerErrors.length > 0 || parsed.parserErrors.length > 0) {
            return edits;
        }
        const finalNewline = finalNewlineEdit(document);
        return finalNewline ? [...edits, finalNewline] : edits;
    }

    protected override format(node: AstNode): void {
        const formatter = this.getNodeFormatter(node);
        const isRoot = node.$container === undefined;
        const tokens = ownTokens(node);
        let depth = 0;
        tokens.forEach((token, index) => {
            if (isKeywordToken(token, '}')) {
                // Range formatting reaches nodes with syntax errors (Langium 4.4 compares one-based
                // error lines with the zero-based range), where a `}` can lack its `{`.
                depth = Math.max(depth - 1, 0);
            }
            const spacing = this.spacingBefore(token, tokens[index - 1], depth, isRoot);
            if (spacing) {
                formatter.cst([token]).prepend(spacing);
            }
            if (isKeywordToken(token, '{')) {
                depth++;
            }
        });
    }

    /** Returns the whitespace before one of a node's own tokens, which sits `depth` blocks deep in the node. */
    private spacingBefore(token: CstNode, previous: CstNode | undefined, depth: number, isRoot: boolean): FormattingAction | undefined {
        if (token.hidden) {
            // Comments inside a block move with it; a comment after code on the same line stays there.
            return depth > 0 ? indentBy(depth) : undefined;
        }
        if (previous === undefined) {
            // The first token of a nested declaration is placed by its container.
            return isRoot ? Formatting.newLines(0) : undefined;
        }
        if (isRoot) {
            // Top-level elements start a line, with at most one blank line before them.
            return Formatting.fit(Formatting.newLine(), Formatting.newLines(2));
        }
        if (isKeywordToken(token, '}')) {
            return isKeywordToken(previous, '{') ? Formatting.oneSpace() : indentBy(depth);
        }
        if (depth > 0 && this.lineStarts.startsLine(token)) {
            return isKeywordToken(previous, '{') ? indentBy(depth) : Formatting.fit(indentBy(depth), indentBy(depth, 2));
        }
        if (previous.hidden && hasLineBreakBetween(previous, token)) {
            // A line comment pushed the token to the next line: indent it as a continuation line.
            return indentBy(isKeywordToken(token, '{') ? depth : depth + 1);
        }
        if (isKeywordToken(token, '{')) {
            return Formatting.oneSpace();
        }
        if (isKeywordToken(token, ',') || isKeywordToken(token, '%') || isKeywordToken(token, '.') || isKeywordToken(previous, '.')) {
            return Formatting.noSpace();
        }
        if (isCompositeCstNode(token) && depth > 0) {
            // A nested declaration within a line (`state stateful { ... }`) indents its own block from this depth.
            return oneSpaceIndenting(depth);
        }
        return Formatting.oneSpace();
    }

    /**
     * Places a comment that starts its own line: at most one blank line before it and the
     * indentation of its block. Replaces Langium's version, which miscounts tab indentation.
     * A comment after code on the same line stays where it is.
     */
    protected override createHiddenTextEdits(previous: CstNode | undefined, hidden: CstNode, formatting: FormattingAction | undefined, context: FormattingContext): TextEdit[] {
        if (previous && previous.range.end.line === hidden.range.start.line) {
            return [];
        }
        // format() gives a comment at most one move, indentBy(depth).
        const levels = context.indentation + (formatting?.moves[0]?.tabs ?? 0);
        return [
            lineBreaksBeforeComment(previous, hidden),
            ...reindentComment(context.document, hidden, levels * context.options.tabSize, context.options)
        ];
    }
}

/** Returns a line break (or `lineBreaks` of them) and `depth` levels of indentation more than the enclosing declaration. */
function indentBy(depth: number, lineBreaks = 1): FormattingAction {
    return { options: {}, moves: [{ tabs: depth, lines: lineBreaks }] };
}

/** Returns one space before the node, and `depth` levels of indentation more for the lines inside it. */
function oneSpaceIndenting(depth: number): FormattingAction {
    return { options: {}, moves: [{ characters: 1, tabs: depth }] };
}

function hasLineBreakBetween(previous: CstNode, token: CstNode): boolean {
    return /[\r\n]/.test(token.root.fullText.slice(previous.end, token.offset));
}

/** Replaces the whitespace after the last token or comment with one line break. */
function finalNewlineEdit(document: LangiumDocument): TextEdit | undefined {
    const textDocument = document.textDocument;
    const text = textDocument.getText();
    const contentEnd = text.trimEnd().length;
    if (contentEnd === 0 || /^\r?\n$/.test(text.slice(contentEnd))) {
        return undefined;
    }
    return {
        range: { start: textDocument.positionAt(contentEnd), end: textDocument.positionAt(text.length) },
        newText: '\n'
    };
}
