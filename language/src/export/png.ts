/**
 * Renders a standalone SVG to PNG without a browser, with resvg (@resvg/resvg-js 2.6.2, a native
 * Node.js module). resvg draws text only with font files that it is given or finds in the
 * system's font folders, so rendering fails with an error when it has none, rather than writing
 * a diagram without labels.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface PngOptions {
    /** Pixels per SVG user unit. Default: 2, so text stays sharp on high-density screens and in print. */
    scale?: number;
    /** Colour behind the diagram, because the SVG's CSS background does not reach resvg. Default: white. */
    background?: string;
    /** Extra .ttf, .otf or .ttc files to draw text with, besides the system's fonts. */
    fontFiles?: string[];
}

export interface PngImage {
    png: Buffer;
    width: number;
    height: number;
}

export const DEFAULT_PNG_SCALE = 2;

/** Folders where resvg looks for system fonts (fontdb's `load_system_fonts`), per platform. */
function systemFontFolders(): string[] {
    const home = os.homedir();
    switch (process.platform) {
        case 'win32':
            return [path.join(process.env.SystemRoot ?? 'C:\\Windows', 'Fonts'), path.join(process.env.LOCALAPPDATA ?? '', 'Microsoft', 'Windows', 'Fonts')];
        case 'darwin':
            return ['/System/Library/Fonts', '/Library/Fonts', path.join(home, 'Library', 'Fonts')];
        default:
            return ['/usr/share/fonts', '/usr/local/share/fonts', path.join(home, '.fonts'), path.join(home, '.local', 'share', 'fonts')];
    }
}

const FONT_FILE = /\.(ttf|otf|ttc|otc)$/i;

/** Tells whether a folder contains a font file at any depth, stopping at the first one. */
function containsFontFile(folder: string): boolean {
    let entries: fs.Dirent[];
    try {
        entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
        return false;
    }
    return entries.some(entry => entry.isDirectory()
        ? containsFontFile(path.join(folder, entry.name))
        : FONT_FILE.test(entry.name));
}

/** Throws an error that explains how to install fonts when neither the system nor the options provide one. */
function requireFonts(fontFiles: string[]): void {
    for (const file of fontFiles) {
        if (!fs.existsSync(file)) {
            throw new Error(`Font file not found: ${file}.`);
        }
    }
    if (fontFiles.length === 0 && !systemFontFolders().some(containsFontFile)) {
        throw new Error(`No font files found in ${systemFontFolders().join(', ')}, so the PNG would have no text. `
            + 'Install a font package (on Debian: apt-get install fonts-dejavu-core) or pass a .ttf file with --font.');
    }
}

/** Renders the SVG markup to a PNG image of the SVG's size times the scale. */
export async function renderPng(svg: string, options: PngOptions = {}): Promise<PngImage> {
    const scale = options.scale ?? DEFAULT_PNG_SCALE;
    if (!(scale > 0) || !Number.isFinite(scale)) {
        throw new Error(`Invalid PNG scale ${scale}. Use a number greater than 0, such as 1 or 2.`);
    }
    const fontFiles = options.fontFiles ?? [];
    requireFonts(fontFiles);

    // Loaded on demand, so that the other commands work where the native module is missing.
    const { Resvg } = await import('@resvg/resvg-js');
    const resvg = new Resvg(svg, {
        fitTo: { mode: 'zoom', value: scale },
        background: options.background ?? '#ffffff',
        font: {
            loadSystemFonts: true,
            fontFiles,
            // Used for text whose font-family list names no installed font.
            defaultFontFamily: 'DejaVu Sans',
            sansSerifFamily: 'DejaVu Sans'
        },
        logLevel: 'off'
    });
    const image = resvg.render();
    return { png: image.asPng(), width: image.width, height: image.height };
}
