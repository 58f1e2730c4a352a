/**
 * The `--view` argument of `mlarch export`: which view of the workspace to export.
 *
 * Accepted forms:
 * - `building-blocks`, `lineage`
 * - `model:<qualified name>` and `model:<qualified name>:<hops>`: the dependencies of one model,
 *   optionally limited to `hops` steps away from it
 * - `workflows`, and `workflow:<qualified name>` for one workflow
 */
import type { ViewKind, ViewParameters } from '../graph/graph-model.js';

export type ViewSpec =
    | { view: 'building-blocks' | 'lineage' }
    | { view: 'model-dependencies'; model: string; hops?: number }
    | { view: 'workflows'; workflow?: string };

/** The forms of `--view`, for help texts and error messages. */
export const VIEW_SPEC_FORMS: readonly string[] = [
    'building-blocks',
    'lineage',
    'model:<name>',
    'model:<name>:<hops>',
    'workflows',
    'workflow:<name>'
];

/** An invalid `--view` argument. The message names the value and lists the valid forms. */
export class ViewSpecError extends Error {
    override readonly name = 'ViewSpecError';
}

const QUALIFIED_NAME = /^[_a-zA-Z]\w*(\.[_a-zA-Z]\w*)*$/;

/** Parses a `--view` argument. Throws a ViewSpecError on an unknown view or a malformed name or hop count. */
export function parseViewSpec(text: string): ViewSpec {
    const value = text.trim();
    if (value === 'building-blocks' || value === 'lineage') {
        return { view: value };
    }
    if (value === 'workflows') {
        return { view: 'workflows' };
    }

    const separator = value.indexOf(':');
    const prefix = separator < 0 ? value : value.slice(0, separator);
    const rest = separator < 0 ? '' : value.slice(separator + 1);
    if (prefix === 'model') {
        return parseModelSpec(text, rest);
    }
    if (prefix === 'workflow') {
        return { view: 'workflows', workflow: requireName(text, rest, 'workflow') };
    }
    throw new ViewSpecError(`Unknown view '${text}'. Use one of: ${VIEW_SPEC_FORMS.join(', ')}.`);
}

function parseModelSpec(text: string, rest: string): ViewSpec {
    const hopsSeparator = rest.lastIndexOf(':');
    if (hopsSeparator < 0) {
        return { view: 'model-dependencies', model: requireName(text, rest, 'model') };
    }
    const model = requireName(text, rest.slice(0, hopsSeparator), 'model');
    const hopsText = rest.slice(hopsSeparator + 1);
    if (!/^[1-9]\d*$/.test(hopsText)) {
        throw new ViewSpecError(`Invalid hop count '${hopsText}' in view '${text}'. Use a positive whole number, as in model:${model}:2.`);
    }
    return { view: 'model-dependencies', model, hops: Number(hopsText) };
}

function requireName(text: string, name: string, kind: 'model' | 'workflow'): string {
    if (name === '') {
        throw new ViewSpecError(`Missing ${kind} name in view '${text}'. Use ${kind}:<name>, with the simple or qualified name of the ${kind}.`);
    }
    if (!QUALIFIED_NAME.test(name)) {
        throw new ViewSpecError(`Invalid ${kind} name '${name}' in view '${text}'. Use a simple name or a qualified name such as Platform.Layer.Name.`);
    }
    return name;
}

/** Formats a view spec in the syntax that parseViewSpec reads. */
export function formatViewSpec(spec: ViewSpec): string {
    switch (spec.view) {
        case 'building-blocks':
        case 'lineage':
            return spec.view;
        case 'model-dependencies':
            return spec.hops === undefined ? `model:${spec.model}` : `model:${spec.model}:${spec.hops}`;
        case 'workflows':
            return spec.workflow === undefined ? 'workflows' : `workflow:${spec.workflow}`;
    }
}

/** Returns the graph view and its parameters that a `--view` argument asks for. */
export function viewRequestOf(spec: ViewSpec): { view: ViewKind; parameters: ViewParameters } {
    switch (spec.view) {
        case 'building-blocks':
        case 'lineage':
            return { view: spec.view, parameters: {} };
        case 'model-dependencies':
            return { view: spec.view, parameters: { model: spec.model, hops: spec.hops } };
        case 'workflows':
            return { view: spec.view, parameters: spec.workflow ? { workflow: spec.workflow } : {} };
    }
}
