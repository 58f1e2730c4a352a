/**
 * Generates a realistic, valid MLArch workspace of a chosen size: a platform file and, per
 * team, files with its models, data, feature store, pipelines, workflows and serving. The
 * output is deterministic for a given seed and has no diagnostics.
 *
 * What keeps it valid, rule by rule:
 * - every model declares all eight required metadata fields, and depends only on models
 *   generated before it, so model dependencies are acyclic;
 * - stateful jobs name a state backend and checkpointing, and streaming jobs write only
 *   feature groups that are served online;
 * - every feature group is consumed by a model of its team;
 * - every signal is emitted by a job, step or monitor and subscribed to by a workflow;
 * - every real-time model is served by a real-time endpoint, and every model that an
 *   experiment uses is served;
 * - experiment traffic adds up to 100 and the decision metric is a baseline of a variant's model;
 * - every element name is unique in the workspace, so no simple-name reference is ambiguous.
 */

export interface WorkspaceSize {
    models: number;
    jobs: number;
}

/** Named sizes. Netflix runs about 3,000 ML projects and 15,000+ Flink jobs. */
export const WORKSPACE_SIZES = {
    small: { models: 50, jobs: 250 },
    medium: { models: 300, jobs: 1500 },
    netflix: { models: 3000, jobs: 15000 }
} as const satisfies Record<string, WorkspaceSize>;

export type WorkspaceSizeName = keyof typeof WORKSPACE_SIZES;

export interface GeneratorOptions extends WorkspaceSize {
    seed?: number;
}

export interface GeneratedWorkspace {
    /** File contents by path relative to the workspace folder, with `/` as separator. */
    files: Map<string, string>;
    /** How many elements of each kind the workspace declares. */
    counts: Record<string, number>;
}

export const DEFAULT_SEED = 20260101;

/** Models per team; a team gets one folder with its six to ten files. */
const MODELS_PER_TEAM = 20;
/** Jobs per pipelines file, so no file grows past about 600 lines. */
const JOBS_PER_FILE = 40;
/** Real-time models per real-time endpoint. */
const MODELS_PER_ENDPOINT = 8;

const DOMAINS: Record<string, string[]> = {
    personalization: ['Homepage', 'Artwork', 'RowRanking', 'ContinueWatching', 'Notifications', 'Trailers', 'Evidence', 'Profiles'],
    search: ['QueryUnderstanding', 'SearchRanking', 'Autocomplete', 'VoiceSearch', 'Discovery'],
    content: ['ContentValuation', 'DubbingDemand', 'ReleasePlanning', 'Localization', 'TitleMetadata'],
    playback: ['AdaptiveStreaming', 'EncodingQuality', 'CdnSteering', 'DeviceHealth', 'StartupLatency'],
    growth: ['Acquisition', 'Retention', 'Pricing', 'ChurnPrediction', 'Referral'],
    ads: ['AdRanking', 'AdPacing', 'AudienceTargeting', 'AdMeasurement'],
    games: ['GameRecommendations', 'Matchmaking', 'GameTelemetry'],
    studio: ['Scheduling', 'VisualEffects', 'BudgetForecasting', 'Casting'],
    trust: ['FraudDetection', 'AccountSharing', 'PaymentRisk', 'ContentModeration'],
    insights: ['FeatureQuality', 'CapacityForecasting', 'AnomalyDetection', 'Experimentation']
};

/** Second word of a team name once every area has a team: the surface or region it serves. */
const TEAM_FOCUSES = ['', 'Tv', 'Mobile', 'Kids', 'Emea', 'Apac', 'Latam', 'Web', 'Live'];

const TASKS: Record<string, { types: string[]; metrics: string[] }> = {
    ranking: { types: ['dnn', 'gbt', 'transformer'], metrics: ['ndcg_at_10', 'engagement_rate', 'inference_latency_ms'] },
    recommendation: { types: ['ensemble', 'matrix-factorization', 'dnn'], metrics: ['recall_at_50', 'engagement_rate', 'coverage_pct'] },
    classification: { types: ['gbt', 'dnn', 'linear'], metrics: ['auc', 'precision_at_recall_90', 'false_positive_rate'] },
    regression: { types: ['gbt', 'gnn', 'dnn'], metrics: ['rmse', 'mape_pct', 'inference_latency_ms'] },
    forecasting: { types: ['statistical', 'dnn', 'gbt'], metrics: ['mape_pct', 'coverage_pct', 'bias_pct'] },
    embedding: { types: ['gnn', 'transformer'], metrics: ['title_coverage_pct', 'neighbor_recall', 'refresh_lag_h'] },
    detection: { types: ['gbt', 'dnn', 'ensemble'], metrics: ['recall', 'false_positive_rate', 'alert_latency_s'] },
    retrieval: { types: ['transformer', 'dnn'], metrics: ['recall_at_100', 'query_latency_ms', 'coverage_pct'] }
};

