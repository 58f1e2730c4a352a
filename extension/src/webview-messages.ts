import { VIEW_KINDS, type ViewKind } from '../../language/src/graph/graph-model.js';
import type { WebviewToExtensionMessage } from '../../language/src/protocol.js';

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
        case 'setView':
            return typeof message.view === 'string' && (VIEW_KINDS as readonly string[]).includes(message.view)
                ? { type: 'setView', view: message.view as ViewKind }
                : undefined;
        case 'reveal': {
            const range = message.range;
            if (typeof message.uri !== 'string' || !isRange(range)) {
                return undefined;
            }
            return { type: 'reveal', uri: message.uri, range };
        }
        default:
            return undefined;
    }
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
