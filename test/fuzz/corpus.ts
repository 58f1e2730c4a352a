/**
 * The inputs that the fuzzer mutates: every `.mlarch` file under examples/, a small generated
 * workspace (bench/workspace-generator.ts) and a few hand-written files that use every construct
 * of the grammar in few lines.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from '../../bench/workspace-generator.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CorpusFile {
    /** Path relative to its workspace folder, used as the document's file name. */
    name: string;
    text: string;
    /** The other files of the same workspace folder, by name, which references may point into. */
    siblings: ReadonlyMap<string, string>;
    /** Where the file comes from, for reports: `examples/netflix`, `generated` or `synthetic`. */
    origin: string;
}

/** Files written for the fuzzer: each construct of the grammar at least once, with comments. */
export const SYNTHETIC_FILES: Record<string, string> = {
    'constructs.mlarch': `// Every kind of element, nested where the grammar allows it.
platform Shop "Shop" {
    description "A shop"
    layer Data "Data" {
        component Bus "Bus" {
            responsibility "moves events"
            technology "Kafka"
            emits landed
            uses Lake "archives"
            stream Clicks { partitioning "id" throughput "2K/s" }
        }
        component Empty
    }
    group Tools { }
}
/* A block comment
   over two lines. */
datastore Lake in Shop.Data { kind object-store technology "S3" emits landed }
dataset Orders { owner "Data" store Lake refresh "daily" privacy pii scale "1 TB" feedback Clicks }
signal landed "Landed" { description "data arrived" carries "date", "table" }
`,
    'jobs.mlarch': `pipeline Agg "Aggregation" {
    mode streaming engine "Flink"
    state stateful { backend "RocksDB" checkpointing "60 s" keyed by "id" windows "10m", "1h" }
    reads Clicks, Orders writes Features.Activity
    trigger on landed trigger after train trigger schedule "daily"
    emits ready freshness "< 10 s" scale "big"
}
job Small { state stateless }
featurestore Features {
    technology "Feast"
    group Activity { owner "x" features "a", "b" entity "user" source Agg online refresh "1s" offline }
    group Counts { features 12 }
}
signal ready
`,
    'models.mlarch': `/** Ranks products. */
model Ranker "Ranker" {
    id "MDL-1" owner "Search" task ranking type gbt framework "LightGBM", "PyTorch"
    version "v3" status production serving realtime, batch
    trained on Orders, Features.Activity trained by train
    depends on Base consumes Features.Activity
    baseline ctr 0.042 alert 0.035 "click rate"
    baseline latency_ms "< 50"
    history { version "v2" date "2024-01-01" status retired change "first" version "v3" }
    purpose "rank" limitations "none" card "https://cards.example.com/ranker"
}
model Base { task embedding }
workflow train "Training" {
    engine "Airflow" trigger on ready emits trained
    step fit -> evaluate, publish { description "fit" runs Agg emits trained }
    step evaluate -> publish
    step publish
}
signal trained
endpoint Api { serves Ranker mode realtime scaling autoscaling, fixed latency "50 ms" consumers Shop.Data.Bus }
experiment Ab {
    variant control model Ranker version "v3" traffic 50 %
    variant treatment model Base traffic 50
    metrics ctr, latency_ms decision ctr rule "higher wins" feeds Ranker
}
monitor Drift {
    watches Ranker metric psi threshold 0.2 every "1h" emits drifted triggers train
    dashboard "https://grafana.example.com/d/1"
}
signal drifted
`,
    'errors.mlarch': `model Broken {
    task
    depends on Nowhere, Ranker.
    baseline
}
platform Unclosed {
    layer L in Missing {
`
};

/** Returns every `.mlarch` file below a folder, sorted, with paths relative to it. */
function findMlArchFiles(folder: string, prefix = ''): string[] {
    const found: string[] = [];
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
            found.push(...findMlArchFiles(path.join(folder, entry.name), relative));
        } else if (entry.name.endsWith('.mlarch')) {
            found.push(relative);
        }
    }
    return found;
}

function filesOfFolder(files: Map<string, string>, origin: string): CorpusFile[] {
    return [...files].map(([name, text]) => {
        const siblings = new Map([...files].filter(([other]) => other !== name));
        return { name, text, siblings, origin };
    });
}

/**
 * Loads the corpus in a fixed order, so a seed selects the same files on every machine. Each
 * example folder is one workspace: its files are each other's siblings.
 */
export function loadCorpus(): CorpusFile[] {
    const corpus: CorpusFile[] = [];
    const examplesDir = path.join(REPO_ROOT, 'examples');
    for (const folder of fs.readdirSync(examplesDir, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort()) {
        const folderPath = path.join(examplesDir, folder);
        const files = new Map(findMlArchFiles(folderPath).map(name => [name, fs.readFileSync(path.join(folderPath, name), 'utf-8')]));
        corpus.push(...filesOfFolder(files, `examples/${folder}`));
    }

    // Four models and eight jobs give two teams: 14 files of 0.5 to 3 KB.
    const generated = generateWorkspace({ models: 4, jobs: 8, seed: 7 });
    corpus.push(...filesOfFolder(generated.files, 'generated'));

    corpus.push(...filesOfFolder(new Map(Object.entries(SYNTHETIC_FILES)), 'synthetic'));
    return corpus;
}
