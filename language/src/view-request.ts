import { VIEW_KINDS, type ViewKind } from './graph/graph-model.js';
import type { ViewRequest } from './protocol.js';

/** A simple or qualified element name, as the grammar's QualifiedName rule reads it. */
const QUALIFIED_NAME = /^[_a-zA-Z]\w*(\.[_a-zA-Z]\w*)*$/;

/** Maximum length of a name in a view request, far above any real qualified name. */
const MAX_NAME_LENGTH = 1000;

/**
 * Checks a view request that came over a connection or from the webview: a known view, names
 * that are qualified names, a positive whole hop count. Returns the request with only the
 * declared fields, or a sentence saying what is invalid.
 */
export function checkViewRequest(value: unknown): ViewRequest | string {
    if (typeof value !== 'object' || value === null) {
        return `expected an object with a view, got ${describe(value)}.`;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.view !== 'string' || !(VIEW_KINDS as readonly string[]).includes(record.view)) {
        return `unknown view ${describe(record.view)}.`;
    }
    const request: ViewRequest = { view: record.view as ViewKind };

    for (const key of ['model', 'workflow'] as const) {
        const name = record[key];
        if (name === undefined || name === null) {
            continue;
        }
        if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH || !QUALIFIED_NAME.test(name)) {
            return `invalid ${key} name ${describe(name)}; use a simple or qualified name such as Platform.Layer.Name.`;
        }
        request[key] = name;
    }

    const hops = record.hops;
    if (hops !== undefined && hops !== null) {
        if (typeof hops !== 'number' || !Number.isSafeInteger(hops) || hops < 1) {
            return `invalid hop count ${describe(hops)}; use a positive whole number.`;
        }
        request.hops = hops;
    }
    return request;
}

function describe(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
