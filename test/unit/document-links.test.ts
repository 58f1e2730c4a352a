import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import type { DocumentLink } from 'vscode-languageserver';
import { createMlArchServices } from '../../language/src/mlarch-module.js';

const services = createMlArchServices(EmptyFileSystem).MlArch;
const parse = parseHelper(services);

interface FoundLink {
    text: string;
    target: string | undefined;
    tooltip: string | undefined;
}

async function linksOf(text: string): Promise<FoundLink[]> {
    const document = await parse(text);
    const provider = services.lsp.DocumentLinkProvider;
    assert.ok(provider, 'no document link provider registered');
    const links: DocumentLink[] = await provider.getDocumentLinks(document, { textDocument: { uri: document.uri.toString() } });
    return links.map(link => ({ text: document.textDocument.getText(link.range), target: link.target, tooltip: link.tooltip }));
}

describe('document links', () => {

    test('card and dashboard URLs', async () => {
        const links = await linksOf(`model M { card "https://cards.example.com/m?v=3" }
monitor D { dashboard "http://127.0.0.1:3000/d/drift" }`);
        assert.deepEqual(links, [
            { text: 'https://cards.example.com/m?v=3', target: 'https://cards.example.com/m?v=3', tooltip: 'Open the model card' },
            { text: 'http://127.0.0.1:3000/d/drift', target: 'http://127.0.0.1:3000/d/drift', tooltip: 'Open the dashboard' }
        ]);
    });

    test('URLs inside any string', async () => {
        const links = await linksOf(`dataset D {
    description "Schema at https://example.com/schema.json, owners at https://example.com/team."
    location 'https://example.com/data'
}`);
        assert.deepEqual(links.map(link => link.text), [
            'https://example.com/schema.json',
            'https://example.com/team',
            'https://example.com/data'
        ]);
        assert.equal(links[0].tooltip, undefined);
    });

    test('text without URL has no link', async () => {
        const links = await linksOf(`// https://example.com/in-a-comment is left to the editor
model M { purpose "Ranks items; see the wiki" card "ftp://example.com/card" }`);
        assert.deepEqual(links, []);
    });
});
