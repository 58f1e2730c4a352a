import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { expectSemanticToken, highlightHelper, type DecodedSemanticTokensWithRanges } from 'langium/test';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { createMlArchServices } from '../../language/src/mlarch-module.js';

const services = createMlArchServices(EmptyFileSystem).MlArch;
const highlight = highlightHelper(services);

/** Returns the token types of the `<|...|>` ranges, in order, as `text type` lines. */
function typesOfRanges(tokens: DecodedSemanticTokensWithRanges): string[] {
    return tokens.ranges.map(([start, end]) => {
        const found = tokens.tokens.filter(token => token.offset === start && token.offset + token.text.length === end);
        return found.map(token => `${token.text} ${token.tokenType}`).join(' | ') || `(no token at ${start}-${end})`;
    });
}

/** Returns the names of the modifiers of the token at a range. */
function modifiersAt(tokens: DecodedSemanticTokensWithRanges, rangeIndex: number): string[] {
    const [start] = tokens.ranges[rangeIndex];
    const token = tokens.tokens.find(candidate => candidate.offset === start);
    assert.ok(token, `no token at range ${rangeIndex}`);
    const legend = services.lsp.SemanticTokenProvider?.tokenModifiers ?? {};
    return Object.entries(legend).filter(([, bit]) => (token.tokenModifiers & bit) !== 0).map(([name]) => name);
}

describe('semantic tokens', () => {

    test('declaring keywords and names', async () => {
        const tokens = await highlight(`<|platform|> <|Shop|> {
    <|layer|> <|Data|> { <|component|> <|Bus|> }
}
<|model|> <|Ranker|> { }
<|job|> <|Sessions|> { }
<|pipeline|> <|Nightly|> { }
<|signal|> <|ready|>
<|workflow|> <|train|> { <|step|> <|fit|> }
<|datastore|> <|Lake|> { }
<|endpoint|> <|Api|> { }
<|featurestore|> <|Features|> { <|group|> <|Activity|> { } }`);
        assert.deepEqual(typesOfRanges(tokens), [
            'platform keyword', 'Shop namespace',
            'layer keyword', 'Data namespace', 'component keyword', 'Bus class',
            'model keyword', 'Ranker class',
            'job keyword', 'Sessions function',
            'pipeline keyword', 'Nightly function',
            'signal keyword', 'ready event',
            'workflow keyword', 'train function', 'step keyword', 'fit method',
            'datastore keyword', 'Lake struct',
            'endpoint keyword', 'Api interface',
            'featurestore keyword', 'Features namespace', 'group keyword', 'Activity property'
        ]);
        assert.deepEqual(modifiersAt(tokens, 1), [SemanticTokenModifiers.declaration]);
    });

    test('property keys and enum values', async () => {
        const tokens = await highlight(`model M {
    <|owner|> <|"Team"|>
    <|task|> <|ranking|>
    <|status|> <|production|>
    <|serving|> <|realtime|>, <|batch|>
    <|trained|> <|on|> D
    <|baseline|> <|auc|> <|0.9|> <|alert|> <|0.8|>
}
dataset D { <|privacy|> <|pii|> }
job J { <|mode|> <|streaming|> <|state|> <|stateful|> { <|backend|> "RocksDB" } }
endpoint E { <|scaling|> <|scale-to-zero|> }
datastore S { <|kind|> <|object-store|> }`);
        assert.deepEqual(typesOfRanges(tokens), [
            'owner property', '"Team" string',
            'task property', 'ranking enumMember',
            'status property', 'production enumMember',
            'serving property', 'realtime enumMember', 'batch enumMember',
            'trained property', 'on property',
            'baseline property', 'auc variable', '0.9 number', 'alert property', '0.8 number',
            'privacy property', 'pii enumMember',
            'mode property', 'streaming enumMember', 'state property', 'stateful enumMember', 'backend property',
            'scaling property', 'scale-to-zero enumMember',
            'kind property', 'object-store enumMember'
        ]);
    });

    test('references by target kind', async () => {
        const tokens = await highlight(`platform Shop { layer Models { } }
signal ready
dataset Orders { }
model Ranker in <|Shop|>.<|Models|> {
    trained on <|Orders|>
    <|uses|> <|ready|>
}
endpoint Api { serves <|Ranker|> }
workflow w { step a <|->|> <|b|> step b { runs <|Ranker|> } }
experiment X { variant v model <|Ranker|> traffic 50<|%|> }`);
        assert.deepEqual(typesOfRanges(tokens), [
            'Shop namespace', 'Models namespace',
            'Orders struct',
            'uses keyword', 'ready event',
            'Ranker class',
            '-> operator', 'b method',
            'Ranker class',
            'Ranker class', '% operator'
        ]);
        assert.deepEqual(modifiersAt(tokens, 0), [], 'references carry no declaration modifier');
    });

    test('placement keyword', async () => {
        const tokens = await highlight('platform P { }\nsignal s <|in|> P');
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.keyword });
    });

    test('unresolved reference has no token', async () => {
        const tokens = await highlight('endpoint Api { serves <|Missing|> }');
        assert.deepEqual(typesOfRanges(tokens), ['(no token at 22-29)']);
    });

    test('retired model marked deprecated', async () => {
        const tokens = await highlight('model <|Old|> { status retired }\nendpoint Api { serves <|Old|> }');
        assert.deepEqual(modifiersAt(tokens, 0), [SemanticTokenModifiers.declaration, SemanticTokenModifiers.deprecated]);
        assert.deepEqual(modifiersAt(tokens, 1), [SemanticTokenModifiers.deprecated]);
    });
});
