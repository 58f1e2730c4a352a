/**
 * The operational view: the signals that chain workflows with their emitters and subscribers,
 * workflows, endpoints, experiments with their variants and traffic, and monitors.
 */
import type { AstNode } from 'langium';
import {
    isEndpoint, isExperiment, isMonitor, isSignal, isStep, isWorkflow,
    type Experiment, type MonitorMetric, type Step
} from '../generated/ast.js';
import { isNamedElement } from '../references/qualified-names.js';
import type { SignalEmitter } from '../workspace/workspace-facts.js';
import { triggerCell } from './data-pipeline-section.js';
import { DocsContext, elementCell, referenceCell, referencesCell, textCell, titleOf } from './docs-context.js';
import { codeSpan, escapeCell, escapeMarkdown, table } from './markdown.js';

export const OPERATIONAL_FILE = 'operational-view.md';

/** Columns of the signal table; the tests read the table by these names. */
export const SIGNAL_HEADER = ['Signal', 'Carries', 'Emitted by', 'Subscribed by'];

export function writeOperationalSection(context: DocsContext): string {
    const parts: string[] = [
        '# Operational view',
        '',
        'How the platform runs: signals that start workflows and jobs, the workflows themselves, the endpoints that '
        + 'serve models, running experiments and the monitors that watch models and data.',
        ''
    ];
    parts.push(...signalParts(context));
    parts.push(...workflowParts(context));
    parts.push(...endpointParts(context));
    parts.push(...experimentParts(context));
    parts.push(...monitorParts(context));
    return parts.join('\n');
}

function signalParts(context: DocsContext): string[] {
    const signals = context.elementsOf(isSignal);
    const parts = ['## Signals', ''];
    if (signals.length === 0) {
        parts.push('The workspace declares no signals.', '');
        return parts;
    }
    parts.push(table(SIGNAL_HEADER, signals.map(signal => [
        elementCell(signal),
        textCell(signal.carries.join(', ') || undefined),
        (context.facts.signalEmitters.get(signal) ?? []).map(emitterCell).join(', '),
        (context.facts.signalSubscribers.get(signal) ?? []).map(trigger => subscriberCell(trigger.$container)).join(', ')
    ])), '');
    return parts;
}

/** Writes an emitter: an element's name, or `workflow.step` for a workflow step. */
function emitterCell(emitter: SignalEmitter): string {
    if (isStep(emitter)) {
        return codeSpan(stepName(emitter));
    }
    return codeSpan(emitter.name);
}

function subscriberCell(container: AstNode): string {
    return isNamedElement(container) ? codeSpan(container.name) : '';
}

function stepName(step: Step): string {
    const workflow = step.$container;
    return isWorkflow(workflow) ? `${workflow.name}.${step.name}` : step.name;
}

function workflowParts(context: DocsContext): string[] {
    const workflows = context.elementsOf(isWorkflow);
    if (workflows.length === 0) {
        return [];
    }
    return ['## Workflows', '', table(['Workflow', 'Owner', 'Engine', 'Triggered by', 'Steps', 'Emits'], workflows.map(workflow => [
        elementCell(workflow),
        textCell(workflow.owner),
        textCell(workflow.engine),
        workflow.triggers.map(triggerCell).join(', '),
        workflow.steps.map(stepCell).join('<br>'),
        [...workflow.emits.map(reference => referenceCell(reference)),
            ...workflow.steps.flatMap(step => step.emits.map(reference => `${referenceCell(reference)} (step ${codeSpan(step.name)})`))].join(', ')
    ])), ''];
}

/** Writes a step with the steps that follow it: `train` → `evaluate`, `publish`. */
function stepCell(step: Step): string {
    const next = step.next.map(reference => reference.ref ? codeSpan(reference.ref.name) : `${codeSpan(reference.$refText)} (unresolved)`);
    return next.length > 0 ? `${codeSpan(step.name)} → ${next.join(', ')}` : codeSpan(step.name);
}

