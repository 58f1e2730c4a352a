import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * User settings of the test profile. They keep the workbench from showing start pages, side
 * panels and notifications, from contacting any service, and from asking whether to trust the
 * workspace. The product itself keeps its defaults.
 */
const TEST_USER_SETTINGS = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'files.autoSave': 'off'
};

/** Writes the test settings into a fresh user data folder. */
export function writeUserSettings(userDataDir: string): void {
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(TEST_USER_SETTINGS, undefined, 4));
}
