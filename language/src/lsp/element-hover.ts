import type { AstNode, Reference } from 'langium';
import * as ast from '../generated/ast.js';
import { isNamedElement, qualifiedNameOf } from '../references/qualified-names.js';
import { declarationKindOf, declarationLabelOf } from './declaration-kinds.js';
import { HoverCard, ref, refs, text, texts } from './hover-card.js';
import { code, escapeMarkdown } from './markdown.js';

/**
 * Returns the hover Markdown of a declaration: its kind, name and title, the doc comment, its
 * description and key properties. A model gets a short model card. Returns undefined for nodes
 * that declare nothing.
 */
export function elementHoverMarkdown(node: AstNode, documentation: string | undefined): string | undefined {
    if (!declarationKindOf(node.$type)) {
        return undefined;
    }
    const card = new HoverCard(headerOf(node)).paragraph(documentation);
    addProperties(node, card);
    return card.toMarkdown();
}

function headerOf(node: AstNode): string {
    const name = isNamedElement(node) ? qualifiedNameOf(node) : (node as { name?: string }).name ?? '';
    const title = text((node as { title?: string }).title);
    const header = `**${declarationLabelOf(node)}** ${code(name)}`;
    return title ? `${header} — ${title}` : header;
}

function addProperties(node: AstNode, card: HoverCard): void {
    if (ast.isModel(node)) {
        addModelCard(node, card);
    } else if (ast.isPlatform(node) || ast.isGroup(node)) {
        card.paragraph(text(node.description))
            .field('Contains', childNames(node.elements));
    } else if (ast.isComponent(node)) {
        card.paragraph(text(node.description))
            .field('Responsibility', text(node.responsibility))
            .field('Technology', text(node.technology))
            .field('Emits', refs(node.emits))
            .field('Contains', childNames(node.elements));
    } else if (ast.isDatastore(node)) {
        card.paragraph(text(node.description))
            .field('Kind', text(node.storeKind))
            .field('Technology', text(node.technology))
            .field('Emits', refs(node.emits));
    } else if (ast.isStream(node)) {
        card.paragraph(text(node.description))
            .field('Registry id', text(node.registryId))
            .field('Owner', text(node.owner))
            .field('Technology', text(node.technology))
            .field('Partitioning', text(node.partitioning))
            .field('Throughput', text(node.throughput));
    } else if (ast.isDataset(node)) {
        addDatasetProperties(node, card);
    } else if (ast.isJob(node)) {
        addJobProperties(node, card);
    } else if (ast.isFeatureStore(node)) {
        card.paragraph(text(node.description))
            .field('Technology', text(node.technology))
            .field('Feature groups', childNames(node.groups));
    } else if (ast.isFeatureGroup(node)) {
        addFeatureGroupProperties(node, card);
    } else if (ast.isWorkflow(node)) {
        card.paragraph(text(node.description))
            .field('Owner', text(node.owner))
            .field('Engine', text(node.engine))
            .field('Triggers', triggersOf(node.triggers))
            .field('Emits', refs(node.emits))
            .field('Steps', childNames(node.steps));
    } else if (ast.isStep(node)) {
        card.paragraph(text(node.description))
            .field('Workflow', code(node.$container.name))
            .field('Next', refs(node.next))
            .field('Runs', ref(node.runs))
            .field('Emits', refs(node.emits));
    } else if (ast.isSignal(node)) {
        card.paragraph(text(node.description))
            .field('Carries', texts(node.carries));
    } else if (ast.isEndpoint(node)) {
        card.paragraph(text(node.description))
            .field('Serves', refs(node.serves))
            .field('Mode', texts(node.modes))
            .field('Scaling', texts(node.scaling))
            .field('Latency', text(node.latency))
            .field('Technology', text(node.technology))
            .field('Consumers', refs(node.consumers))
            .field('Owner', text(node.owner));
    } else if (ast.isExperiment(node)) {
        addExperimentProperties(node, card);
    } else if (ast.isVariant(node)) {
        card.field('Experiment', code(node.$container.name))
            .field('Model', variantModelOf(node))
            .field('Traffic', trafficOf(node));
    } else if (ast.isMonitor(node)) {
        addMonitorProperties(node, card);
    } else if (ast.isMonitorMetric(node)) {
        card.field('Monitor', code(node.$container.name))
            .field('Threshold', text(node.threshold))
            .field('Every', text(node.frequency));
    }
    addPlacementAndRelations(node, card);
}

