/**
 * Escapes text from a model (titles, string values) for inline Markdown, so that characters
 * such as `*`, `_`, `[` or `<` show as typed instead of starting emphasis, links or HTML.
 * Line breaks become spaces, because every value is shown on one line.
 */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/\r?\n|\r/g, ' ')
        .replace(/[\\`*_{}[\]()<>#|~!&]/g, '\\$&');
}

/**
 * Returns a code span for an identifier or qualified name. Text with a backtick, which only a
 * comment inside a reference can bring in, is escaped instead. Returns an empty string for a
 * missing name, which the AST of a document with syntax errors can have despite its type.
 */
export function code(identifier: string | undefined): string {
    if (!identifier) {
        return '';
    }
    return identifier.includes('`') ? escapeMarkdown(identifier) : `\`${identifier}\``;
}
