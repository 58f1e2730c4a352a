/**
 * Stylesheets of the diagram. The webview colours the diagram from the VS Code theme through its
 * CSS variables, so it follows theme changes without redrawing. A standalone SVG carries literal
 * colours, without var() or color-mix(), so image viewers and converters without modern CSS draw
 * it too: the light print palette, or the colours of the current theme that the preview reads
 * when it exports (PaletteColors).
 * Font sizes are not set here: the renderer writes them as attributes from TEXT_STYLES.
 */
import type { ElementKind } from './graph-model.js';

export type DiagramPalette = 'vscode' | 'print';

type Accent = 'blue' | 'green' | 'orange' | 'purple' | 'red' | 'yellow' | 'teal' | 'magenta' | 'neutral';

/** The base colours of a literal palette, each in the #rrggbb form. */
export interface PaletteColors {
    foreground: string;
    background: string;
    muted: string;
    focus: string;
    error: string;
    warning: string;
    accents: Record<'blue' | 'green' | 'orange' | 'purple' | 'red' | 'yellow', string>;
}

interface ColorScheme {
    foreground: string;
    background: string;
    muted: string;
    focus: string;
    error: string;
    warning: string;
    accents: Record<Accent, string>;
    /** Mixes `percent` of color with the rest of other, like CSS color-mix in sRGB. */
    mix(color: string, other: string, percent: number): string;
}

const KIND_ACCENTS: Readonly<Record<ElementKind, Accent>> = {
    platform: 'neutral',
    group: 'neutral',
    component: 'neutral',
    monitor: 'neutral',
    datastore: 'green',
    dataset: 'yellow',
    stream: 'orange',
    signal: 'orange',
    job: 'blue',
    workflow: 'blue',
    step: 'blue',
    featurestore: 'teal',
    featuregroup: 'teal',
    model: 'purple',
    endpoint: 'magenta',
    experiment: 'red'
};

const vscodeMix = (color: string, other: string, percent: number): string => `color-mix(in srgb, ${color} ${percent}%, ${other})`;

const VSCODE_SCHEME: ColorScheme = {
    foreground: 'var(--vscode-editor-foreground, #1f2328)',
    background: 'var(--vscode-editor-background, #ffffff)',
    muted: 'var(--vscode-descriptionForeground, #6b7280)',
    focus: 'var(--vscode-focusBorder, #0969da)',
    error: 'var(--vscode-editorError-foreground, #e51400)',
    warning: 'var(--vscode-editorWarning-foreground, #bf8803)',
    accents: {
        blue: 'var(--vscode-charts-blue, #2563eb)',
        green: 'var(--vscode-charts-green, #16a34a)',
        orange: 'var(--vscode-charts-orange, #ea580c)',
        purple: 'var(--vscode-charts-purple, #7c3aed)',
        red: 'var(--vscode-charts-red, #dc2626)',
        yellow: 'var(--vscode-charts-yellow, #ca8a04)',
        teal: vscodeMix('var(--vscode-charts-blue, #2563eb)', 'var(--vscode-charts-green, #16a34a)', 40),
        magenta: vscodeMix('var(--vscode-charts-red, #dc2626)', 'var(--vscode-charts-purple, #7c3aed)', 50),
        neutral: 'var(--vscode-descriptionForeground, #64748b)'
    },
    mix: vscodeMix
};

const PRINT_SCHEME: ColorScheme = {
    foreground: '#1f2328',
    background: '#ffffff',
    muted: '#6b7280',
    focus: '#0969da',
    error: '#d1242f',
    warning: '#9a6700',
    accents: {
        blue: '#2563eb',
        green: '#16a34a',
        orange: '#ea580c',
        purple: '#7c3aed',
        red: '#dc2626',
        yellow: '#ca8a04',
        teal: '#0d9488',
        magenta: '#c026d3',
        neutral: '#64748b'
    },
    mix: mixHex
};

/** Builds a literal scheme from base colours, deriving teal and magenta as the VS Code scheme does. */
function literalScheme(colors: PaletteColors): ColorScheme {
    return {
        ...colors,
        accents: {
            ...colors.accents,
            teal: mixHex(colors.accents.blue, colors.accents.green, 40),
            magenta: mixHex(colors.accents.red, colors.accents.purple, 50),
            neutral: colors.muted
        },
        mix: mixHex
    };
}

/**
 * Returns the stylesheet of the diagram's classes for the given palette. With `colors`, the
 * print palette takes those colours in place of its light defaults.
 */
