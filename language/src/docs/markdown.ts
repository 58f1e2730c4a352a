/**
 * Markdown helpers for the generated documentation (GitHub Flavored Markdown). Text from the
 * model is plain text: every character that Markdown or HTML would interpret is escaped, so a
 * description never turns into a link, emphasis, an HTML tag or a broken table.
 */

/** Escapes plain text for Markdown outside tables. Line breaks stay line breaks. */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/[\\`*_[\]<>#|~]/g, character => `\\${character}`)
        .replace(/&/g, '&amp;');
}

/**
 * Escapes plain text for a table cell: Markdown characters as in escapeMarkdown (the pipe
 * included, which would end the cell), and line breaks as `<br>`, because a cell is one line.
 */
export function escapeCell(text: string): string {
    return escapeMarkdown(text.trim()).replace(/\r\n|[\r\n]/g, '<br>');
}

/** Writes a code span that shows the text as it is, with a fence longer than any backtick run inside. */
export function codeSpan(text: string): string {
    const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map(match => match[0].length));
    const fence = '`'.repeat(longestRun + 1);
    const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
    return `${fence}${padded}${fence}`;
}

/**
 * Writes a table. Cells must already be Markdown (escape text with escapeCell). Each row has as
 * many cells as the header; empty cells show an em dash, so readers can tell "not declared" from
 * a missing column.
 */
export function table(header: string[], rows: string[][]): string {
    const line = (cells: string[]): string => `| ${cells.map(cell => cell === '' ? '—' : cell).join(' | ')} |`;
    const lines = [line(header), `| ${header.map(() => '---').join(' | ')} |`];
    for (const row of rows) {
        if (row.length !== header.length) {
            throw new Error(`Table row has ${row.length} cells, the header ${header.length}: ${row.join(' | ')}`);
        }
        lines.push(line(row));
    }
    return lines.join('\n');
}

/**
 * Returns the anchor that GitHub gives a heading: lower case, punctuation other than `-` and
 * `_` removed, spaces replaced by `-`. Repeated headings get `-1`, `-2` and so on, which
 * `slugs` tracks for one document.
 */
export function headingAnchor(heading: string, slugs: Map<string, number>): string {
    const base = heading
        .toLowerCase()
        .replace(/`/g, '')
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
    const count = slugs.get(base) ?? 0;
    slugs.set(base, count + 1);
    return count === 0 ? base : `${base}-${count}`;
}

/** Collapses whitespace, so wrapped doc comments read as one paragraph. */
export function oneLine(text: string): string {
    return text.replace(/\s+/g, ' ').trim();
}
