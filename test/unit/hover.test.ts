import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { expectHover } from 'langium/test';
import { createMlArchServices } from '../../language/src/mlarch-module.js';
import { buildWorkspace, stripMarkers } from './workspace-helpers.js';

const services = createMlArchServices(EmptyFileSystem).MlArch;
const hover = expectHover(services);

const SHOP = `platform Shop "Shop ML Platform" {
    layer ModelLayer "Model Layer" {
        description "Models and their serving."
    }
}

dataset OrderHistory "Order History" {
    owner "Data Team"
    refresh "daily"
    privacy pii
}

/** Orders the products of a category page. */
model Ranker "Product Ranker" in Shop.ModelLayer {
    id "MDL-RANK"
    owner "Search Team"
    task ranking
    type gbt
    framework "LightGBM", "PyTorch"
    version "v3"
    status production
    serving realtime
    trained on OrderHistory
    trained by ranker_training
    baseline ctr 0.042 alert 0.035 "Share of lists with a click"
    baseline latency_ms "< 50"
    card "https://cards.example.com/ranker"
}

workflow ranker_training "Ranker Training" {
    trigger schedule "daily"
    step fit -> evaluate
    step evaluate
}
`;

/** Returns the hover Markdown at the `<|>` marker of a file next to the shop file. */
async function hoverAt(source: string): Promise<string | undefined> {
    const { text, cursor } = stripMarkers(source);
    assert.ok(cursor >= 0, 'test input has no <|> cursor marker');
    const workspace = await buildWorkspace({ 'shop.mlarch': SHOP, 'main.mlarch': text });
    const document = workspace.document('main.mlarch');
    const result = await workspace.services.lsp.HoverProvider?.getHoverContent(document, {
        textDocument: { uri: document.uri.toString() },
        position: document.textDocument.positionAt(cursor)
    });
    const contents = result?.contents;
    return contents && typeof contents === 'object' && 'value' in contents ? contents.value : undefined;
}

describe('hover on models', () => {

    test('model card on declaration', async () => {
        const markdown = await hoverAt(SHOP.replace('model Ranker', 'model Ran<|>ker'));
        assert.equal(markdown, [
            '**model** `Ranker` — Product Ranker',
            '',
            'Orders the products of a category page.',
            '',
            '- **Registry id:** MDL-RANK',
            '- **Task:** ranking',
            '- **Type:** gbt',
            '- **Framework:** LightGBM, PyTorch',
            '- **Version:** v3 (production)',
            '- **Serving:** realtime',
            '- **Owner:** Search Team',
            '- **Trained on:** `OrderHistory`',
            '- **Trained by:** `ranker_training`',
            '- **Card:** https://cards.example.com/ranker',
            '- **In:** `Shop.ModelLayer`',
            '',
            '**Baselines**',
            '',
            '- `ctr` 0.042, alert at 0.035: Share of lists with a click',
            '- `latency_ms` \\< 50'
        ].join('\n'));
    });

    test('model card on reference in other file', async () => {
        const markdown = await hoverAt('endpoint Api { serves Ran<|>ker }') ?? '';
        assert.match(markdown, /^\*\*model\*\* `Ranker` — Product Ranker/);
        assert.match(markdown, /- \*\*Version:\*\* v3 \(production\)/);
        assert.match(markdown, /- `ctr` 0\.042, alert at 0\.035/);
    });

    test('status shown without version', async () => {
        await hover({
            text: 'model <|>M { status canary }',
            index: 0,
            hover: /- \*\*Status:\*\* canary/,
            disposeAfterCheck: true
        });
    });

    test('model text is escaped', async () => {
        const markdown = await hoverAt('model <|>M "*Bold* <img src=x> [link](http://x)" { owner "a_b|c" }') ?? '';
        assert.match(markdown, /— \\\*Bold\\\* \\<img src=x\\> \\\[link\\\]\\\(http:\/\/x\\\)$/m);
        assert.match(markdown, /- \*\*Owner:\*\* a\\_b\\\|c/);
        assert.doesNotMatch(markdown, /(?<!\\)<img/, 'the angle bracket must be escaped');
    });
});

