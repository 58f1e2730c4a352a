/** The file formats that a view can be exported to, and how file names map to them. */

export type ExportFormat = 'svg' | 'png' | 'json' | 'mermaid' | 'dot';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['svg', 'png', 'json', 'mermaid', 'dot'];

/** File name extensions of each format; the first one is the one to suggest. */
export const FORMAT_EXTENSIONS: Readonly<Record<ExportFormat, readonly string[]>> = {
    svg: ['.svg'],
    png: ['.png'],
    json: ['.json'],
    mermaid: ['.mmd', '.mermaid'],
    dot: ['.dot', '.gv']
};

export function isExportFormat(value: string): value is ExportFormat {
    return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Returns the format that a file name's extension stands for, or undefined for other extensions. */
export function formatFromFileName(fileName: string): ExportFormat | undefined {
    const lower = fileName.toLowerCase();
    return EXPORT_FORMATS.find(format => FORMAT_EXTENSIONS[format].some(extension => lower.endsWith(extension)));
}
