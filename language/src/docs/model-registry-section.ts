/**
 * The model registry view: an inventory of every model, then one section per model with its
 * version history, training-data lineage, dependencies and performance baselines.
 */
import { isDataset, isFeatureGroup, isModel, isMonitor, type Job, type Model } from '../generated/ast.js';
import { qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import { DocsContext, elementCell, namesCell, referenceCell, textCell, titleOf } from './docs-context.js';
import { kindOf } from './building-block-section.js';
import { codeSpan, escapeMarkdown, headingAnchor, table } from './markdown.js';

export const MODEL_REGISTRY_FILE = 'model-registry-view.md';

/** Columns of the inventory table; the tests read the table by these names. */
export const INVENTORY_HEADER = ['Id', 'Model', 'Task', 'Framework', 'Version', 'Status', 'Serving mode'];

export function writeModelRegistrySection(context: DocsContext): string {
    const models = context.elementsOf(isModel);
    const anchors = modelAnchors(models);

    const parts: string[] = [
        '# Model registry view',
        '',
        'Every model of the platform with its registry metadata, then per model: version history, the lineage of its '
        + 'training data, the elements it depends on and that depend on it, and its performance baselines.',
        '',
        '## Inventory',
        ''
    ];
    if (models.length === 0) {
        parts.push('The workspace declares no models.', '');
        return parts.join('\n');
    }
    const rows = models.map(model => [
        textCell(model.registryId),
        `[${elementCell(model)}](#${anchors.get(model)})`,
        textCell(model.task),
        textCell(model.frameworks.join(', ') || undefined),
        textCell(model.version),
        textCell(model.status),
        textCell(model.servingModes.join(', ') || undefined)
    ]);
    parts.push(table(INVENTORY_HEADER, rows), '');

    for (const model of models) {
        parts.push(...modelSection(context, model));
    }
    return parts.join('\n');
}

function modelSection(context: DocsContext, model: Model): string[] {
    const parts: string[] = [`## ${escapeMarkdown(titleOf(model))}`, ''];
    const facts = [
        `${codeSpan(qualifiedNameOf(model))}, declared in ${codeSpan(context.sourceOf(model))}`,
        model.owner ? `owner: ${escapeMarkdown(model.owner)}` : undefined,
        model.modelType ? `type: ${escapeMarkdown(model.modelType)}` : undefined
    ].filter(isDefined);
    parts.push(`${facts.join(' · ')}.`, '');
    const summary = context.firstText(model.purpose, model.description, context.docComment(model));
    if (summary) {
        parts.push(escapeMarkdown(summary), '');
    }
    if (model.limitations) {
        parts.push(`**Limitations:** ${escapeMarkdown(model.limitations)}`, '');
    }
    if (model.card) {
        parts.push(`**Model card:** ${escapeMarkdown(model.card)}`, '');
    }

    parts.push(`### ${MODEL_SUBHEADINGS[0]}`, '');
    if (model.history.length > 0) {
        parts.push(table(['Version', 'Date', 'Status', 'Change'], model.history.map(version => [
            textCell(version.version), textCell(version.date), textCell(version.status), textCell(version.change)
        ])), '');
    } else {
        parts.push(model.version
            ? `No history declared; the current version is ${codeSpan(model.version)}.`
            : 'No version or history declared.', '');
    }

    parts.push(`### ${MODEL_SUBHEADINGS[1]}`, '');
    parts.push(model.trainedBy ? `Trained by the workflow ${referenceCell(model.trainedBy)}.` : 'No training workflow declared.', '');
    if (model.trainedOn.length > 0) {
        parts.push(table(['Training data', 'Kind', 'Stored in', 'Written by', 'Inputs of the writers'], model.trainedOn.map(reference => {
            const source = reference.ref;
            if (!source) {
                return [referenceCell(reference), '', '', '', ''];
            }
            const writers = writersOf(context, source);
            return [
                elementCell(source),
                kindOf(source),
                isDataset(source) ? referenceCell(source.store) : '',
                namesCell(writers),
                namesCell(writers.flatMap(writer => writer.reads.map(read => read.ref)).filter(isDefined))
            ];
        })), '');
    } else {
        parts.push('No training data declared.', '');
    }

    parts.push(`### ${MODEL_SUBHEADINGS[2]}`, '');
    const upstream: string[][] = [
        ...model.dependsOn.map(reference => [referenceCell(reference), 'model', 'depends on its output']),
        ...model.consumes.map(reference => [referenceCell(reference), 'feature group', 'reads it at inference time'])
    ];
    const downstream: string[][] = [
        ...context.elementsOf(isModel).filter(other => other.dependsOn.some(reference => reference.ref === model))
            .map(other => [elementCell(other), 'model', 'depends on this model']),
        ...(context.facts.endpointsServing.get(model) ?? []).map(endpoint => [elementCell(endpoint), 'endpoint', 'serves this model']),
        ...(context.facts.experimentsUsing.get(model) ?? []).map(experiment => [elementCell(experiment), 'experiment', 'tests this model in a variant']),
        ...context.elementsOf(isMonitor).filter(monitor => monitor.watches.some(reference => reference.ref === model))
            .map(monitor => [elementCell(monitor), 'monitor', 'watches this model'])
    ];
    parts.push('Upstream:', '');
    parts.push(upstream.length > 0 ? table(['Element', 'Kind', 'Relation'], dedupe(upstream)) : 'None declared.', '');
    parts.push('Downstream:', '');
    parts.push(downstream.length > 0 ? table(['Element', 'Kind', 'Relation'], dedupe(downstream)) : 'None declared.', '');

    parts.push(`### ${MODEL_SUBHEADINGS[3]}`, '');
    if (model.baselines.length > 0) {
        parts.push(table(['Metric', 'Baseline', 'Alert', 'Description'], model.baselines.map(baseline => [
            codeSpan(baseline.metric), textCell(baseline.value), textCell(baseline.alert), textCell(baseline.description)
        ])), '');
    } else {
        parts.push('No baselines declared.', '');
    }
    return parts;
}

/** Headings below each model's title, in the order modelSection writes them. */
const MODEL_SUBHEADINGS = ['Version history', 'Training data lineage', 'Dependencies', 'Performance baselines'];

/** Returns the anchor of each model's heading, numbering repeated headings in document order as GitHub does. */
function modelAnchors(models: Model[]): Map<Model, string> {
    const slugs = new Map<string, number>();
    headingAnchor('Model registry view', slugs);
    headingAnchor('Inventory', slugs);
    const anchors = new Map<Model, string>();
    for (const model of models) {
        anchors.set(model, headingAnchor(titleOf(model), slugs));
        MODEL_SUBHEADINGS.forEach(heading => headingAnchor(heading, slugs));
    }
    return anchors;
}

/** Returns the jobs that write a training source: the jobs that `writes` it and, for a feature group, its `source` jobs. */
function writersOf(context: DocsContext, source: NamedElement): Job[] {
    const writers = [...(context.facts.jobsWriting.get(source) ?? [])];
    if (isFeatureGroup(source)) {
        writers.push(...source.sources.map(reference => reference.ref).filter(isDefined));
    }
    return [...new Set(writers)];
}

/** Drops repeated rows, such as a model listed twice in `depends on`. */
function dedupe(rows: string[][]): string[][] {
    const seen = new Set<string>();
    return rows.filter(row => {
        const key = row.join('\u0000');
        if (seen.has(key)) {
            return false;
        }
        seen.add(key);
        return true;
    });
}

function isDefined<T>(value: T | undefined): value is T {
    return value !== undefined;
}
