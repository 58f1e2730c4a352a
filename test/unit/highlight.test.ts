import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { expectHighlight } from 'langium/test';
import { createMlArchServices } from '../../language/src/mlarch-module.js';
import { buildWorkspace, stripMarkers } from './workspace-helpers.js';

const services = createMlArchServices(EmptyFileSystem).MlArch;
const highlight = expectHighlight(services);

const NESTED_MODEL = `platform Shop {
    layer Models {
        model <|Ran<|>ker|> { depends on <|Shop.Models.Ranker|> }
    }
}
endpoint Api { serves <|Ranker|> }
experiment Test { variant v model <|Shop.Models.Ranker|> traffic 100% }
`;

describe('document highlight', () => {

    test('declaration highlights simple and qualified uses', async () => {
        await highlight({ text: NESTED_MODEL, index: 0, disposeAfterCheck: true });
    });

    test('qualified reference highlights all uses', async () => {
        await highlight({
            text: NESTED_MODEL.replace('variant v model <|Shop.Models.Ranker|>', 'variant v model <|Shop.Models.Ran<|>ker|>').replace('Ran<|>ker|> {', 'Ranker|> {'),
            index: 0,
            disposeAfterCheck: true
        });
    });

    test('step highlights declaration and edges', async () => {
        await highlight({
            text: `workflow w {
    step load -> <|fit|>
    step <|f<|>it|> -> done
    step check -> <|fit|>, done
    step done
}`,
            index: 0,
            // Langium lists the declaration first, then the references in document order.
            rangeIndex: [1, 0, 2],
            disposeAfterCheck: true
        });
    });

    test('element of other file highlights only uses', async () => {
        const { text, cursor } = stripMarkers('endpoint Api { serves Ranker }\nmonitor M { watches Ran<|>ker }');
        const workspace = await buildWorkspace({ 'models.mlarch': 'model Ranker { }', 'main.mlarch': text });
        const document = workspace.document('main.mlarch');
        const highlights = await workspace.services.lsp.DocumentHighlightProvider?.getDocumentHighlight(document, {
            textDocument: { uri: document.uri.toString() },
            position: document.textDocument.positionAt(cursor)
        }) ?? [];
        assert.deepEqual(highlights.map(found => document.textDocument.getText(found.range)), ['Ranker', 'Ranker']);
        assert.deepEqual(highlights.map(found => found.range.start.line), [0, 1]);
    });
});
