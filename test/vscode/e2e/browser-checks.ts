import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { copyExample } from '../runner/workspaces.js';
import type { CodeServer } from './code-server.js';
import {
    FIRST_RENDER_TIMEOUT_MS, goToPosition, modelNamesInFolder, openWorkbench, positionInFile, previewFrame, quickOpen,
    UI_TIMEOUT_MS, waitForActiveTab, waitForCursor, waitForPreviewIdle, waitForProblems
} from './workbench.js';

export interface CheckResult {
    name: string;
    /** Why the check failed; undefined when it passed. */
    error?: string;
}

export interface BrowserCheckOptions {
    /** Folder that receives fresh copies of the examples. */
    workspaceParent: string;
    /** Folder that receives one screenshot per check. */
    screenshotDir: string;
}

/** Number of missing-metadata warnings of a model that has only a name and a title. */
const MISSING_METADATA_COUNT = 8;

/**
 * Runs the steps of one scenario in order on one page. Each step is one check with one
 * screenshot, named by its id and taken before the step's `cleanup`. A step whose required
 * steps failed counts as failed unrun.
 */
class Scenario {
    readonly results: CheckResult[] = [];
    /** Names of the failed steps by step id. */
    private readonly failed = new Map<string, string>();

    constructor(private readonly page: Page, private readonly screenshotDir: string, private readonly prefix: string) {}