function addModelCard(model: ast.Model, card: HoverCard): void {
    const version = text(model.version);
    const status = text(model.status);
    card.paragraph(text(model.description))
        .field('Registry id', text(model.registryId))
        .field('Task', text(model.task))
        .field('Type', text(model.modelType))
        .field('Framework', texts(model.frameworks))
        .field('Version', version && status ? `${version} (${status})` : version)
        .field('Status', version ? undefined : status)
        .field('Serving', texts(model.servingModes))
        .field('Owner', text(model.owner))
        .field('Trained on', refs(model.trainedOn))
        .field('Trained by', ref(model.trainedBy))
        .field('Depends on', refs(model.dependsOn))
        .field('Consumes', refs(model.consumes))
        .field('Purpose', text(model.purpose))
        .field('Limitations', text(model.limitations))
        .field('Card', text(model.card))
        .list('Baselines', model.baselines.map(baselineOf));
}

function baselineOf(baseline: ast.Baseline): string {
    let line = `${code(baseline.metric)} ${escapeMarkdown(String(baseline.value))}`;
    if (baseline.alert !== undefined) {
        line += `, alert at ${escapeMarkdown(String(baseline.alert))}`;
    }
    if (baseline.description) {
        line += `: ${escapeMarkdown(baseline.description)}`;
    }
    return line;
}

function addDatasetProperties(dataset: ast.Dataset, card: HoverCard): void {
    card.paragraph(text(dataset.description))
        .field('Registry id', text(dataset.registryId))
        .field('Owner', text(dataset.owner))
        .field('Store', ref(dataset.store))
        .field('Location', text(dataset.location))
        .field('Refresh', text(dataset.refresh))
        .field('Schema', text(dataset.schema))
        .field('Privacy', text(dataset.privacy))
        .field('Scale', text(dataset.scale));
}

function addJobProperties(job: ast.Job, card: HoverCard): void {
    card.paragraph(text(job.description))
        .field('Registry id', text(job.registryId))
        .field('Owner', text(job.owner))
        .field('Mode', text(job.mode))
        .field('Engine', text(job.engine))
        .field('State', job.state ? stateOf(job.state) : undefined)
        .field('Reads', refs(job.reads))
        .field('Writes', refs(job.writes))
        .field('Schedule', text(job.schedule))
        .field('Triggers', triggersOf(job.triggers))
        .field('Emits', refs(job.emits))
        .field('Freshness', text(job.freshness))
        .field('Scale', text(job.scale));
}

function stateOf(state: ast.JobState): string {
    const details = [
        state.backend ? `backend ${escapeMarkdown(state.backend)}` : undefined,
        state.checkpointing ? `checkpointing ${escapeMarkdown(state.checkpointing)}` : undefined,
        state.keyedBy ? `keyed by ${escapeMarkdown(state.keyedBy)}` : undefined,
        state.windows.length > 0 ? `windows ${texts(state.windows)}` : undefined
    ].filter(detail => detail !== undefined);
    return details.length > 0 ? `${state.kind} (${details.join(', ')})` : state.kind;
}

function triggersOf(triggers: readonly ast.Trigger[]): string | undefined {
    const described = triggers.map(trigger => {
        if (trigger.signal) {
            return `on ${ref(trigger.signal)}`;
        }
        if (trigger.workflow) {
            return `after ${ref(trigger.workflow)}`;
        }
        return `schedule ${text(trigger.schedule) ?? ''}`;
    });
    return described.length > 0 ? described.join(', ') : undefined;
}

