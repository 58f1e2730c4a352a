import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildWorkspace, describeDiagnostics } from './workspace-helpers.js';

describe('workspace facts', () => {

    test('component and datastore emitters count', async () => {
        const workspace = await buildWorkspace({
            'signals.mlarch': 'signal cache_warmed\nsignal lake_compacted\n',
            'emitters.mlarch': 'component CacheWarmer {\n    emits cache_warmed\n}\ndatastore Lake {\n    kind object-store\n    emits lake_compacted\n}\n',
            'subscribers.mlarch': 'workflow rebuild_cache {\n    trigger on cache_warmed\n    trigger on lake_compacted\n    step run\n}\n'
        });
        for (const name of ['signals.mlarch', 'emitters.mlarch', 'subscribers.mlarch']) {
            const diagnostics = workspace.diagnostics(name);
            assert.equal(diagnostics.length, 0, `${name}:\n${describeDiagnostics(diagnostics)}`);
        }
    });

    test('lists follow document order', async () => {
        const workspace = await buildWorkspace({
            'b.mlarch': 'signal ready\nworkflow second {\n    trigger on ready\n    step run\n}\n',
            'a.mlarch': 'workflow first {\n    trigger on ready\n    step run {\n        emits ready\n    }\n}\n'
        });
        const tables = workspace.services.workspace.Facts.tables;
        const signal = tables.byQualifiedName.get('ready')![0];
        const subscribers = tables.signalSubscribers.get(signal as never) ?? [];
        assert.deepEqual(subscribers.map(trigger => trigger.$container.name), ['first', 'second']);
    });
});
