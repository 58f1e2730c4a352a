/**
 * The preview webview's HTML page. Pure (no vscode import), so tests can serve the same page.
 * Its content security policy loads nothing but the script bundle with the nonce and, when given,
 * a stylesheet from the extension. The bundle adds its own styles as constructed stylesheets,
 * which Chromium applies under this policy (the browser test checks it). The one other source is
 * `worker-src blob:`: the bundle starts the layout worker from a blob URL of ELK's worker code,
 * which it carries as text, so no file outside out/webview is loaded.
 */

export interface PreviewHtmlOptions {
    /** The webview's `cspSource`: the origin its local resources are served from. */
    cspSource: string;
    /** Fresh random value per page load, allowed to run the script and style elements. */
    nonce: string;
    /** Webview URI of out/webview/preview.js. */
    scriptUri: string;
    /** Webview URI of an optional stylesheet. */
    styleUri?: string;
}

/** Returns the HTML of the preview page. */
export function renderPreviewHtml(options: PreviewHtmlOptions): string {
    // A nonce is base64 and a CSP source has no separators, so dropping other characters keeps the policy intact.
    const policyNonce = options.nonce.replace(/[^A-Za-z0-9+/=_-]/g, '');
    const cspSource = options.cspSource.replace(/[;,\s]/g, '');
    const policy = [
        `default-src 'none'`,
        `img-src ${cspSource} data:`,
        `style-src ${cspSource} 'nonce-${policyNonce}'`,
        `script-src 'nonce-${policyNonce}'`,
        `worker-src blob:`
    ].join('; ');
    const nonce = escapeHtml(policyNonce);
    const stylesheet = options.styleUri
        ? `\n    <link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(options.styleUri)}">`
        : '';

    return `<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeHtml(policy)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    <title>MLArch Preview</title>${stylesheet}
</head>
<body>
    <div id="mlarch-preview"></div>
    <script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}

function escapeHtml(value: string): string {
    return value.replace(/[&<>"']/g, character => HTML_ESCAPES[character]);
}

const HTML_ESCAPES: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    '\'': '&#39;'
};
