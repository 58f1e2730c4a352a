import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { CodeServer } from './code-server.js';

/** Timeout of each wait on the workbench. */
export const UI_TIMEOUT_MS = 30_000;

/** The first render of a preview also waits for the webview's service worker and the layout. */
export const FIRST_RENDER_TIMEOUT_MS = 60_000;

/** Opens a folder in the workbench and waits until the explorer lists its files. */
export async function openWorkbench(browser: Browser, server: CodeServer, folder: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: FIRST_RENDER_TIMEOUT_MS });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: FIRST_RENDER_TIMEOUT_MS });
    return page;
}

/** Opens a file by typing its name into Quick Open (Ctrl+P), and waits until its tab is active. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: UI_TIMEOUT_MS });
    await input.fill(fileName);
    // The list filters asynchronously, so wait until the row that Enter opens is the file's.
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: fileName }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await waitForActiveTab(page, fileName);
}

/** Waits until the active tab of an editor group shows `fileName`. */
export async function waitForActiveTab(page: Page, fileName: string): Promise<void> {
    // The label starts with the file name, followed by the editor group and the problem count when there are any.
    const label = new RegExp(`^${fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[, ])`);
    const deadline = Date.now() + UI_TIMEOUT_MS;
    let labels: string[] = [];
    while (Date.now() < deadline) {
        labels = await page.locator('.tabs-container .tab.active').evaluateAll(tabs => tabs.map(tab => tab.getAttribute('aria-label') ?? ''));
        if (labels.some(candidate => label.test(candidate))) {
            return;
        }
        await page.waitForTimeout(200);
    }
    throw new Error(`No active tab shows ${fileName}; the active tabs are ${JSON.stringify(labels)}.`);
}

/** Moves the cursor with Go to Line (Ctrl+G); line and column count from 1, as the status bar shows them. */
export async function goToPosition(page: Page, position: TextPosition): Promise<void> {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.type(`${position.line}:${position.column}`);
    await page.keyboard.press('Enter');
    await waitForCursor(page, position.line, position.column);
}

/** Waits until the status bar shows the cursor at `line` (and `column`, when given). */
export async function waitForCursor(page: Page, line: number, column?: number): Promise<string> {
    const pattern = column === undefined ? new RegExp(`^Ln ${line},`) : new RegExp(`^Ln ${line}, Col ${column}\\b`);
    const item = page.locator('[id="status.editor.selection"]');
    await item.filter({ hasText: pattern }).waitFor({ timeout: UI_TIMEOUT_MS });
    return item.innerText();
}

/** Waits until the Problems item of the status bar has an accessible label that matches `pattern`. */
export async function waitForProblems(page: Page, pattern: RegExp): Promise<string> {
    const item = page.locator('[id="status.problems"]');
    const deadline = Date.now() + UI_TIMEOUT_MS;
    let label: string | null = null;
    while (Date.now() < deadline) {
        label = await item.getAttribute('aria-label', { timeout: UI_TIMEOUT_MS });
        if (label !== null && pattern.test(label)) {
            return label;
        }
        await page.waitForTimeout(200);
    }
    throw new Error(`The Problems status bar item reads ${JSON.stringify(label)}, expected ${pattern}. Problems panel: ${await readProblemsPanel(page)}`);
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its text, shortened to 2,000 characters. */
async function readProblemsPanel(page: Page): Promise<string> {
    try {
        await page.keyboard.press('Control+Shift+M');
        const panel = page.locator('.markers-panel');
        await panel.waitFor({ timeout: UI_TIMEOUT_MS });
        await page.waitForTimeout(500);
        const text = (await panel.innerText()).replace(/\s*\n\s*/g, ' | ');
        return text.length > 2000 ? `${text.slice(0, 2000)}...` : text;
    } catch (error) {
        return `not readable (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
}

/** Returns the frame of the preview's webview content, which VS Code nests in two iframes. */
export function previewFrame(page: Page): FrameLocator {
    return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/**
 * Waits until the preview has drawn its graph and its nodes stand still, as a user waits before
 * clicking. The webview's root element reports that in `data-state` and `data-animating`.
 */
export async function waitForPreviewIdle(page: Page, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    await previewFrame(page).locator('#mlarch-preview[data-state="ready"]:not([data-animating])').waitFor({ timeout: timeoutMs });
}

export interface TextPosition {
    /** Line from 1. */
    line: number;
    /** Column from 1. */
    column: number;
}

/** Returns the position of `text` in a file, moved `offset` characters to the right. */
export function positionInFile(folder: string, fileName: string, text: string, offset = 0): TextPosition {
    const content = readFileSync(join(folder, fileName), 'utf8');
    const index = content.indexOf(text);
    if (index === -1) {
        throw new Error(`Text ${JSON.stringify(text)} not found in ${fileName}.`);
    }
    const before = content.slice(0, index + offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

/** Returns the names declared with `model <name>` in the `.mlarch` files of a folder. */
export function modelNamesInFolder(folder: string, fileNames: string[]): string[] {
    return fileNames.flatMap(fileName => [...readFileSync(join(folder, fileName), 'utf8').matchAll(/^model\s+(\w+)/gm)].map(match => match[1]));
}
