import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { expectFoldings } from 'langium/test';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { createMlArchServices } from '../../language/src/mlarch-module.js';

const services = createMlArchServices(EmptyFileSystem).MlArch;
const foldings = expectFoldings(services);

function describeFolding(folding: FoldingRange): string {
    return `${folding.startLine}-${folding.endLine}${folding.kind ? ` ${folding.kind}` : ''}`;
}

describe('folding ranges', () => {

    test('every block folds to the line before its brace', async () => {
        await foldings({
            text: `platform P {
    layer L {
        component C {
            responsibility "r"
        }
    }
}
model M {
    owner "x"
    history {
        version "v1"
        version "v2"
    }
}
job J {
    state stateful {
        backend "RocksDB"
        checkpointing "60 s"
    }
}
model Short { owner "x" }
`,
            disposeAfterCheck: true,
            assert: found => assert.deepEqual(found.map(describeFolding), [
                '0-5', '1-4', '2-3', '7-12', '9-11', '14-18', '15-17'
            ])
        });
    });

    test('comment runs and block comments fold', async () => {
        await foldings({
            text: `// First line of a header
// second line
// third line
signal a

/**
 * A doc comment.
 */
signal b // trailing
// a single comment line
signal c
// two lines
// of comment
`,
            disposeAfterCheck: true,
            assert: found => assert.deepEqual(found.map(describeFolding), [
                `0-2 ${FoldingRangeKind.Comment}`,
                `5-6 ${FoldingRangeKind.Comment}`,
                `11-12 ${FoldingRangeKind.Comment}`
            ])
        });
    });

    test('one range per start line', async () => {
        await foldings({
            text: 'workflow w {\n    step a {\n        runs w\n        emits s\n    }\n}\nsignal s\n',
            disposeAfterCheck: true,
            assert: found => {
                const startLines = found.map(folding => folding.startLine);
                assert.deepEqual(startLines, [...new Set(startLines)]);
                assert.deepEqual(found.map(describeFolding), ['0-4', '1-3']);
            }
        });
    });
});