const FRAMEWORKS: Record<string, string[]> = {
    dnn: ['PyTorch', 'TensorFlow'],
    transformer: ['PyTorch', 'Hugging Face Transformers'],
    gbt: ['XGBoost', 'LightGBM'],
    gnn: ['DGL', 'PyTorch Geometric'],
    ensemble: ['PyTorch', 'XGBoost'],
    linear: ['scikit-learn'],
    'matrix-factorization': ['Spark MLlib'],
    statistical: ['Prophet', 'statsmodels'],
    bandit: ['Vowpal Wabbit']
};

const MODEL_NOUNS = ['Ranker', 'Scorer', 'Retriever', 'Classifier', 'Forecaster', 'Embedder', 'Detector', 'Calibrator', 'Predictor', 'Selector'];
const EVENT_NOUNS = ['Impression', 'Click', 'Playback', 'Search', 'Session', 'Device', 'Rating', 'Browse', 'Purchase', 'Error'];
const DATASET_NOUNS = ['TrainingExamples', 'LabelSnapshots', 'EventArchive', 'Aggregates', 'HoldoutSet', 'Annotations'];
const FEATURE_NOUNS = ['Engagement', 'Recency', 'Affinity', 'Context', 'Velocity', 'Popularity', 'Quality', 'Similarity', 'Risk', 'Diversity'];
const JOB_VERBS = ['Windows', 'Aggregation', 'Enrichment', 'Join', 'Dedup', 'Sessionization', 'Backfill', 'Compaction'];
const ACTIVE_STATUSES = ['production', 'production', 'production', 'canary', 'shadow', 'candidate', 'experimentation'];
const PRODUCT_SERVICES = ['ApiGateway', 'HomepageService', 'SearchService', 'PlaybackService', 'NotificationService', 'AdsService', 'GamesService'];
const DATASTORES = ['S3DataLake', 'HiveWarehouse', 'IcebergTables', 'CassandraOnline'];

/** Mulberry32: a small, fast generator whose sequence depends only on the seed. */
class Random {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    /** Returns an integer in [min, max], both included. */
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }

    chance(probability: number): boolean {
        return this.next() < probability;
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)];
    }

    /** Returns up to `count` distinct items in random order. */
    sample<T>(items: readonly T[], count: number): T[] {
        const copy = [...items];
        const result: T[] = [];
        while (result.length < count && copy.length > 0) {
            result.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
        }
        return result;
    }
}

interface Team {
    index: number;
    domain: string;
    /** PascalCase prefix of every element name of the team. */
    name: string;
    /** snake_case prefix of workflow and signal names. */
    snake: string;
    /** Upper-case code used in registry ids. */
    code: string;
    owner: string;
    folder: string;
    models: ModelInfo[];
    featureStore: string;
    featureGroups: FeatureGroupInfo[];
}

interface ModelInfo {
    name: string;
    team: Team;
    serving: string[];
    metrics: string[];
    version: string;
}

interface FeatureGroupInfo {
    name: string;
    online: boolean;
    offline: boolean;
    sources: string[];
}

interface JobInfo {
    name: string;
    streaming: boolean;
    reads: string[];
    writes: string[];
    emits?: string;
}

