import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { expectSymbols, expectWorkspaceSymbols } from 'langium/test';
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import { createMlArchServices } from '../../language/src/mlarch-module.js';
import { buildWorkspace, readExample } from './workspace-helpers.js';

const services = createMlArchServices(EmptyFileSystem).MlArch;
const symbols = expectSymbols(services);

const SYMBOL_KIND_NAMES = new Map(Object.entries(SymbolKind).map(([name, value]) => [value, name]));

/** Writes an outline as indented `name kind detail` lines. */
function outline(documentSymbols: DocumentSymbol[], depth = 0): string[] {
    return documentSymbols.flatMap(symbol => [
        `${'  '.repeat(depth)}${symbol.name} ${SYMBOL_KIND_NAMES.get(symbol.kind)} ${symbol.detail}`,
        ...outline(symbol.children ?? [], depth + 1)
    ]);
}

const EVERY_KIND = `platform Shop "Shop" {
    layer Data {
        component Bus "Event Bus" {
            stream Clicks { }
        }
        datastore Lake { }
        dataset Orders "Orders" { }
        job Sessions { }
        featurestore Features {
            group Activity "Activity" { }
        }
    }
    group Models {
        model Ranker "Ranker" { }
        endpoint Api { }
    }
}
signal ready
workflow train "Training" {
    step load -> fit
    step fit
}
experiment Test {
    variant control model Ranker traffic 50%
}
monitor Drift {
    metric psi threshold 0.2
}
pipeline Nightly { }
`;

describe('document symbols', () => {

    test('outline nests every kind', async () => {
        await symbols({
            text: EVERY_KIND,
            disposeAfterCheck: true,
            assert: documentSymbols => assert.deepEqual(outline(documentSymbols), [
                'Shop Namespace Shop',
                '  Data Package layer',
                '    Bus Class Event Bus',
                '      Clicks Struct stream',
                '    Lake Struct datastore',
                '    Orders File Orders',
                '    Sessions Function job',
                '    Features Module featurestore',
                '      Activity Field Activity',
                '  Models Package group',
                '    Ranker Class Ranker',
                '    Api Interface endpoint',
                'ready Event signal',
                'train Function Training',
                '  load Method step',
                '  fit Method step',
                'Test Object experiment',
                '  control EnumMember variant',
                'Drift Object monitor',
                '  psi Property metric',
                'Nightly Function pipeline'
            ])
        });
    });

    test('symbol ranges cover declaration', async () => {
        await symbols({
            text: 'model Ranker {\n    owner "x"\n}\n',
            disposeAfterCheck: true,
            assert: documentSymbols => {
                assert.equal(documentSymbols.length, 1);
                const [ranker] = documentSymbols;
                assert.deepEqual(ranker.range, { start: { line: 0, character: 0 }, end: { line: 2, character: 1 } });
                assert.deepEqual(ranker.selectionRange, { start: { line: 0, character: 6 }, end: { line: 0, character: 12 } });
            }
        });
    });
});

describe('workspace symbols', () => {

    const FILES = {
        'platform.mlarch': 'platform Shop {\n    layer Models {\n        model Ranker { }\n    }\n}\n',
        'serving.mlarch': 'endpoint RankerApi { serves Ranker }\nsignal ranker_ready\n'
    };

    function describeSymbol(symbol: WorkspaceSymbol): string {
        const location = 'range' in symbol.location ? symbol.location : undefined;
        const file = symbol.location.uri.split('/').pop();
        return `${symbol.name} ${SYMBOL_KIND_NAMES.get(symbol.kind)} ${file}:${location?.range.start.line}`;
    }

    test('empty query lists each element once', async () => {
        const workspace = await buildWorkspace(FILES);
        await expectWorkspaceSymbols(workspace.services.shared)({
            query: '',
            assert: found => assert.deepEqual(found.map(describeSymbol), [
                'Shop Namespace platform.mlarch:0',
                'Shop.Models Package platform.mlarch:1',
                'Shop.Models.Ranker Class platform.mlarch:2',
                'RankerApi Interface serving.mlarch:0',
                'ranker_ready Event serving.mlarch:1'
            ])
        });
    });

    test('simple name finds nested element', async () => {
        const workspace = await buildWorkspace(FILES);
        await expectWorkspaceSymbols(workspace.services.shared)({
            query: 'ranker',
            expectedSymbols: ['Shop.Models.Ranker', 'RankerApi', 'ranker_ready']
        });
    });

    test('qualified query finds nested element', async () => {
        const workspace = await buildWorkspace(FILES);
        await expectWorkspaceSymbols(workspace.services.shared)({
            query: 'Shop.Models.R',
            expectedSymbols: ['Shop.Models.Ranker']
        });
    });

    test('examples have no duplicate symbols', async () => {
        const workspace = await buildWorkspace(readExample('netflix'));
        const found = await workspace.services.shared.lsp.WorkspaceSymbolProvider?.getSymbols({ query: '' }) ?? [];
        const names = found.map(symbol => symbol.name);
        assert.ok(names.includes('Netflix.ModelLayer'), 'the nested layer is listed by qualified name');
        assert.ok(!names.includes('ModelLayer'), 'the nested layer is not listed a second time by simple name');
        assert.equal(new Set(names).size, names.length, `duplicates: ${names.filter((name, index) => names.indexOf(name) !== index).join(', ')}`);
    });
});
