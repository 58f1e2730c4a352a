/**
 * The data pipeline view: pipelines and jobs with their processing mode, engine, freshness and
 * state, and the feature store groups with their refresh rates and the models that use them.
 * Datasets and the feedback loops that lead results back into the data follow.
 */
import {
    isDataset, isExperiment, isFeatureGroup, isFeatureStore, isJob, isModel, isMonitor,
    type FeatureGroup, type Job
} from '../generated/ast.js';
import type { NamedElement } from '../references/qualified-names.js';
import { DocsContext, elementCell, namesCell, referenceCell, referencesCell, textCell, titleOf } from './docs-context.js';
import { escapeCell, escapeMarkdown, table } from './markdown.js';

export const DATA_PIPELINE_FILE = 'data-pipeline-view.md';

/** Columns of the pipeline table; the tests read the table by these names. */
export const PIPELINE_HEADER = ['Pipeline', 'Id', 'Type', 'Mode', 'Engine', 'Freshness', 'State', 'Reads', 'Writes'];

export const FEATURE_GROUP_HEADER = ['Feature group', 'Features', 'Entity', 'Computed by', 'Online refresh', 'Offline refresh', 'Consumed at inference by', 'Training data of'];

/** Writes the data pipeline view. `diagram` is the Markdown of the embedded lineage diagram. */
export function writeDataPipelineSection(context: DocsContext, diagram: string): string {
    const jobs = context.elementsOf(isJob);
    const featureGroups = context.elements.filter(isFeatureGroup);
    const parts: string[] = [
        '# Data pipeline view',
        '',
        'How data moves from sources through pipelines into datasets and feature groups, and on to models, endpoints '
        + 'and experiments. Dashed edges in the diagram are feedback loops and experiment results.',
        '',
        '## Lineage diagram',
        '',
        diagram,
        '',
        '## Pipelines and jobs',
        ''
    ];
    if (jobs.length === 0) {
        parts.push('The workspace declares no pipelines or jobs.', '');
    } else {
        parts.push(table(PIPELINE_HEADER, jobs.map(job => [
            elementCell(job),
            textCell(job.registryId),
            job.kind,
            textCell(job.mode),
            textCell(job.engine),
            textCell(job.freshness),
            textCell(stateOf(job)),
            referencesCell(job.reads),
            writesCell(job, featureGroups)
        ])), '');
        const stateful = jobs.filter(job => job.state?.kind === 'stateful');
        if (stateful.length > 0) {
            parts.push('### Stateful processing', '');
            parts.push(table(['Pipeline', 'State backend', 'Checkpointing', 'Keyed by', 'Windows'], stateful.map(job => [
                elementCell(job),
                textCell(job.state?.backend),
                textCell(job.state?.checkpointing),
                textCell(job.state?.keyedBy),
                textCell(job.state?.windows.join(', ') || undefined)
            ])), '');
        }
        const scheduled = jobs.filter(job => job.schedule !== undefined || job.triggers.length > 0 || job.emits.length > 0);
        if (scheduled.length > 0) {
            parts.push('### Schedules, triggers and signals', '');
            parts.push(table(['Pipeline', 'Schedule', 'Triggered by', 'Emits'], scheduled.map(job => [
                elementCell(job),
                textCell(job.schedule),
                job.triggers.map(triggerCell).join(', '),
                referencesCell(job.emits)
            ])), '');
        }
    }

    parts.push(...featureStoreParts(context));
    parts.push(...datasetParts(context));
    parts.push(...feedbackLoopParts(context));
    return parts.join('\n');
}

/** Writes what a job writes: its `writes` targets, then the feature groups that name it as their `source`. */
function writesCell(job: Job, featureGroups: FeatureGroup[]): string {
    const computed = featureGroups.filter(group => group.sources.some(reference => reference.ref === job)
        && !job.writes.some(reference => reference.ref === group));
    return [referencesCell(job.writes), namesCell(computed)].filter(cell => cell !== '').join(', ');
}

/** Returns the state column: `stateful (backend)`, `stateful` or `stateless`. */
function stateOf(job: Job): string | undefined {
    if (!job.state) {
        return undefined;
    }
    return job.state.kind === 'stateful' && job.state.backend ? `stateful (${job.state.backend})` : job.state.kind;
}

