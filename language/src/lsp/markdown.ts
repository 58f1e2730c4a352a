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
 * comment inside a reference can bring in, is escaped instead.
 */
export function code(identifier: string): string {
    return identifier.includes('`') ? escapeMarkdown(identifier) : `\`${identifier}\``;
}