    async step(id: string, name: string, requires: string[], action: () => Promise<void>, cleanup?: () => Promise<void>): Promise<void> {
        const failedRequirement = requires.find(required => this.failed.has(required));
        if (failedRequirement !== undefined) {
            this.failed.set(id, name);
            this.results.push({ name, error: `not run because the step "${this.failed.get(failedRequirement)}" failed` });
            return;
        }
        try {
            await action();
            this.results.push({ name });
        } catch (error) {
            this.failed.set(id, name);
            this.results.push({ name, error: summarize(error) });
            // Closes a suggestion list or quick input that the failed step left open.
            await this.page.keyboard.press('Escape').catch(() => undefined);
        }
        const index = readdirSync(this.screenshotDir).length + 1;
        const file = join(this.screenshotDir, `${String(index).padStart(2, '0')}-${this.prefix}-${id}.png`);
        await this.page.screenshot({ path: file }).catch((error: unknown) => {
            console.log(`  Taking the screenshot ${file} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
        await cleanup?.();
    }
}

/**
 * Drives the workbench as a user would, with keyboard shortcuts and clicks, in fresh copies of
 * the examples. The getting-started example shows the Problems count. The Netflix example
 * covers completion, go to definition, the preview, clicks on its nodes and live updates.
 */
export async function runBrowserChecks(browser: Browser, server: CodeServer, options: BrowserCheckOptions): Promise<CheckResult[]> {
    return [
        ...await checkGettingStarted(browser, server, options),
        ...await checkNetflix(browser, server, options)
    ];
}

async function checkGettingStarted(browser: Browser, server: CodeServer, options: BrowserCheckOptions): Promise<CheckResult[]> {
    const folder = copyExample('getting-started', options.workspaceParent);
    const page = await openWorkbench(browser, server, folder);
    const scenario = new Scenario(page, options.screenshotDir, 'getting-started');
    try {
        await scenario.step('quick-open', 'Quick Open opens ml.mlarch', [], async () => {
            await quickOpen(page, 'ml.mlarch');
        });

        await scenario.step('problems', 'status bar counts the eight warnings', ['quick-open'], async () => {
            await waitForProblems(page, new RegExp(`Warnings: ${MISSING_METADATA_COUNT}\\b`));
            await waitForProblems(page, /^(?!.*Errors: [1-9])/);
            // The editor renders only the visible lines, so scroll to the model to see its squiggle.
            await goToPosition(page, positionInFile(folder, 'ml.mlarch', 'model ChurnPredictor ', 'model '.length));
            await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: UI_TIMEOUT_MS });
        });
    } finally {
        await page.close();
    }
    return scenario.results;
}

async function checkNetflix(browser: Browser, server: CodeServer, options: BrowserCheckOptions): Promise<CheckResult[]> {
    const folder = copyExample('netflix', options.workspaceParent);
    const files = readdirSync(folder).filter(name => name.endsWith('.mlarch'));
    const page = await openWorkbench(browser, server, folder);
    const scenario = new Scenario(page, options.screenshotDir, 'netflix');
    try {
        await scenario.step('quick-open', 'Quick Open opens models.mlarch', [], async () => {
            await quickOpen(page, 'models.mlarch');
            // Code lenses above the models show that the language server has analysed the workspace.
            await page.locator('.monaco-editor .codelens-decoration', { hasText: 'upstream' }).first().waitFor({ timeout: FIRST_RENDER_TIMEOUT_MS });
        });

        await scenario.step('completion', 'Ctrl+Space suggests only models after depends on', ['quick-open'], async () => {
            // RecommendationEnsemble, the model that contains this `depends on`, is never its own dependency.
            const expected = modelNamesInFolder(folder, files).filter(name => name !== 'RecommendationEnsemble').sort();
            await goToPosition(page, positionInFile(folder, 'models.mlarch', 'depends on ', 'depends on '.length));
            await page.keyboard.press('Control+Space');
            // The list renders only the rows in view, about twelve, which is more than the expected
            // five, so a sixth suggestion would show up here too.
            const rows = page.locator('.suggest-widget .monaco-list-row .label-name');
            await rows.first().waitFor({ timeout: UI_TIMEOUT_MS });
            const labels = (await rows.allInnerTexts()).map(label => label.trim()).sort();
            assertEqual(labels, expected, 'suggestions');
        }, async () => {
            await page.keyboard.press('Escape');
        });

        await scenario.step('go-to-definition', 'F12 jumps to the declaration in another file', ['quick-open'], async () => {
            const declaration = positionInFile(folder, 'data.mlarch', 'dataset RecTrainingExamples ');
            await goToPosition(page, positionInFile(folder, 'models.mlarch', 'trained on RecTrainingExamples', 'trained on '.length + 1));
            await page.keyboard.press('F12');
            await waitForActiveTab(page, 'data.mlarch');
            await waitForCursor(page, declaration.line);
        });

        await scenario.step('preview', 'editor title button opens the preview beside', ['quick-open'], async () => {
            await quickOpen(page, 'models.mlarch');
            await page.locator('.editor-actions .action-label[aria-label^="Open Preview to the Side"]').click({ timeout: UI_TIMEOUT_MS });
            await page.locator('.tabs-container .tab[aria-label="MLArch Preview, Editor Group 2"]').waitFor({ timeout: UI_TIMEOUT_MS });
            await previewFrame(page).locator('[data-id="RecommendationEnsemble"]').waitFor({ timeout: FIRST_RENDER_TIMEOUT_MS });
            await waitForPreviewIdle(page, FIRST_RENDER_TIMEOUT_MS);
        });

        await scenario.step('node-click', 'clicking a node selects its declaration', ['preview'], async () => {
            const declaration = positionInFile(folder, 'models.mlarch', 'model ContentEmbeddingModel ');
            await waitForPreviewIdle(page);
            await previewFrame(page).locator('[data-id="ContentEmbeddingModel"]').click({ timeout: UI_TIMEOUT_MS });
            await waitForActiveTab(page, 'models.mlarch');
            const status = await waitForCursor(page, declaration.line);
            const selected = `(${'ContentEmbeddingModel'.length} selected)`;
            if (!status.includes(selected)) {
                throw new Error(`The status bar reads "${status}", expected the name ContentEmbeddingModel ${selected}.`);
            }
        });

        // Typing goes to the editor that the node click focused.
        await scenario.step('typed-model', 'typed model appears in the preview', ['preview', 'node-click'], async () => {
            await page.keyboard.press('Control+End');
            await page.keyboard.press('Enter');
            await page.keyboard.type('model FraudDetector "Fraud Detector" in Netflix.ModelLayer { }');
            await page.keyboard.press('Escape');
            await previewFrame(page).locator('[data-id="FraudDetector"]').waitFor({ timeout: UI_TIMEOUT_MS });
            await waitForPreviewIdle(page);
        });

        await scenario.step('problems', 'status bar counts the typed model\'s warnings', ['typed-model'], async () => {
            // The typed model lacks all metadata, and the example itself has no problems.
            await waitForProblems(page, new RegExp(`Warnings: ${MISSING_METADATA_COUNT}\\b`));
            await waitForProblems(page, /^(?!.*Errors: [1-9])/);
        });
    } finally {
        await page.close();
    }
    return scenario.results;
}

/** Returns the first line of an error and, for a Playwright timeout, the line that names the locator. */
function summarize(error: unknown): string {
    if (!(error instanceof Error)) {
        return String(error);
    }
    const lines = error.message.split('\n').map(line => line.trim());
    const locator = lines.find(line => line.startsWith('- waiting for'));
    return locator ? `${lines[0]} (${locator.slice(2)})` : lines[0];
}

function assertEqual(actual: string[], expected: string[], description: string): void {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(`The ${description} are [${actual.join(', ')}], expected [${expected.join(', ')}].`);
    }
}
