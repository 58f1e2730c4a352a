import { VIEW_KINDS, type ViewKind } from '../../language/src/graph/graph-model.js';
import type { ExportImageFormat, ExportTheme, WebviewToExtensionMessage } from '../../language/src/protocol.js';
import { checkViewRequest } from '../../language/src/view-request.js';

/**
 * Largest exported image, in characters of SVG markup or of the PNG data URL, that the extension
 * accepts from the webview. It bounds the memory that one message can make the extension use.
 */
export const MAX_EXPORT_CHARACTERS = 128 * 1024 * 1024;

/** Largest side of an exported PNG in pixels; the webview scales larger diagrams down to it. */
export const MAX_PNG_SIDE = 16_384;

/** Largest side of an exported SVG in diagram units. */
const MAX_SVG_SIDE = 1_000_000;

/**
 * Longest URI, in characters, that a reveal request may carry: room for the longest Linux path
 * (4,096 bytes) with some of it percent-encoded, and a bound on the work that checking it takes.
 */
export const MAX_REVEAL_URI_CHARACTERS = 8_192;

const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';

/** Base64 prefix of every PNG file: its eight signature bytes 89 50 4E 47 0D 0A 1A 0A. */
const PNG_SIGNATURE_BASE64 = 'iVBORw0KGgo';

/**
 * Checks that a message from the webview has one of the declared shapes. The webview renders
 * model text, so the extension treats everything it posts as untrusted input.
 */
export function parseWebviewMessage(message: unknown): WebviewToExtensionMessage | undefined {
    if (!isRecord(message) || typeof message.type !== 'string') {
        return undefined;
    }
    switch (message.type) {
        case 'ready':
            return { type: 'ready' };
        case 'setView': {
            const request = checkViewRequest(message);
            return typeof request === 'string' ? undefined : { type: 'setView', ...request };
        }
        case 'reveal': {
            const range = message.range;
            if (typeof message.uri !== 'string' || message.uri.length > MAX_REVEAL_URI_CHARACTERS || !isRange(range)) {
                return undefined;
            }
            return { type: 'reveal', uri: message.uri, range };
        }
        case 'exportImage':
            return parseExportImage(message);
        case 'exportFailed':
            if (!isFormat(message.format) || typeof message.message !== 'string') {
                return undefined;
            }
            return { type: 'exportFailed', format: message.format, message: message.message.slice(0, 500) };
        default:
            return undefined;
    }
}

function parseExportImage(message: Record<string, unknown>): WebviewToExtensionMessage | undefined {
    const { format, theme, view, data, width, height } = message;
    if (!isFormat(format) || !isTheme(theme) || !isView(view) || typeof data !== 'string' || data.length > MAX_EXPORT_CHARACTERS) {
        return undefined;
    }
    const maxSide = format === 'png' ? MAX_PNG_SIDE : MAX_SVG_SIDE;
    if (!isSide(width, maxSide) || !isSide(height, maxSide)) {
        return undefined;
    }
    if (format === 'svg' && !isSvgMarkup(data)) {
        return undefined;
    }
    if (format === 'png' && !isPngDataUrl(data)) {
        return undefined;
    }
    return { type: 'exportImage', format, theme, view, data, width, height };
}

/** Tells whether text is an SVG document as the preview serialises it: an XML declaration or the svg element first. */
function isSvgMarkup(data: string): boolean {
    return /^(<\?xml [^>]*\?>\s*)?<svg[\s>]/.test(data.slice(0, 200));
}

/** Tells whether text is a base64 data URL of a PNG file, by its prefix, its alphabet and the PNG signature. */
function isPngDataUrl(data: string): boolean {
    if (!data.startsWith(PNG_DATA_URL_PREFIX)) {
        return false;
    }
    const base64 = data.slice(PNG_DATA_URL_PREFIX.length);
    return base64.startsWith(PNG_SIGNATURE_BASE64) && base64.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(base64);
}

function isFormat(value: unknown): value is ExportImageFormat {
    return value === 'svg' || value === 'png';
}

function isTheme(value: unknown): value is ExportTheme {
    return value === 'theme' || value === 'print';
}

function isView(value: unknown): value is ViewKind {
    return typeof value === 'string' && (VIEW_KINDS as readonly string[]).includes(value);
}

function isSide(value: unknown, max: number): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}

function isPosition(value: unknown): value is { line: number; character: number } {
    return isRecord(value) && isCount(value.line) && isCount(value.character);
}

function isRange(value: unknown): value is { start: { line: number; character: number }; end: { line: number; character: number } } {
    return isRecord(value) && isPosition(value.start) && isPosition(value.end);
}

function isCount(value: unknown): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
