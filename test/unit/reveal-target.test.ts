/**
 * Which URIs a reveal request from the preview webview may open. The webview is untrusted: a
 * request may name any string, and only `.mlarch` files in the workspace folders and documents
 * already open in the editor get through.
 */
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkRevealTarget, type RevealScope } from '../../extension/src/reveal-target.js';

const SCOPE: RevealScope = {
    folders: ['file:///home/ana/platform', 'vscode-remote://ssh-remote%2Bgpu-box/srv/models'],
    openDocuments: ['untitled:Untitled-1', 'file:///home/ana/notes/scratch.mlarch']
};

function reasonFor(uri: string, scope: RevealScope = SCOPE): string | undefined {
    const target = checkRevealTarget(uri, scope);
    return target.accepted ? undefined : target.reason;
}

describe('reveal targets inside the workspace', () => {
    test('accepts files in each folder', () => {
        for (const uri of [
            'file:///home/ana/platform/models.mlarch',
            'file:///home/ana/platform/teams/ranking/serving%20layer.mlarch',
            'vscode-remote://ssh-remote%2Bgpu-box/srv/models/ranker.mlarch'
        ]) {
            const target = checkRevealTarget(uri, SCOPE);
            assert.ok(target.accepted, `${uri}: ${target.accepted ? '' : target.reason}`);
        }
    });

    test('returns the parsed URI', () => {
        const target = checkRevealTarget('file:///home/ana/platform/teams/serving%20layer.mlarch', SCOPE);
        assert.ok(target.accepted);
        assert.equal(target.uri.path, '/home/ana/platform/teams/serving layer.mlarch');
    });

    test('accepts open documents', () => {
        assert.equal(reasonFor('untitled:Untitled-1'), undefined);
        assert.equal(reasonFor('file:///home/ana/notes/scratch.mlarch'), undefined);
    });

    test('ignores case only on request', () => {
        const uri = 'file:///HOME/ana/platform/models.mlarch';
        assert.equal(reasonFor(uri), 'it is outside the workspace folders');
        assert.equal(reasonFor(uri, { ...SCOPE, ignoreCase: true }), undefined);
    });
});

describe('reveal targets that are rejected', () => {
    test('rejects dot segments in any encoding', () => {
        for (const uri of [
            'file:///home/ana/platform/../../../etc/passwd.mlarch',
            'file:///home/ana/platform/%2e%2e/%2E%2E/secrets.mlarch',
            'file:///home/ana/platform/./models.mlarch',
            'file:///home/ana/platform/..%5C..%5Cetc%5Cx.mlarch'
        ]) {
            assert.equal(reasonFor(uri), 'its path has a "." or ".." segment', uri);
        }
    });

    test('rejects siblings and other hosts', () => {
        for (const uri of [
            'file:///etc/passwd.mlarch',
            'file:///home/ana/platform-secrets/keys.mlarch',
            'file://fileserver/home/ana/platform/models.mlarch',
            'vscode-remote://ssh-remote%2Bother-box/srv/models/ranker.mlarch'
        ]) {
            assert.equal(reasonFor(uri), 'it is outside the workspace folders', uri);
        }
    });

    test('rejects files of other types', () => {
        assert.equal(reasonFor('file:///home/ana/platform/.env'), 'it is not an .mlarch file');
        assert.equal(reasonFor('file:///home/ana/platform/mlarch.config.json'), 'it is not an .mlarch file');
    });

    test('rejects web, command and untitled URIs', () => {
        assert.equal(reasonFor('https://example.com/platform/models.mlarch'), 'it is outside the workspace folders');
        assert.equal(reasonFor('command:workbench.action.quit'), 'it is not an .mlarch file');
        assert.equal(reasonFor('untitled:Untitled-7'), 'it is not an .mlarch file');
    });

    test('rejects invalid URIs', () => {
        for (const uri of ['', 'models.mlarch', '/home/ana/platform/models.mlarch', 'a b:/x.mlarch', 'file:////x.mlarch']) {
            assert.match(reasonFor(uri) ?? 'accepted', /^it is not a valid URI/, JSON.stringify(uri));
        }
    });

    test('rejects everything without folders', () => {
        assert.equal(reasonFor('file:///home/ana/platform/models.mlarch', { folders: [], openDocuments: [] }), 'it is outside the workspace folders');
    });
});
