/**
 * Export of the drawn view as an SVG or PNG image. Both draw the current layout again, without
 * the preview's hover, search and selection marks and without diagnostic badges. The colours
 * are literal: the light print palette, or the current theme's colours as read from VS Code's
 * CSS variables at the moment of the export. PNG draws that SVG on an offscreen canvas.
 */
import type { PaletteColors } from '../../language/src/graph/diagram-style.js';
import type { LaidOutGraph } from '../../language/src/graph/elk-layout.js';
import { renderSvg, serializeSvg } from '../../language/src/graph/svg-render.js';
import type { ExportImageFormat, ExportTheme } from '../../language/src/protocol.js';

/** Pixels per diagram unit of an exported PNG, so that it stays sharp on high-density screens and in print. */
export const PNG_SCALE = 2;

/** Largest side of an exported PNG in pixels; larger diagrams are scaled down to it. The extension accepts no larger side. */
export const MAX_PNG_SIDE = 16_384;

export interface ExportedImage {
    /** SVG markup, or a PNG as a data URL. */
    data: string;
    /** Size in pixels: diagram units for SVG. */
    width: number;
    height: number;
}

/** VS Code theme variables of each palette colour, with the light default used when a variable is missing. */
const THEME_VARIABLES: Record<Exclude<keyof PaletteColors, 'accents'>, [string, string]> = {
    foreground: ['--vscode-editor-foreground', '#1f2328'],
    background: ['--vscode-editor-background', '#ffffff'],
    muted: ['--vscode-descriptionForeground', '#6b7280'],
    focus: ['--vscode-focusBorder', '#0969da'],
    error: ['--vscode-editorError-foreground', '#e51400'],
    warning: ['--vscode-editorWarning-foreground', '#bf8803']
};

const ACCENT_VARIABLES: Record<keyof PaletteColors['accents'], [string, string]> = {
    blue: ['--vscode-charts-blue', '#2563eb'],
    green: ['--vscode-charts-green', '#16a34a'],
    orange: ['--vscode-charts-orange', '#ea580c'],
    purple: ['--vscode-charts-purple', '#7c3aed'],
    red: ['--vscode-charts-red', '#dc2626'],
    yellow: ['--vscode-charts-yellow', '#ca8a04']
};

/** Draws the layout as an image in the given format and colours. */
export async function exportImage(layout: LaidOutGraph, format: ExportImageFormat, theme: ExportTheme): Promise<ExportedImage> {
    const colors = theme === 'theme' ? readThemeColors() : undefined;
    const tree = renderSvg(layout, { palette: 'print', colors, diagnostics: false });
    const markup = serializeSvg(tree);
    const width = Number(tree.attributes.width);
    const height = Number(tree.attributes.height);
    if (format === 'svg') {
        return { data: markup, width, height };
    }
    return renderPng(markup, width, height, colors?.background ?? '#ffffff');
}

/** Reads the palette colours from the current theme's CSS variables, as #rrggbb. */
export function readThemeColors(): PaletteColors {
    const style = getComputedStyle(document.body);
    const read = ([variable, fallback]: [string, string]): string => style.getPropertyValue(variable).trim() || fallback;
    const background = toOpaqueHex(read(THEME_VARIABLES.background), '#ffffff');
    const color = (entry: [string, string]): string => toOpaqueHex(read(entry), background);
    return {
        foreground: color(THEME_VARIABLES.foreground),
        background,
        muted: color(THEME_VARIABLES.muted),
        focus: color(THEME_VARIABLES.focus),
        error: color(THEME_VARIABLES.error),
        warning: color(THEME_VARIABLES.warning),
        accents: {
            blue: color(ACCENT_VARIABLES.blue),
            green: color(ACCENT_VARIABLES.green),
            orange: color(ACCENT_VARIABLES.orange),
            purple: color(ACCENT_VARIABLES.purple),
            red: color(ACCENT_VARIABLES.red),
            yellow: color(ACCENT_VARIABLES.yellow)
        }
    };
}

/**
 * Converts any CSS colour to #rrggbb by painting it on a one-pixel canvas over `backdrop`, so a
 * translucent theme colour becomes the colour it shows on the editor background.
 */
function toOpaqueHex(color: string, backdrop: string): string {
    const canvas = new OffscreenCanvas(1, 1);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) {
        return backdrop;
    }
    context.fillStyle = backdrop;
    context.fillRect(0, 0, 1, 1);
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
    return `#${[r, g, b].map(channel => channel.toString(16).padStart(2, '0')).join('')}`;
}

async function renderPng(markup: string, width: number, height: number, background: string): Promise<ExportedImage> {
    const scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / width, MAX_PNG_SIDE / height);
    const pixelWidth = Math.max(1, Math.round(width * scale));
    const pixelHeight = Math.max(1, Math.round(height * scale));

    const image = new Image(pixelWidth, pixelHeight);
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
    await image.decode();

    const canvas = new OffscreenCanvas(pixelWidth, pixelHeight);
    const context = canvas.getContext('2d');
    if (!context) {
        throw new Error('The browser gave no 2D canvas context for the PNG.');
    }
    context.fillStyle = background;
    context.fillRect(0, 0, pixelWidth, pixelHeight);
    context.drawImage(image, 0, 0, pixelWidth, pixelHeight);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { data: await readAsDataUrl(blob), width: pixelWidth, height: pixelHeight };
}

function readAsDataUrl(blob: Blob): Promise<string> {
    return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error ?? new Error('Reading the PNG failed.'));
        reader.readAsDataURL(blob);
    });
}
