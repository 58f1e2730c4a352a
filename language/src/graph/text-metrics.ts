/**
 * Text width estimates for diagram layout. Layout runs in the command line and in the webview
 * alike, so it cannot measure text in a DOM. Both places render with DIAGRAM_FONT_FAMILY and
 * size boxes from these tables, so the same model gives the same diagram everywhere.
 */

/** Font stack of every diagram text. The width tables below cover its common fallbacks. */
export const DIAGRAM_FONT_FAMILY = 'system-ui, "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

/**
 * Advance widths of the printable ASCII characters (U+0020 to U+007E) in hundredths of an em,
 * the maximum of DejaVu Sans and Liberation Sans (Arial metrics), measured with canvas
 * measureText in Chromium 156. DejaVu Sans is the widest of the usual sans-serif fallbacks,
 * so narrower fonts leave a little spare room rather than overflowing.
 */
const REGULAR_WIDTHS = [
    32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34,
    64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 56,
    102, 68, 69, 72, 77, 67, 61, 78, 75, 29, 50, 67, 56, 86, 75, 79,
    67, 79, 72, 67, 61, 73, 68, 99, 69, 67, 69, 39, 34, 39, 84, 56,
    50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61,
    63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84
];

/** The same for weight 600 and bold, which DejaVu Sans draws with one face. */
const BOLD_WIDTHS = [
    35, 46, 52, 84, 70, 100, 87, 31, 46, 46, 52, 84, 38, 42, 38, 37,
    70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 40, 40, 84, 84, 84, 61,
    100, 77, 76, 73, 83, 68, 68, 82, 84, 37, 56, 77, 64, 100, 84, 85,
    73, 85, 77, 72, 68, 81, 77, 110, 77, 72, 73, 46, 37, 46, 84, 56,
    50, 67, 72, 59, 72, 68, 44, 72, 71, 34, 34, 67, 34, 104, 71, 69,
    72, 72, 49, 60, 48, 71, 65, 92, 65, 65, 58, 71, 37, 71, 84
];

/** Estimated width in em of characters outside the tables: Latin letters with accents, symbols. */
const OTHER_WIDTH = 0.72;

/** Estimated width in em of wide characters: CJK ideographs, kana, Hangul and full-width forms. */
const WIDE_WIDTH = 1.0;

export interface TextStyle {
    /** Font size in pixels. */
    size: number;
    bold?: boolean;
    /** Extra space after each character, in em, as CSS letter-spacing. */
    letterSpacing?: number;
}

/** Estimates the rendered width of a single line of text, in pixels. */
export function estimateTextWidth(text: string, style: TextStyle): number {
    const table = style.bold ? BOLD_WIDTHS : REGULAR_WIDTHS;
    let ems = 0;
    for (const character of text) {
        const code = character.codePointAt(0)!;
        if (code >= 0x20 && code <= 0x7e) {
            ems += table[code - 0x20] / 100;
        } else if (isWide(code)) {
            ems += WIDE_WIDTH;
        } else {
            ems += OTHER_WIDTH;
        }
        ems += style.letterSpacing ?? 0;
    }
    return ems * style.size;
}

/**
 * Breaks text into lines no wider than maxWidth, at spaces, hyphens and slashes where possible.
 * A word wider than maxWidth is cut by characters. At most maxLines lines are returned, and text
 * that does not fit ends the last line with an ellipsis.
 */
export function wrapText(text: string, style: TextStyle, maxWidth: number, maxLines: number): string[] {
    const words = text.trim().split(/(?<=[\s\-/])/u).filter(word => word.length > 0);
    const lines: string[] = [];
    let current = '';

    for (const word of words) {
        const candidate = current + word;
        if (estimateTextWidth(candidate.trimEnd(), style) <= maxWidth) {
            current = candidate;
            continue;
        }
        if (estimateTextWidth(word.trimEnd(), style) <= maxWidth) {
            lines.push(current.trimEnd());
            current = word;
            continue;
        }
        // A word wider than a whole line fills up the current line and continues on the next ones.
        current = candidate;
        while (estimateTextWidth(current.trimEnd(), style) > maxWidth) {
            const head = truncateText(current, style, maxWidth, '');
            lines.push(head);
            current = current.slice(head.length).trimStart();
        }
    }
    if (current.trim()) {
        lines.push(current.trimEnd());
    }

    if (lines.length <= maxLines) {
        return lines;
    }
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = truncateText(lines.slice(maxLines - 1).join(' '), style, maxWidth);
    return kept;
}

/** Shortens text to fit maxWidth, ending it with the suffix (an ellipsis by default) when cut. */
export function truncateText(text: string, style: TextStyle, maxWidth: number, suffix = '…'): string {
    if (estimateTextWidth(text, style) <= maxWidth) {
        return text;
    }
    const characters = [...text];
    let length = characters.length;
    while (length > 1 && estimateTextWidth(characters.slice(0, length).join('').trimEnd() + suffix, style) > maxWidth) {
        length--;
    }
    return characters.slice(0, length).join('').trimEnd() + suffix;
}

function isWide(code: number): boolean {
    return (code >= 0x1100 && code <= 0x115f)
        || (code >= 0x2e80 && code <= 0xa4cf)
        || (code >= 0xac00 && code <= 0xd7a3)
        || (code >= 0xf900 && code <= 0xfaff)
        || (code >= 0xfe30 && code <= 0xfe4f)
        || (code >= 0xff00 && code <= 0xff60)
        || (code >= 0xffe0 && code <= 0xffe6)
        || code >= 0x1f300;
}