function snakeCase(pascal: string): string {
    return pascal.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function words(pascal: string): string {
    return pascal.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}

function padded(value: number): string {
    return String(value).padStart(3, '0');
}

/** Splits `total` into `parts` near-equal shares, larger shares first. */
function shares(total: number, parts: number): number[] {
    return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

function quoted(text: string): string {
    return `"${text}"`;
}

function createTeams(count: number): Team[] {
    const areas = Object.entries(DOMAINS).flatMap(([domain, names]) => names.map(name => ({ domain, name })));
    const teams: Team[] = [];
    for (let index = 0; index < count; index++) {
        const area = areas[index % areas.length];
        const round = Math.floor(index / areas.length);
        const focus = TEAM_FOCUSES[round % TEAM_FOCUSES.length] + (round >= TEAM_FOCUSES.length ? String(Math.floor(round / TEAM_FOCUSES.length) + 1) : '');
        const name = area.name + focus;
        teams.push({
            index,
            domain: area.domain,
            name,
            snake: snakeCase(name),
            code: snakeCase(name).replace(/_/g, '').toUpperCase().slice(0, 10),
            owner: `${words(name)} team`,
            folder: `domains/${area.domain}/${snakeCase(name)}`,
            models: [],
            featureStore: `${name}Features`,
            featureGroups: []
        });
    }
    return teams;
}

/** Generates the workspace; see the module comment for the rules that keep it valid. */
export function generateWorkspace(options: GeneratorOptions): GeneratedWorkspace {
    if (!Number.isInteger(options.models) || options.models < 1) {
        throw new Error(`Invalid model count ${options.models}: pass a positive integer.`);
    }
    if (!Number.isInteger(options.jobs) || options.jobs < 2) {
        throw new Error(`Invalid job count ${options.jobs}: pass an integer of at least 2.`);
    }
    const random = new Random(options.seed ?? DEFAULT_SEED);
    const teamCount = Math.max(2, Math.min(Math.round(options.models / MODELS_PER_TEAM), Math.floor(options.jobs / 2)));
    const teams = createTeams(Math.min(teamCount, options.models));
    const modelShares = shares(options.models, teams.length);
    const jobShares = shares(options.jobs, teams.length);

    const files = new Map<string, string>();
    const counts: Record<string, number> = {};
    const count = (kind: string, amount = 1): void => {
        counts[kind] = (counts[kind] ?? 0) + amount;
    };

    files.set('platform/netflix.mlarch', platformFile());
    files.set('platform/storage.mlarch', storageFile());
    count('platform');
    count('layer', 7);
    count('group', 1);
    count('component', 13 + PRODUCT_SERVICES.length);
    count('datastore', DATASTORES.length);

    const allModels: ModelInfo[] = [];
    teams.forEach((team, teamIndex) => {
        const previous = teams[(teamIndex + teams.length - 1) % teams.length];
        const generator = new TeamGenerator(team, previous, random, modelShares[teamIndex], jobShares[teamIndex], allModels);
        for (const [file, text] of generator.generate()) {
            files.set(`${team.folder}/${file}`, text);
        }
        for (const [kind, amount] of Object.entries(generator.counts)) {
            count(kind, amount);
        }
        allModels.push(...team.models);
    });
    return { files, counts };
}

/** Generates the files of one team. Models generated by earlier teams are in `earlierModels`. */
class TeamGenerator {
    readonly counts: Record<string, number> = {};
    private readonly streams: string[] = [];
    private readonly datasets: string[] = [];
    private readonly jobs: JobInfo[] = [];
    private readonly signals: Record<'dataLanded' | 'featuresReady' | 'modelTrained' | 'modelDeployed' | 'driftDetected', string>;
    private readonly trainingWorkflows: string[] = [];

    constructor(
        private readonly team: Team,
        private readonly previousTeam: Team,
        private readonly random: Random,
        private readonly modelCount: number,
        private readonly jobCount: number,
        private readonly earlierModels: ModelInfo[]
    ) {
        const prefix = team.snake;
        this.signals = {
            dataLanded: `${prefix}_data_landed`,
            featuresReady: `${prefix}_features_ready`,
            modelTrained: `${prefix}_model_trained`,
            modelDeployed: `${prefix}_model_deployed`,
            driftDetected: `${prefix}_drift_detected`
        };
    }

    generate(): Map<string, string> {
        const files = new Map<string, string>();
        this.planData();
        this.planFeatureGroups();
        this.planJobs();
        this.planModels();
        files.set('data.mlarch', this.dataFile());
        const jobFiles = Math.ceil(this.jobs.length / JOBS_PER_FILE);
        for (let part = 0; part < jobFiles; part++) {
            const name = jobFiles === 1 ? 'pipelines.mlarch' : `pipelines-${part + 1}.mlarch`;
            files.set(name, this.pipelinesFile(this.jobs.slice(part * JOBS_PER_FILE, (part + 1) * JOBS_PER_FILE), part));
        }
        files.set('features.mlarch', this.featuresFile());
        files.set('models.mlarch', this.modelsFile());
        files.set('workflows.mlarch', this.workflowsFile());
        files.set('serving.mlarch', this.servingFile());
        return files;
    }

    private count(kind: string, amount = 1): void {
        this.counts[kind] = (this.counts[kind] ?? 0) + amount;
    }

    private planData(): void {
        const streamCount = Math.max(2, Math.ceil(this.jobCount / 15));
        for (let index = 0; index < streamCount; index++) {
            const noun = EVENT_NOUNS[index % EVENT_NOUNS.length];
            const round = Math.floor(index / EVENT_NOUNS.length);
            this.streams.push(`${this.team.name}${noun}Events${round > 0 ? round + 1 : ''}`);
        }
        const datasetCount = Math.max(3, Math.ceil(this.modelCount * 1.5));
        for (let index = 0; index < datasetCount; index++) {
            const noun = DATASET_NOUNS[index % DATASET_NOUNS.length];
            const round = Math.floor(index / DATASET_NOUNS.length);
            this.datasets.push(`${this.team.name}${noun}${round > 0 ? round + 1 : ''}`);
        }
    }

    private planFeatureGroups(): void {
        const groupCount = Math.max(2, this.modelCount);
        for (let index = 0; index < groupCount; index++) {
            const noun = FEATURE_NOUNS[index % FEATURE_NOUNS.length];
            const round = Math.floor(index / FEATURE_NOUNS.length);
            // Every fourth group is offline only; the first group is always online.
            const offlineOnly = index % 4 === 3;
            this.team.featureGroups.push({
                name: `${this.team.name}${noun}Features${round > 0 ? round + 1 : ''}`,
                online: !offlineOnly,
                offline: true,
                sources: []
            });
        }
    }

    private planJobs(): void {
        const onlineGroups = this.team.featureGroups.filter(group => group.online);
        const offlineGroups = this.team.featureGroups.filter(group => !group.online);
        let streamingSeen = 0;
        let batchSeen = 0;
        for (let index = 0; index < this.jobCount; index++) {
            // Three of five jobs are Flink streaming jobs; the first two are one of each kind.
            const streaming = index === 0 || (index !== 1 && index % 5 < 3);
            const verb = JOB_VERBS[index % JOB_VERBS.length];
            const job: JobInfo = {
                name: `${this.team.name}${streaming ? 'Stream' : 'Batch'}${verb}${padded(index + 1)}`,
                streaming,
                reads: [],
                writes: []
            };
            if (streaming) {
                job.reads = this.random.sample(this.streams, this.random.int(1, 2));
                const group = onlineGroups[streamingSeen % onlineGroups.length];
                job.writes.push(group.name);
                group.sources.push(job.name);
                if (streamingSeen === 0) {
                    job.writes.push(this.datasets[2]);
                    job.emits = this.signals.dataLanded;
                }
                streamingSeen++;
            } else {
                job.reads = this.random.sample(this.datasets, this.random.int(1, 3));
                job.writes.push(this.datasets[batchSeen % this.datasets.length]);
                if (offlineGroups.length > 0 && batchSeen % 2 === 0) {
                    const group = offlineGroups[(batchSeen / 2) % offlineGroups.length];
                    job.writes.push(group.name);
                    group.sources.push(job.name);
                }
                batchSeen++;
            }
            this.jobs.push(job);
        }
        // Groups that no job writes yet get a batch source, which suits online and offline groups.
        const batchJobs = this.jobs.filter(job => !job.streaming);
        this.team.featureGroups.forEach((group, index) => {
            if (group.sources.length === 0) {
                const job = batchJobs[index % batchJobs.length];
                job.writes.push(group.name);
                group.sources.push(job.name);
            }
        });
    }

    private planModels(): void {
        for (let index = 0; index < this.modelCount; index++) {
            const noun = MODEL_NOUNS[index % MODEL_NOUNS.length];
            const round = Math.floor(index / MODEL_NOUNS.length);
            const servingRoll = this.random.next();
            const serving = servingRoll < 0.45 ? ['realtime'] : servingRoll < 0.8 ? ['batch'] : ['realtime', 'batch'];
            const task = this.random.pick(Object.keys(TASKS));
            const major = this.random.int(1, 14);
            this.team.models.push({
                name: `${this.team.name}${noun}${round > 0 ? round + 1 : ''}`,
                team: this.team,
                serving,
                metrics: TASKS[task].metrics,
                version: `v${major}.${this.random.int(0, 9)}`
            });
        }
    }

    private dataFile(): string {
        const lines: string[] = [
            `// Kafka topics and datasets of the ${this.team.owner}.`,
            ''
        ];
        this.streams.forEach((stream, index) => {
            lines.push(
                `/** ${words(EVENT_NOUNS[index % EVENT_NOUNS.length])} events from the ${this.team.domain} clients. */`,
                `stream ${stream} ${quoted(`${snakeCase(stream).replace(/_events\d*$/, '')}.raw`)} in Netflix.DataLayer.Kafka {`,
                `    id ${quoted(`TOPIC-${this.team.code}-${padded(index + 1)}`)}`,
                `    owner ${quoted(this.team.owner)}`,
                '    technology "Apache Kafka (Avro)"',
                `    partitioning ${quoted(this.random.pick(['member_id', 'device_id', 'title_id', 'session_id']))}`,
                `    throughput ${quoted(`${this.random.int(5, 900)}K events/s at peak`)}`,
                '}',
                ''
            );
            this.count('stream');
        });
        this.datasets.forEach((dataset, index) => {
            lines.push(
                `dataset ${dataset} ${quoted(words(dataset))} in Netflix.StorageLayer.Storage {`,
                `    id ${quoted(`DS-${this.team.code}-${padded(index + 1)}`)}`,
                `    owner ${quoted(this.team.owner)}`,
                `    store ${this.random.pick(DATASTORES.slice(0, 3))}`,
                `    location ${quoted(`s3://netflix-ml/${this.team.snake}/${snakeCase(dataset)}/`)}`,
                `    refresh ${quoted(this.random.pick(['hourly', 'daily', 'on demand, per training run', 'continuous ingestion']))}`,
                `    schema ${quoted(`${this.random.pick(['member_id', 'title_id', 'device_id'])}, event_time, label, ${this.random.int(20, 400)} feature columns`)}`,
                `    privacy ${this.random.pick(['internal', 'confidential', 'pii'])}`,
                `    scale ${quoted(`${this.random.int(1, 900)} TB`)}`,
                '}',
                ''
            );
            this.count('dataset');
        });
        return lines.join('\n');
    }

    private pipelinesFile(jobs: JobInfo[], part: number): string {
        const lines: string[] = [
            `// Flink and Spark pipelines of the ${this.team.owner}, part ${part + 1}. Flink jobs keep`,
            '// keyed state in RocksDB; Spark jobs are stateless transformations of immutable data.',
            ''
        ];
        for (const job of jobs) {
            const index = this.jobs.indexOf(job);
            const container = job.streaming ? 'Netflix.DataLayer.DataProcessing.FlinkJobs' : 'Netflix.DataLayer.DataProcessing.SparkJobs';
            lines.push(`pipeline ${job.name} ${quoted(words(job.name.slice(this.team.name.length)))} in ${container} {`);
            lines.push(`    id ${quoted(`PL-${this.team.code}-${padded(index + 1)}`)}`);
            lines.push(`    owner ${quoted(this.team.owner)}`);
            if (job.streaming) {
                lines.push(
                    '    mode streaming',
                    '    engine "Apache Flink"',
                    '    state stateful {',
                    '        backend "RocksDB"',
                    `        checkpointing ${quoted(`every ${this.random.pick([10, 30, 60])} s, exactly-once`)}`,
                    `        keyed by ${quoted(this.random.pick(['member_id', 'device_id', 'title_id', 'member_id, session_id']))}`,
                    `        windows ${this.random.sample(['"1m"', '"5m"', '"1h"', '"24h"'], this.random.int(1, 3)).join(', ')}`,
                    '    }'
                );
            } else {
                lines.push(
                    '    mode batch',
                    '    engine "Apache Spark"',
                    '    state stateless'
                );
            }
            lines.push(`    reads ${job.reads.join(', ')}`);
            lines.push(`    writes ${job.writes.join(', ')}`);
            if (job.emits) {
                lines.push(`    emits ${job.emits}`);
            }
            if (job.streaming) {
                lines.push(`    freshness ${quoted(`< ${this.random.int(1, 30)} s from event to feature`)}`);
            } else {
                lines.push(`    schedule ${quoted(this.random.pick(['nightly', 'hourly', 'weekly']))}`);
            }
            lines.push(`    scale ${quoted(`${this.random.int(1, 500)} ${job.streaming ? 'K events/s' : 'TB per run'}`)}`);
            lines.push('}', '');
            this.count('job');
        }
        return lines.join('\n');
    }

    private featuresFile(): string {
        const lines: string[] = [
            `/** Feature groups of the ${this.team.owner} in Amber, online for serving and offline for training. */`,
            `featurestore ${this.team.featureStore} ${quoted(`${words(this.team.name)} Features`)} in Netflix.FeatureLayer {`,
            '    technology "Amber"',
            ''
        ];
        for (const group of this.team.featureGroups) {
            lines.push(`    group ${group.name} ${quoted(words(group.name))} {`);
            lines.push(`        owner ${quoted(this.team.owner)}`);
            lines.push(`        features ${this.random.int(10, 300)}`);
            lines.push(`        entity ${quoted(this.random.pick(['member_id', 'title_id', 'device_id', 'member_id, title_id']))}`);
            lines.push(`        source ${group.sources.join(', ')}`);
            if (group.online) {
                lines.push(`        online refresh ${quoted(this.random.pick(['real time, < 5 s', '5-minute windows', 'hourly']))}`);
            }
            lines.push(`        offline refresh ${quoted(this.random.pick(['daily', 'hourly']))}`);
            lines.push('    }', '');
            this.count('featuregroup');
        }
        lines.push('}', '');
        this.count('featurestore');
        return lines.join('\n');
    }

    private modelsFile(): string {
        const lines: string[] = [`// Models of the ${this.team.owner}.`, ''];
        const groups = this.team.featureGroups;
        const consumedBy = new Map<ModelInfo, string[]>();
        this.team.models.forEach((model, index) => {
            const consumes = new Set<string>([groups[index % groups.length].name]);
            for (const group of this.random.sample(groups, this.random.int(0, 2))) {
                consumes.add(group.name);
            }
            consumedBy.set(model, [...consumes]);
        });
        // Groups beyond the model count are consumed by the models in turn.
        for (let index = this.team.models.length; index < groups.length; index++) {
            consumedBy.get(this.team.models[index % this.team.models.length])!.push(groups[index].name);
        }

        this.team.models.forEach((model, index) => {
            const task = Object.entries(TASKS).find(([, info]) => info.metrics === model.metrics)![0];
            const type = this.random.pick(TASKS[task].types);
            const consumes = consumedBy.get(model)!;
            // Some models consume a group of the previous team too, written as a qualified name.
            if (this.previousTeam !== this.team && this.previousTeam.featureGroups.length > 0 && this.random.chance(0.15)) {
                consumes.push(`${this.previousTeam.featureStore}.${this.random.pick(this.previousTeam.featureGroups).name}`);
            }
            const trainedOn = [...this.random.sample(this.datasets, this.random.int(1, 2)), consumes[0]];
            const dependencies = this.pickDependencies(index);
            const workflow = this.trainingWorkflowOf(index);
            const baselines = this.random.int(2, 3);
            lines.push(`/** ${words(model.name.slice(this.team.name.length))} of the ${words(this.team.name)} product area. */`);
            lines.push(`model ${model.name} ${quoted(words(model.name))} in Netflix.ModelLayer {`);
            lines.push(`    id ${quoted(`MDL-${this.team.code}-${padded(index + 1)}`)}`);
            lines.push(`    owner ${quoted(this.team.owner)}`);
            lines.push(`    task ${task}`);
            lines.push(`    type ${type}`);
            lines.push(`    framework ${FRAMEWORKS[type].map(quoted).join(', ')}`);
            lines.push(`    version ${quoted(model.version)}`);
            lines.push(`    status ${this.random.pick(ACTIVE_STATUSES)}`);
            lines.push(`    serving ${model.serving.join(', ')}`);
            lines.push(`    trained on ${trainedOn.join(', ')}`);
            lines.push(`    trained by ${workflow}`);
            if (dependencies.length > 0) {
                lines.push(`    depends on ${dependencies.join(', ')}`);
            }
            lines.push(`    consumes ${consumes.join(', ')}`);
            for (const metric of model.metrics.slice(0, baselines)) {
                lines.push(`    baseline ${metric} ${this.random.int(1, 99) / 100} alert ${this.random.int(1, 99) / 100} ${quoted(`Offline ${metric.replace(/_/g, ' ')} on the holdout set`)}`);
            }
            lines.push('    history {');
            const [major] = model.version.slice(1).split('.');
            lines.push(`        version "v${major}.0" date "2025-Q${this.random.int(1, 4)}" status retired change "First version on the current architecture"`);
            lines.push(`        version ${quoted(model.version)} date "2026-Q1" status production change "Retrained on fresh features"`);
            lines.push('    }');
            lines.push(`    purpose ${quoted(`Serves ${words(this.team.name).toLowerCase()} decisions for ${this.random.pick(['members', 'titles', 'devices', 'sessions'])}.`)}`);
            lines.push(`    limitations ${quoted('Confidence drops for cold-start entities, which fall back to popularity defaults.')}`);
            lines.push('}', '');
            this.count('model');
        });
        return lines.join('\n');
    }

    /** Picks up to two models generated before this one: same team first, else earlier teams. */
    private pickDependencies(index: number): string[] {
        if (!this.random.chance(0.4)) {
            return [];
        }
        const candidates = [
            ...this.team.models.slice(Math.max(0, index - 6), index),
            ...this.earlierModels.slice(-40)
        ];
        return this.random.sample(candidates, this.random.int(1, 2)).map(model => model.name);
    }

    private trainingWorkflowOf(modelIndex: number): string {
        const workflowIndex = Math.floor(modelIndex / 2);
        while (this.trainingWorkflows.length <= workflowIndex) {
            const first = this.team.models[this.trainingWorkflows.length * 2];
            this.trainingWorkflows.push(`${snakeCase(first.name)}_training`);
        }
        return this.trainingWorkflows[workflowIndex];
    }

    private workflowsFile(): string {
        const signals = this.signals;
        const streamingJob = this.jobs.find(job => job.streaming)!;
        const batchJobs = this.jobs.filter(job => !job.streaming);
        const lines: string[] = [
            `// Maestro signals and workflows of the ${this.team.owner}.`,
            '',
            `signal ${signals.dataLanded} "Data Landed" {`,
            '    carries "S3 path", "partition date", "record count"',
            '}',
            `signal ${signals.featuresReady} "Features Ready" {`,
            '    carries "feature version", "null rate", "distribution statistics"',
            '}',
            `signal ${signals.modelTrained} "Model Trained" {`,
            '    carries "model version", "offline metrics", "artifact S3 path"',
            '}',
            `signal ${signals.modelDeployed} "Model Deployed" {`,
            '    carries "model version", "canary result"',
            '}',
            `signal ${signals.driftDetected} "Drift Detected" {`,
            '    carries "drift type", "affected features", "severity score"',
            '}',
            ''
        ];
        this.count('signal', 5);

        lines.push(
            `/** Builds the team's features; it also reruns when the ${words(this.previousTeam.name)} team deploys a model. */`,
            `workflow ${this.team.snake}_feature_engineering "Feature Engineering" in Netflix.WorkflowLayer.Maestro {`,
            `    owner ${quoted(this.team.owner)}`,
            '    engine "Maestro"',
            `    trigger on ${signals.dataLanded}`,
            `    trigger on ${this.previousTeam.snake}_model_deployed`,
            '',
            '    step extract_partitions -> compute_online_features, compute_offline_features',
            '    step compute_online_features -> validate_distributions {',
            `        runs ${streamingJob.name}`,
            '    }',
            '    step compute_offline_features -> validate_distributions {',
            `        runs ${batchJobs[0].name}`,
            '    }',
            '    step validate_distributions {',
            '        description "Checks null rates and distributions before any model sees the features."',
            `        emits ${signals.featuresReady}`,
            '    }',
            '}',
            ''
        );
        this.count('workflow');

        // trainingWorkflows was filled while the models were written.
        this.trainingWorkflows.forEach((workflow, index) => {
            lines.push(
                `workflow ${workflow} ${quoted(words(this.team.models[index * 2].name) + ' Training')} in Netflix.WorkflowLayer.Maestro {`,
                `    owner ${quoted(this.team.owner)}`,
                '    engine "Metaflow on Maestro"',
                `    trigger on ${signals.featuresReady}`,
                '',
                '    step load_training_data -> train',
                '    step train -> evaluate_offline, fairness_review {',
                `        runs ${batchJobs[(index + 1) % batchJobs.length].name}`,
                '    }',
                '    step evaluate_offline -> register_model',
                '    step fairness_review -> register_model',
                '    step register_model {',
                `        emits ${signals.modelTrained}`,
                '    }',
                '}',
                ''
            );
            this.count('workflow');
        });

        lines.push(
            `workflow ${this.team.snake}_model_deployment "Model Deployment" in Netflix.WorkflowLayer.Maestro {`,
            `    owner ${quoted(this.team.owner)}`,
            '    engine "Spinnaker on Maestro"',
            `    trigger on ${signals.modelTrained}`,
            '',
            '    step canary_analysis -> promote',
            '    step promote {',
            `        emits ${signals.modelDeployed}`,
            '    }',
            '}',
            '',
            `workflow ${this.team.snake}_drift_retraining "Drift Retraining" in Netflix.WorkflowLayer.Maestro {`,
            `    owner ${quoted(this.team.owner)}`,
            '    engine "Metaflow on Maestro"',
            `    trigger on ${signals.driftDetected}`,
            '',
            '    step snapshot_training_data -> retrain',
            '    step retrain {',
            `        runs ${batchJobs[batchJobs.length - 1].name}`,
            `        emits ${signals.modelTrained}`,
            '    }',
            '}',
            ''
        );
        this.count('workflow', 2);
        return lines.join('\n');
    }

    private servingFile(): string {
        const lines: string[] = [`// Endpoints, experiments and monitors of the ${this.team.owner}.`, ''];
        const realtime = this.team.models.filter(model => model.serving.includes('realtime'));
        const batch = this.team.models.filter(model => model.serving.includes('batch'));
        for (let start = 0, index = 1; start < realtime.length; start += MODELS_PER_ENDPOINT, index++) {
            const served = realtime.slice(start, start + MODELS_PER_ENDPOINT);
            lines.push(
                `endpoint ${this.team.name}RealtimeApi${index} ${quoted(`${words(this.team.name)} API ${index}`)} in Netflix.ModelLayer.ModelServing.MetaflowHosting {`,
                `    owner ${quoted(this.team.owner)}`,
                `    serves ${served.map(model => model.name).join(', ')}`,
                '    mode realtime',
                `    scaling ${this.random.chance(0.5) ? 'autoscaling, scale-to-zero' : 'autoscaling'}`,
                `    latency ${quoted(`P95 < ${this.random.pick([50, 100, 150, 250])} ms`)}`,
                '    technology "Metaflow Hosting (REST) on AWS EKS"',
                `    consumers ${this.random.sample(PRODUCT_SERVICES, 2).join(', ')}`,
                '}',
                ''
            );
            this.count('endpoint');
        }
        if (batch.length > 0) {
            lines.push(
                `endpoint ${this.team.name}BatchScoring ${quoted(`${words(this.team.name)} Batch Scoring`)} in Netflix.ModelLayer.ModelServing.BatchInference {`,
                `    owner ${quoted(this.team.owner)}`,
                `    serves ${batch.map(model => model.name).join(', ')}`,
                '    mode batch',
                '    scaling fixed',
                '    technology "Maestro-scheduled batch jobs"',
                '    uses CassandraOnline "writes pre-computed scores"',
                '}',
                ''
            );
            this.count('endpoint');
        }

        const experimentCount = Math.min(3, Math.ceil(this.team.models.length / 8));
        for (let index = 0; index < experimentCount; index++) {
            lines.push(...this.experiment(index));
            this.count('experiment');
        }

        const watched = this.random.sample(this.team.models, Math.min(4, this.team.models.length)).map(model => model.name);
        lines.push(
            `/** Data and concept drift of the ${words(this.team.name)} models; sustained drift starts retraining. */`,
            `monitor ${this.team.name}Drift ${quoted(`${words(this.team.name)} Drift`)} in Netflix.MonitoringLayer.Observability {`,
            `    owner ${quoted(this.team.owner)}`,
            '    technology "Netflix ML observability"',
            `    watches ${[...watched, this.team.featureStore].join(', ')}`,
            `    metric feature_psi threshold 0.2 every "hourly"`,
            `    metric prediction_kl_divergence threshold 0.1 every "daily"`,
            `    emits ${this.signals.driftDetected}`,
            `    triggers ${this.team.snake}_drift_retraining`,
            `    dashboard ${quoted(`Grafana: ${words(this.team.name).toLowerCase()} drift`)}`,
            '}',
            ''
        );
        this.count('monitor');
        return lines.join('\n');
    }

    /** An A/B test of two versions of one model, or of three models on the same task. */
    private experiment(index: number): string[] {
        const models = this.team.models;
        const first = models[(index * 3) % models.length];
        const rivals = models.filter(model => model !== first && model.metrics === first.metrics);
        const variants = rivals.length >= 2 && index % 2 === 1
            ? [
                `    variant control model ${first.name} version ${quoted(first.version)} traffic 34%`,
                `    variant challenger_a model ${rivals[0].name} traffic 33%`,
                `    variant challenger_b model ${rivals[1].name} traffic 33%`
            ]
            : [
                `    variant control model ${first.name} version ${quoted(first.version)} traffic 50%`,
                `    variant treatment model ${first.name} version ${quoted(first.version + '.1')} traffic 50%`
            ];
        const metric = first.metrics[0];
        return [
            `experiment ${this.team.name}AbTest${index + 1} ${quoted(`${words(first.name)} A/B Test`)} in Netflix.ExperimentationLayer.ExperimentationPlatform {`,
            `    owner ${quoted(this.team.owner)}`,
            '    technology "ABlaze"',
            ...variants,
            `    metrics ${first.metrics.slice(0, 2).join(', ')}`,
            `    decision ${metric} rule "significant under sequential testing, with all guardrail metrics passing"`,
            `    feeds ${this.team.snake}_model_deployment`,
            '}',
            ''
        ];
    }
}

function platformFile(): string {
    const services = PRODUCT_SERVICES.map(name => `        component ${name} ${quoted(words(name))}`).join('\n');
    return `/**
 * The Netflix ML platform as a building-block view. Team files place their models, data,
 * workflows and endpoints in these layers with \`in Netflix.<Layer>...\`.
 */
platform Netflix "Netflix ML Platform" {
    description "Runs thousands of ML projects on Metaflow and Maestro, from event ingestion to real-time serving."

    layer WorkflowLayer "Workflow Layer" {
        component Metaflow "Metaflow" {
            responsibility "Defines and executes ML workflows and manages their artifacts."
            technology "Python framework"
            uses Maestro "deploys flows for scheduled runs"
        }
        component Maestro "Maestro" {
            responsibility "Orchestrates and schedules workflows, including event-driven triggers."
            technology "Java service"
            uses FlinkJobs "starts stream jobs"
            uses SparkJobs "starts batch jobs"
        }
    }

    layer DataLayer "Data Layer" {
        component Kafka "Apache Kafka" {
            responsibility "Carries member, device and content events."
            technology "Apache Kafka"
        }
        component DataProcessing "Data Processing" {
            component FlinkJobs "Flink Jobs" {
                technology "Apache Flink"
            }
            component SparkJobs "Spark Jobs" {
                technology "Apache Spark"
            }
        }
    }

    layer FeatureLayer "Feature Layer" {
        description "Amber, which serves features to training and inference."
    }

    layer ModelLayer "Model Layer" {
        component TrainingInfrastructure "Model Training Infrastructure" {
            technology "PyTorch, TensorFlow, Horovod"
        }
        component ModelServing "Model Serving" {
            component MetaflowHosting "Metaflow Hosting" {
                technology "Metaflow Hosting"
            }
            component BatchInference "Batch Inference" {
                uses Maestro "scheduled runs"
            }
        }
    }

    layer ExperimentationLayer "Experimentation" {
        component ExperimentationPlatform "Experimentation Platform" {
            technology "ABlaze, Ignite"
        }
    }

    layer StorageLayer "Storage" {
        component Storage "Storage Layer" {
            technology "S3, Hive, Iceberg, Cassandra"
        }
    }

    layer MonitoringLayer "Monitoring" {
        component Observability "Monitoring and Observability" {
            technology "Prometheus, Grafana, PagerDuty"
        }
    }

    group ProductServices "Product Services" {
${services}
    }
}
`;
}

function storageFile(): string {
    return `// Datastores that every team's datasets live in.

datastore S3DataLake "Amazon S3 Data Lake" in Netflix.StorageLayer.Storage {
    kind object-store
    technology "Amazon S3 (Parquet)"
}

datastore HiveWarehouse "Hive Warehouse" in Netflix.StorageLayer.Storage {
    kind warehouse
    technology "Apache Hive"
}

datastore IcebergTables "Iceberg Tables" in Netflix.StorageLayer.Storage {
    kind table
    technology "Apache Iceberg"
}

datastore CassandraOnline "Cassandra Online Storage" in Netflix.StorageLayer.Storage {
    kind key-value
    technology "Apache Cassandra"
}
`;
}
