import { diagramStylesheet } from '../../language/src/graph/diagram-style.js';

/** Styles of the preview page around the diagram, in the colours of the VS Code theme. */
const PAGE_STYLESHEET = `
html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
body {
    background: var(--vscode-editor-background, #ffffff);
    color: var(--vscode-editor-foreground, #1f2328);
    font-family: var(--vscode-font-family, system-ui, sans-serif);
    font-size: var(--vscode-font-size, 13px);
}
#mlarch-preview { display: flex; flex-direction: column; height: 100%; }
.toolbar {
    display: flex; align-items: center; gap: 6px; flex: none;
    padding: 6px 10px;
    border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
}
.toolbar button {
    font: inherit; color: inherit; cursor: pointer;
    background: transparent; border: 1px solid transparent; border-radius: 4px;
    padding: 2px 9px; line-height: 18px;
}
.toolbar button:hover { background: var(--vscode-toolbar-hoverBackground, rgba(128, 128, 128, 0.18)); }
.toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: -1px; }
.view-switch {
    display: inline-flex; margin-right: 6px; border-radius: 5px; overflow: hidden;
    border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, rgba(128, 128, 128, 0.45)));
}
.view-switch button { border-radius: 0; border: 0; }
.view-switch button[aria-pressed="true"], .view-switch button[aria-pressed="true"]:hover {
    background: var(--vscode-button-background, #0969da);
    color: var(--vscode-button-foreground, #ffffff);
}
.status {
    margin-left: auto; min-width: 0;
    color: var(--vscode-descriptionForeground, #6b7280);
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.status.error { color: var(--vscode-errorForeground, #d1242f); }
.canvas { position: relative; flex: 1; min-height: 0; overflow: hidden; cursor: grab; touch-action: none; }
.canvas.dragging { cursor: grabbing; }
.canvas > svg { display: block; width: 100%; height: 100%; }
.canvas.stale > svg { opacity: 0.45; }
.placeholder {
    position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
    padding: 24px; text-align: center; color: var(--vscode-descriptionForeground, #6b7280);
}
.placeholder[hidden] { display: none; }
`;

/**
 * Adds the page and diagram stylesheets as constructed stylesheets, which the webview's
 * content security policy allows without 'unsafe-inline'. Where the browser lacks them, a
 * `<style>` element with the script's nonce does the same.
 */
export function installStyles(document: Document, nonce: string | undefined): void {
    const css = `${PAGE_STYLESHEET}\n${diagramStylesheet('vscode')}`;
    if ('adoptedStyleSheets' in document && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        return;
    }
    const style = document.createElement('style');
    if (nonce) {
        style.nonce = nonce;
    }
    style.textContent = css;
    document.head.appendChild(style);
}