export function diagramStylesheet(palette: DiagramPalette, colors?: PaletteColors): string {
    let scheme = PRINT_SCHEME;
    if (palette === 'vscode') {
        scheme = VSCODE_SCHEME;
    } else if (colors) {
        scheme = literalScheme(colors);
    }
    const { foreground, background, muted, mix } = scheme;
    const edge = mix(foreground, background, 55);
    const backEdge = scheme.accents.orange;
    const rules: string[] = [
        `.mlarch-diagram { background: ${palette === 'print' ? background : 'transparent'}; }`,
        `.mlarch-diagram text { fill: ${foreground}; }`,
        `.node-shape { stroke-width: 1.3; stroke-linejoin: round; }`,
        `.node-detail { fill: none; stroke-width: 1.1; }`,
        `.node-inner { fill: none; stroke-width: 1; }`,
        `.node .t-caption, .node .t-detail { fill: ${muted}; }`,
        `.node.compound > .node-shape { stroke-width: 1.2; }`,
        `.node.compound.kind-group > .node-shape, .node.compound.kind-platform > .node-shape { stroke-dasharray: 6 3; }`,
        `.edge-line { fill: none; stroke: ${edge}; stroke-width: 1.3; }`,
        `.marker-normal { fill: ${edge}; }`,
        `.edge.back .edge-line { stroke: ${backEdge}; stroke-width: 1.6; stroke-dasharray: 7 4; }`,
        `.marker-back { fill: ${backEdge}; }`,
        `.edge.experiment .edge-line { stroke: ${scheme.accents.magenta}; stroke-dasharray: 2 3; stroke-width: 1.5; }`,
        `.marker-experiment { fill: ${scheme.accents.magenta}; }`,
        `.edge.signal .edge-line { stroke: ${scheme.accents.orange}; stroke-dasharray: 8 3 2 3; }`,
        `.marker-signal { fill: ${scheme.accents.orange}; }`,
        `.edge.store .edge-line { stroke: ${mix(foreground, background, 35)}; stroke-dasharray: 3 3; }`,
        `.marker-store { fill: ${mix(foreground, background, 35)}; }`,
        `.edge-label-box { fill: ${background}; fill-opacity: 0.88; }`,
        `.edge-label text { fill: ${muted}; }`,
        `.badge-box { stroke-width: 0.8; }`,
        `.interactive .node { cursor: pointer; }`,
        `.interactive .node:not(.compound):hover > .node-shape { stroke-width: 2.2; }`,
        `.interactive .node:focus { outline: none; }`,
        `.interactive .node:focus-visible > .node-shape { stroke: ${scheme.focus}; stroke-width: 2.5; }`,
        `.interactive.has-highlight .edge:not(.highlight), .interactive.has-highlight .edge-label:not(.highlight) { opacity: 0.18; }`,
        `.interactive .edge.highlight .edge-line { stroke-width: 2.4; }`,
        `.node.focus:not(.compound) > .node-shape { stroke-width: 2.6; }`,
        `.node.focus.compound > .node-shape { stroke-width: 2.2; stroke-dasharray: none; }`,
        `.diagnostic-badge > circle { stroke: ${background}; stroke-width: 1.5; }`,
        `.diagnostic-badge.severity-error > circle { fill: ${scheme.error}; }`,
        `.diagnostic-badge.severity-warning > circle { fill: ${scheme.warning}; }`,
        `.mlarch-diagram .diagnostic-badge > text { fill: ${background}; }`,
        `.interactive .diagnostic-badge { cursor: help; }`
    ];

    for (const [kind, accentName] of Object.entries(KIND_ACCENTS)) {
        const accent = scheme.accents[accentName];
        rules.push(
            `.node.kind-${kind} > .node-shape { fill: ${mix(accent, background, 12)}; stroke: ${accent}; }`,
            `.node.compound.kind-${kind} > .node-shape { fill: ${accent}; fill-opacity: 0.05; stroke: ${mix(accent, background, 70)}; }`,
            `.node.kind-${kind} > .node-detail, .node.kind-${kind} > .node-inner { stroke: ${accent}; }`,
            `.node.kind-${kind} > .node-band { fill: ${accent}; }`,
            `.node.kind-${kind} > .t-caption { fill: ${mix(accent, foreground, 80)}; }`
        );
    }

    const tones: Array<[string, string]> = [
        ['version', scheme.accents.neutral],
        ['status-live', scheme.accents.green],
        ['status-trial', scheme.accents.orange],
        ['status-draft', scheme.accents.blue],
        ['status-retired', scheme.accents.neutral],
        ['serving', scheme.accents.teal]
    ];
    for (const [tone, color] of tones) {
        rules.push(
            `.badge.tone-${tone} > .badge-box { fill: ${mix(color, background, 14)}; stroke: ${mix(color, background, 60)}; }`,
            `.badge.tone-${tone} > text { fill: ${mix(color, foreground, 75)}; }`
        );
    }
    rules.push(
        `.badge.tone-stateful > .badge-box { fill: ${scheme.accents.blue}; stroke: ${scheme.accents.blue}; }`,
        `.mlarch-diagram .badge.tone-stateful > text { fill: ${background}; }`
    );
    return rules.join('\n');
}

/** Mixes two #rrggbb colours in sRGB, as color-mix(in srgb, color percent%, other) does. */
function mixHex(color: string, other: string, percent: number): string {
    const a = parseHex(color);
    const b = parseHex(other);
    const weight = percent / 100;
    const channels = a.map((value, index) => Math.round(value * weight + b[index] * (1 - weight)));
    return `#${channels.map(value => value.toString(16).padStart(2, '0')).join('')}`;
}

function parseHex(color: string): number[] {
    const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
    if (!match) {
        throw new Error(`Invalid palette colour: ${color}. Use the #rrggbb form.`);
    }
    return match.slice(1).map(hex => parseInt(hex, 16));
}
