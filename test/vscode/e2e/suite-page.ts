import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import type { CodeServer } from './code-server.js';

export interface SuitePageOptions {
    /** Absolute path of the folder to open. */
    folder: string;
    /** Absolute path of the extension folder to run as the development extension. */
    extensionPath: string;
    /** Absolute path of the bundled test module. */
    testsPath: string;
    /** Environment variables of the extension host. */
    environment: Record<string, string>;
    timeoutMs: number;
    /** File that receives the workbench log, which includes the extension host's console output. */
    logFile: string;
}

/**
 * Opens the workbench with the extension-test `payload` URL parameter, which code-server reads
 * when started with `--vscode-option enable-smoke-test-driver`, and returns the exit code that
 * the workbench reports through `window.codeAutomationExit`: 0 when the test module's `run()`
 * resolved.
 */
export async function runSuitePage(browser: Browser, server: CodeServer, options: SuitePageOptions): Promise<number> {
    const remote = (path: string) => `vscode-remote://${new URL(server.url).host}${path}`;
    const payload = [
        ['extensionDevelopmentPath', remote(options.extensionPath)],
        ['extensionTestsPath', remote(options.testsPath)],
        ['extensionEnvironment', JSON.stringify(options.environment)]
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    try {
        const page = await context.newPage();
        let reportExit: (code: number) => void = () => undefined;
        const exited = new Promise<number>(resolve => {
            reportExit = resolve;
        });
        await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
        // The workbench passes console-style arguments: a format string and its values.
        await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
            const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
            appendFileSync(options.logFile, `[${level}] ${text}\n`);
        });

        await page.goto(url);
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error(`The extension-host tests did not finish within ${options.timeoutMs / 1000} s.`)), options.timeoutMs);
        });
        try {
            return await Promise.race([exited, timeout]);
        } finally {
            clearTimeout(timer);
        }
    } finally {
        await context.close();
    }
}