function addFeatureGroupProperties(group: ast.FeatureGroup, card: HoverCard): void {
    const features = group.featureCount !== undefined ? `${group.featureCount} features` : texts(group.features);
    card.paragraph(text(group.description))
        .field('Feature store', code(group.$container.name))
        .field('Features', features)
        .field('Entity', text(group.entity))
        .field('Sources', refs(group.sources))
        .field('Online store', group.online ? refreshOf(group.onlineRefresh) : undefined)
        .field('Offline store', group.offline ? refreshOf(group.offlineRefresh) : undefined)
        .field('Owner', text(group.owner));
}

function refreshOf(refresh: string | undefined): string {
    return refresh ? `refresh ${escapeMarkdown(refresh)}` : 'yes';
}

function addExperimentProperties(experiment: ast.Experiment, card: HoverCard): void {
    const decision = experiment.decisionMetric
        ? [code(experiment.decisionMetric), text(experiment.decisionRule)].filter(part => part !== undefined).join(': ')
        : undefined;
    card.paragraph(text(experiment.description))
        .field('Metrics', experiment.metrics.length > 0 ? experiment.metrics.map(code).join(', ') : undefined)
        .field('Decision', decision)
        .field('Feeds', refs(experiment.feeds))
        .field('Technology', text(experiment.technology))
        .field('Owner', text(experiment.owner))
        .list('Variants', experiment.variants.map(variant => `${code(variant.name)}: ${variantModelOf(variant) ?? ''}, ${trafficOf(variant)} traffic`));
}

function variantModelOf(variant: ast.Variant): string | undefined {
    const model = ref(variant.model);
    return model && variant.version ? `${model} ${escapeMarkdown(variant.version)}` : model;
}

function trafficOf(variant: ast.Variant): string {
    return `${variant.traffic}${variant.percent ? '%' : ''}`;
}

function addMonitorProperties(monitor: ast.Monitor, card: HoverCard): void {
    const metrics = monitor.metrics.map(metric => [
        code(metric.name),
        metric.threshold !== undefined ? `threshold ${escapeMarkdown(String(metric.threshold))}` : undefined,
        metric.frequency ? `every ${escapeMarkdown(metric.frequency)}` : undefined
    ].filter(part => part !== undefined).join(' '));
    card.paragraph(text(monitor.description))
        .field('Watches', refs(monitor.watches))
        .field('Metrics', metrics.length > 0 ? metrics.join(', ') : undefined)
        .field('Emits', refs(monitor.emits))
        .field('Triggers', refs(monitor.triggers))
        .field('Dashboard', text(monitor.dashboard))
        .field('Technology', text(monitor.technology))
        .field('Owner', text(monitor.owner));
}

/** Adds where an element is placed with `in`, and its `uses` and `feedback` relations. */
function addPlacementAndRelations(node: AstNode, card: HoverCard): void {
    const placed = node as { container?: Reference; relations?: ast.Relation[] };
    card.field('In', ref(placed.container));
    const relations = placed.relations ?? [];
    card.field('Uses', relationsOf(relations.filter(relation => relation.kind === 'uses')))
        .field('Feedback to', relationsOf(relations.filter(relation => relation.kind === 'feedback')));
}

function relationsOf(relations: readonly ast.Relation[]): string | undefined {
    const described = relations.map(relation => {
        const target = ref(relation.target) ?? '';
        return relation.label ? `${target} (${escapeMarkdown(relation.label)})` : target;
    });
    return described.length > 0 ? described.join(', ') : undefined;
}

function childNames(children: readonly AstNode[]): string | undefined {
    const names = children
        .map(child => (child as { name?: string }).name)
        .filter((name): name is string => name !== undefined && name !== '');
    return names.length > 0 ? names.map(name => code(name)).join(', ') : undefined;
}