function endpointParts(context: DocsContext): string[] {
    const endpoints = context.elementsOf(isEndpoint);
    if (endpoints.length === 0) {
        return [];
    }
    return ['## Endpoints', '', table(['Endpoint', 'Serves', 'Mode', 'Scaling', 'Latency', 'Consumers'], endpoints.map(endpoint => [
        elementCell(endpoint),
        referencesCell(endpoint.serves),
        textCell(endpoint.modes.join(', ') || undefined),
        textCell(endpoint.scaling.join(', ') || undefined),
        textCell(endpoint.latency),
        referencesCell(endpoint.consumers)
    ])), ''];
}

function experimentParts(context: DocsContext): string[] {
    const experiments = context.elementsOf(isExperiment);
    const parts = ['## Experiments', ''];
    if (experiments.length === 0) {
        parts.push('The workspace declares no experiments.', '');
        return parts;
    }
    for (const experiment of experiments) {
        parts.push(...experimentSection(context, experiment));
    }
    return parts;
}

function experimentSection(context: DocsContext, experiment: Experiment): string[] {
    const parts = [`### ${escapeMarkdown(titleOf(experiment))}`, ''];
    const facts = [
        `${codeSpan(experiment.name)}, declared in ${codeSpan(context.sourceOf(experiment))}`,
        experiment.owner ? `owner: ${escapeMarkdown(experiment.owner)}` : undefined,
        experiment.technology ? `technology: ${escapeMarkdown(experiment.technology)}` : undefined
    ].filter(part => part !== undefined);
    parts.push(`${facts.join(' · ')}.`, '');
    const text = context.firstText(experiment.description, context.docComment(experiment));
    if (text) {
        parts.push(escapeMarkdown(text), '');
    }
    if (experiment.variants.length > 0) {
        parts.push(table(['Variant', 'Model', 'Version', 'Traffic'], experiment.variants.map(variant => [
            codeSpan(variant.name),
            referenceCell(variant.model),
            textCell(variant.version),
            escapeCell(`${variant.traffic}${variant.percent ? ' %' : ''}`)
        ])), '');
        const total = experiment.variants.reduce((sum, variant) => sum + variant.traffic, 0);
        parts.push(`Total traffic: ${escapeMarkdown(String(total))} %.`, '');
    } else {
        parts.push('No variants declared.', '');
    }
    const lines = [
        experiment.metrics.length > 0 ? `- Metrics: ${experiment.metrics.map(metric => codeSpan(metric)).join(', ')}` : undefined,
        experiment.decisionMetric
            ? `- Decision metric: ${codeSpan(experiment.decisionMetric)}${experiment.decisionRule ? `, ${escapeMarkdown(experiment.decisionRule)}` : ''}`
            : undefined,
        experiment.feeds.length > 0 ? `- Results feed: ${referencesCell(experiment.feeds)}` : undefined
    ].filter(line => line !== undefined);
    if (lines.length > 0) {
        parts.push(...lines, '');
    }
    return parts;
}

function monitorParts(context: DocsContext): string[] {
    const monitors = context.elementsOf(isMonitor);
    const parts = ['## Monitors', ''];
    if (monitors.length === 0) {
        parts.push('The workspace declares no monitors.', '');
        return parts;
    }
    parts.push(table(['Monitor', 'Watches', 'Metrics', 'Emits', 'Triggers', 'Dashboard'], monitors.map(monitor => [
        elementCell(monitor),
        referencesCell(monitor.watches),
        monitor.metrics.map(metricCell).join('<br>'),
        referencesCell(monitor.emits),
        referencesCell(monitor.triggers),
        textCell(monitor.dashboard)
    ])), '');
    return parts;
}

/** Writes a monitor metric as `name`, threshold value (frequency). */
function metricCell(metric: MonitorMetric): string {
    let text = codeSpan(metric.name);
    if (metric.threshold !== undefined) {
        text += `, threshold ${escapeCell(String(metric.threshold))}`;
    }
    if (metric.frequency !== undefined) {
        text += ` (${escapeCell(metric.frequency)})`;
    }
    return text;
}