/** Writes a trigger: `on signal`, `after workflow` or `schedule "…"`. */
export function triggerCell(trigger: Job['triggers'][number]): string {
    if (trigger.signal) {
        return `on ${referenceCell(trigger.signal)}`;
    }
    if (trigger.workflow) {
        return `after ${referenceCell(trigger.workflow)}`;
    }
    return trigger.schedule ? `schedule ${escapeCell(trigger.schedule)}` : '';
}

function featureStoreParts(context: DocsContext): string[] {
    const stores = context.elementsOf(isFeatureStore);
    const parts: string[] = ['## Feature store', ''];
    if (stores.length === 0) {
        parts.push('The workspace declares no feature store.', '');
        return parts;
    }
    const models = context.elementsOf(isModel);
    for (const store of stores) {
        parts.push(`### ${escapeMarkdown(titleOf(store))}`, '');
        const text = context.firstText(store.description, context.docComment(store));
        const technology = store.technology ? `Technology: ${escapeMarkdown(store.technology)}.` : undefined;
        const intro = [text ? escapeMarkdown(text) : undefined, technology].filter(part => part !== undefined).join(' ');
        if (intro) {
            parts.push(intro, '');
        }
        if (store.groups.length === 0) {
            parts.push('No feature groups declared.', '');
            continue;
        }
        parts.push(table(FEATURE_GROUP_HEADER, store.groups.map(group => [
            elementCell(group),
            textCell(featuresOf(group)),
            textCell(group.entity),
            referencesCell(group.sources),
            refreshCell(group.online, group.onlineRefresh),
            refreshCell(group.offline, group.offlineRefresh),
            namesCell(models.filter(model => model.consumes.some(reference => reference.ref === group))),
            namesCell(models.filter(model => model.trainedOn.some(reference => reference.ref === group)))
        ])), '');
    }
    return parts;
}

function featuresOf(group: FeatureGroup): string | undefined {
    if (group.featureCount !== undefined) {
        return String(group.featureCount);
    }
    return group.features.length > 0 ? group.features.join(', ') : undefined;
}

/** Writes a refresh rate, `served` when the group is served without a rate, and nothing when it is not served that way. */
function refreshCell(served: boolean, refresh: string | undefined): string {
    if (!served) {
        return 'not served';
    }
    return refresh ? escapeCell(refresh) : 'served';
}

function datasetParts(context: DocsContext): string[] {
    const datasets = context.elementsOf(isDataset);
    if (datasets.length === 0) {
        return [];
    }
    return ['## Datasets', '', table(['Dataset', 'Id', 'Owner', 'Stored in', 'Refresh', 'Privacy', 'Written by'], datasets.map(dataset => [
        elementCell(dataset),
        textCell(dataset.registryId),
        textCell(dataset.owner),
        referenceCell(dataset.store),
        textCell(dataset.refresh),
        textCell(dataset.privacy),
        namesCell(context.facts.jobsWriting.get(dataset) ?? [])
    ])), ''];
}

/**
 * Writes the feedback loops: explicit `feedback` relations, experiment results that feed models
 * or workflows, and monitors that start workflows (retraining on drift).
 */
function feedbackLoopParts(context: DocsContext): string[] {
    const rows: string[][] = [];
    for (const element of context.elements) {
        if ('relations' in element) {
            for (const relation of element.relations) {
                if (relation.kind === 'feedback') {
                    rows.push([elementCell(element), referenceCell(relation.target), 'feedback relation', textCell(relation.label)]);
                }
            }
        }
        if (isExperiment(element)) {
            for (const reference of element.feeds) {
                rows.push([elementCell(element), referenceCell(reference), 'experiment result', textCell(element.decisionMetric ? `decides on ${element.decisionMetric}` : undefined)]);
            }
        }
        if (isMonitor(element)) {
            for (const reference of element.triggers) {
                rows.push([elementCell(element), referenceCell(reference), 'monitor trigger', monitorNote(element.watches.map(watched => watched.ref).filter(isDefined))]);
            }
        }
    }
    const parts = ['## Feedback loops', ''];
    if (rows.length === 0) {
        parts.push('The workspace declares no feedback loops.', '');
        return parts;
    }
    parts.push(
        'Paths that lead the platform\'s outputs back into its inputs: member events produced by the consumers of '
        + 'the models, experiment decisions, and monitors that start retraining.',
        '',
        table(['From', 'To', 'Kind', 'Note'], rows),
        ''
    );
    return parts;
}

function monitorNote(watched: NamedElement[]): string {
    return watched.length > 0 ? `watches ${namesCell(watched)}` : '';
}

function isDefined<T>(value: T | undefined): value is T {
    return value !== undefined;
}
