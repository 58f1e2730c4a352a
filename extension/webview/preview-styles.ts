import { diagramStylesheet } from '../../language/src/graph/diagram-style.js';
import { MOTION_MS } from './node-motion.js';

/**
 * Styles of the preview page around the diagram, and of the preview's marks on it (selection,
 * search, motion). Every colour is a VS Code theme variable, read by the browser when it paints,
 * so a theme change applies at once and nothing here caches a colour. VS Code marks the theme's
 * kind with a body class (vscode-light, vscode-dark, vscode-high-contrast, vscode-high-contrast-light);
 * high-contrast themes get solid borders in the theme's contrast colours.
 */
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
    display: flex; align-items: center; flex-wrap: wrap; gap: 6px 8px; flex: none;
    padding: 6px 10px;
    border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.35));
}
.toolbar-group { display: inline-flex; align-items: center; gap: 4px; }
.toolbar button, .menu button {
    font: inherit; color: inherit; cursor: pointer;
    background: transparent; border: 1px solid transparent; border-radius: 4px;
    padding: 2px 9px; line-height: 18px;
}
.toolbar button:hover, .menu button:hover { background: var(--vscode-toolbar-hoverBackground, rgba(128, 128, 128, 0.18)); }
.toolbar button:focus-visible, .menu button:focus-visible, .menu input:focus-visible {
    outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: -1px;
}
.view-switch {
    display: inline-flex; border-radius: 5px; overflow: hidden;
    border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, rgba(128, 128, 128, 0.45)));
}
.view-switch button { border-radius: 0; border: 0; }
.view-switch button[aria-pressed="true"], .view-switch button[aria-pressed="true"]:hover {
    background: var(--vscode-button-background, #0969da);
    color: var(--vscode-button-foreground, #ffffff);
}
.toolbar label { display: inline-flex; align-items: center; gap: 4px; color: var(--vscode-descriptionForeground, #6b7280); }
.toolbar select, .toolbar input {
    font: inherit; color: var(--vscode-input-foreground, inherit);
    background: var(--vscode-input-background, transparent);
    border: 1px solid var(--vscode-input-border, var(--vscode-dropdown-border, rgba(128, 128, 128, 0.45)));
    border-radius: 3px; padding: 1px 4px; line-height: 18px;
}
.toolbar select { max-width: 16em; background: var(--vscode-dropdown-background, var(--vscode-input-background, transparent)); color: var(--vscode-dropdown-foreground, inherit); }
.toolbar input[type="number"] { width: 3.5em; }
.toolbar input[type="search"] { width: 12em; }
.toolbar select:focus, .toolbar input:focus { outline: 1px solid var(--vscode-focusBorder, #0969da); outline-offset: -1px; }
.toolbar [hidden] { display: none; }
.search-count { min-width: 4.5em; color: var(--vscode-descriptionForeground, #6b7280); font-variant-numeric: tabular-nums; }
.status {
    margin-left: auto; min-width: 0; flex: 1 1 8em; text-align: right;
    color: var(--vscode-descriptionForeground, #6b7280);
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.status.error { color: var(--vscode-errorForeground, #d1242f); }
.menu-anchor { position: relative; display: inline-flex; }
.menu {
    position: absolute; top: calc(100% + 4px); left: 0; z-index: 10; min-width: 13em;
    display: flex; flex-direction: column; gap: 2px; padding: 4px;
    background: var(--vscode-menu-background, var(--vscode-editorWidget-background, var(--vscode-editor-background, #ffffff)));
    color: var(--vscode-menu-foreground, var(--vscode-editor-foreground, inherit));
    border: 1px solid var(--vscode-menu-border, var(--vscode-widget-border, rgba(128, 128, 128, 0.45)));
    border-radius: 5px;
    box-shadow: 0 2px 8px var(--vscode-widget-shadow, rgba(0, 0, 0, 0.25));
}
.menu.align-end { left: auto; right: 0; }
.menu[hidden] { display: none; }
.menu button { text-align: left; white-space: nowrap; }
.menu label { display: flex; align-items: center; gap: 6px; padding: 2px 6px; cursor: pointer; white-space: nowrap; color: inherit; }
.menu label .count { margin-left: auto; color: var(--vscode-descriptionForeground, #6b7280); font-variant-numeric: tabular-nums; }
.menu input[type="checkbox"] { accent-color: var(--vscode-checkbox-background, var(--vscode-button-background, #0969da)); margin: 0; }
.canvas { position: relative; flex: 1; min-height: 0; overflow: hidden; cursor: grab; touch-action: none; }
.canvas.dragging { cursor: grabbing; }
.canvas > svg { display: block; width: 100%; height: 100%; }
.canvas.stale > svg { opacity: 0.45; }
.placeholder {
    position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
    padding: 24px; text-align: center; color: var(--vscode-descriptionForeground, #6b7280);
}
.placeholder[hidden] { display: none; }
.spinner {
    position: absolute; top: 12px; right: 14px; display: flex; align-items: center; gap: 8px;
    padding: 4px 10px; border-radius: 4px;
    background: var(--vscode-editorWidget-background, rgba(128, 128, 128, 0.12));
    color: var(--vscode-descriptionForeground, #6b7280);
    border: 1px solid var(--vscode-widget-border, transparent);
}
.spinner[hidden] { display: none; }
.spinner::before {
    content: ""; width: 12px; height: 12px; border-radius: 50%;
    border: 2px solid var(--vscode-progressBar-background, #0969da); border-right-color: transparent;
    animation: mlarch-spin 0.8s linear infinite;
}
@keyframes mlarch-spin { to { transform: rotate(360deg); } }
.mlarch-diagram .node.selected > .node-shape { stroke: var(--vscode-focusBorder, #0969da); stroke-width: 3; }
.mlarch-diagram.searching .node:not(.search-match), .mlarch-diagram.searching .edge, .mlarch-diagram.searching .edge-label { opacity: 0.22; }
.mlarch-diagram .node.search-match > .node-shape { stroke-width: 2.4; }
.mlarch-diagram .node.search-current > .node-shape {
    stroke: var(--vscode-editor-findMatchBorder, var(--vscode-focusBorder, #0969da)); stroke-width: 3.2;
}
.mlarch-diagram .edges, .mlarch-diagram .edge-labels { transition: opacity ${MOTION_MS}ms ease-in; }
.mlarch-diagram.motion-start .edges, .mlarch-diagram.motion-start .edge-labels { opacity: 0; }
.mlarch-diagram.motion .node { transition: transform ${MOTION_MS}ms ease-out, opacity ${MOTION_MS}ms ease-out; }
@media (prefers-reduced-motion: reduce) {
    .mlarch-diagram .edges, .mlarch-diagram .edge-labels, .mlarch-diagram.motion .node { transition: none; }
    .spinner::before { animation: none; }
}
body.vscode-high-contrast .mlarch-diagram .node-shape, body.vscode-high-contrast-light .mlarch-diagram .node-shape {
    stroke: var(--vscode-contrastBorder, currentColor); stroke-width: 2;
}
body.vscode-high-contrast .mlarch-diagram .edge-line, body.vscode-high-contrast-light .mlarch-diagram .edge-line { stroke-width: 2; }
body.vscode-high-contrast .mlarch-diagram .node.selected > .node-shape, body.vscode-high-contrast-light .mlarch-diagram .node.selected > .node-shape,
body.vscode-high-contrast .mlarch-diagram .node:focus-visible > .node-shape, body.vscode-high-contrast-light .mlarch-diagram .node:focus-visible > .node-shape {
    stroke: var(--vscode-contrastActiveBorder, var(--vscode-focusBorder, currentColor)); stroke-width: 3.5; stroke-dasharray: 4 2;
}
body.vscode-high-contrast .view-switch button[aria-pressed="true"], body.vscode-high-contrast-light .view-switch button[aria-pressed="true"] {
    outline: 1px solid var(--vscode-contrastActiveBorder, currentColor); outline-offset: -2px;
}
body.vscode-high-contrast .toolbar button:hover, body.vscode-high-contrast-light .toolbar button:hover {
    outline: 1px dashed var(--vscode-contrastActiveBorder, currentColor); outline-offset: -1px;
}
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