describe('hover on other elements', () => {

    test('job shows mode, state and data', async () => {
        const markdown = await hoverAt(`stream Clicks { }
job <|>Sessions "Sessions" {
    mode streaming
    engine "Apache Flink"
    state stateful {
        backend "RocksDB"
        checkpointing "every 60 s"
    }
    reads Clicks
    writes OrderHistory
}`) ?? '';
        assert.match(markdown, /^\*\*job\*\* `Sessions` — Sessions/);
        assert.match(markdown, /- \*\*Mode:\*\* streaming/);
        assert.match(markdown, /- \*\*Engine:\*\* Apache Flink/);
        assert.match(markdown, /- \*\*State:\*\* stateful \(backend RocksDB, checkpointing every 60 s\)/);
        assert.match(markdown, /- \*\*Reads:\*\* `Clicks`/);
        assert.match(markdown, /- \*\*Writes:\*\* `OrderHistory`/);
    });

    test('feature group shows stores and sources', async () => {
        const markdown = await hoverAt(`job Agg { }
featurestore Features {
    group <|>Activity {
        features "clicks_10m", "views_10m"
        source Agg
        online refresh "seconds"
        offline
    }
}`) ?? '';
        assert.match(markdown, /^\*\*feature group\*\* `Features\.Activity`/);
        assert.match(markdown, /- \*\*Features:\*\* clicks\\_10m, views\\_10m/);
        assert.match(markdown, /- \*\*Sources:\*\* `Agg`/);
        assert.match(markdown, /- \*\*Online store:\*\* refresh seconds/);
        assert.match(markdown, /- \*\*Offline store:\*\* yes/);
    });

    test('endpoint shows serving', async () => {
        const markdown = await hoverAt(`endpoint <|>Api "Ranker API" {
    serves Ranker
    mode realtime
    scaling autoscaling, scale-to-zero
    latency "P95 50 ms"
}`) ?? '';
        assert.match(markdown, /- \*\*Serves:\*\* `Ranker`/);
        assert.match(markdown, /- \*\*Mode:\*\* realtime/);
        assert.match(markdown, /- \*\*Scaling:\*\* autoscaling, scale-to-zero/);
        assert.match(markdown, /- \*\*Latency:\*\* P95 50 ms/);
    });

    test('experiment lists variants with traffic', async () => {
        const markdown = await hoverAt(`experiment <|>Test {
    variant control model Ranker version "v3" traffic 60%
    variant treatment model Shop.ModelLayer.Ranker traffic 40%
    metrics ctr
    decision ctr rule "higher ctr"
}`) ?? '';
        assert.match(markdown, /\*\*Variants\*\*\n\n- `control`: `Ranker` v3, 60% traffic\n- `treatment`: `Shop\.ModelLayer\.Ranker`, 40% traffic/);
        assert.match(markdown, /- \*\*Decision:\*\* `ctr`: higher ctr/);
    });

    test('signal shows what it carries', async () => {
        await hover({
            text: '/** Drift crossed its threshold. */\nsignal <|>drift "Drift Detected" { carries "feature name", "PSI value" }',
            index: 0,
            hover: '**signal** `drift` — Drift Detected\n\nDrift crossed its threshold.\n\n- **Carries:** feature name, PSI value',
            disposeAfterCheck: true
        });
    });

    test('workflow shows triggers and steps', async () => {
        const markdown = await hoverAt(`signal ready { }
workflow <|>train {
    owner "ML"
    trigger on ready
    trigger after ranker_training
    emits ready
    step load -> fit
    step fit
}`) ?? '';
        assert.match(markdown, /- \*\*Triggers:\*\* on `ready`, after `ranker_training`/);
        assert.match(markdown, /- \*\*Emits:\*\* `ready`/);
        assert.match(markdown, /- \*\*Steps:\*\* `load`, `fit`/);
    });

    test('step reference shows the step', async () => {
        const markdown = await hoverAt(`workflow w {
    step load -> f<|>it
    step fit "Fit" {
        description "Fits the model."
        runs Ranker
    }
}`) ?? '';
        assert.match(markdown, /^\*\*step\*\* `fit` — Fit\n\nFits the model\./);
        assert.match(markdown, /- \*\*Workflow:\*\* `w`/);
        assert.match(markdown, /- \*\*Runs:\*\* `Ranker`/);
    });

    test('qualified reference segment shows target', async () => {
        const markdown = await hoverAt('model M in Shop.Model<|>Layer { }') ?? '';
        assert.match(markdown, /^\*\*layer\*\* `Shop\.ModelLayer` — Model Layer\n\nModels and their serving\./);
    });

    test('relations listed with labels', async () => {
        const markdown = await hoverAt('component <|>Web { uses Ranker "ranks lists" feedback OrderHistory }') ?? '';
        assert.match(markdown, /- \*\*Uses:\*\* `Ranker` \(ranks lists\)/);
        assert.match(markdown, /- \*\*Feedback to:\*\* `OrderHistory`/);
    });

    test('keyword has no hover', async () => {
        await hover({ text: 'model M { own<|>er "x" }', index: 0, hover: undefined, disposeAfterCheck: true });
    });
});
