/**
 * Every diagnostic code that MLArch reports, with its default severity and a one-line
 * description. The codes are stable: configuration files, suppressions and CI reports refer to them.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface DiagnosticCodeInfo {
    severity: Severity;
    description: string;
}

export const DIAGNOSTIC_CODES = {
    'missing-task': { severity: 'warning', description: 'A model does not declare its task.' },
    'missing-framework': { severity: 'warning', description: 'A model does not declare its framework.' },
    'missing-version': { severity: 'warning', description: 'A model does not declare its current version.' },
    'missing-status': { severity: 'warning', description: 'A model does not declare its lifecycle status.' },
    'missing-serving': { severity: 'warning', description: 'A model does not declare its serving mode.' },
    'missing-owner': { severity: 'warning', description: 'A model does not declare its owner.' },
    'missing-training-data': { severity: 'warning', description: 'A model does not name the datasets or feature groups it is trained on.' },
    'missing-baseline': { severity: 'warning', description: 'A model declares no performance baseline.' },
    'unresolved-reference': { severity: 'error', description: 'A reference names no element of the expected kind.' },
    'ambiguous-reference': { severity: 'warning', description: 'A simple name matches several elements; the qualified name is needed.' },
    'duplicate-name': { severity: 'error', description: 'Two elements share a qualified name.' },
    'duplicate-property': { severity: 'warning', description: 'A property is written twice in one element; the last one wins.' },
    'invalid-container': { severity: 'warning', description: 'An `in` placement on a nested element, where it has no effect.' },
    'model-dependency-cycle': { severity: 'error', description: 'Models depend on each other in a cycle.' },
    'step-cycle': { severity: 'error', description: 'The steps of a workflow form a cycle.' },
    'unreachable-step': { severity: 'warning', description: 'A workflow step cannot be reached from the start step.' },
    'realtime-model-not-served': { severity: 'warning', description: 'A model marked real-time is not served by any real-time endpoint.' },
    'endpoint-serves-inactive-model': { severity: 'warning', description: 'An endpoint serves a deprecated or retired model.' },
    'traffic-not-100': { severity: 'error', description: 'The traffic shares of an experiment do not add up to 100 %.' },
    'variant-model-not-served': { severity: 'warning', description: 'An experiment variant uses a model that no endpoint serves.' },
    'decision-metric-not-baseline': { severity: 'warning', description: 'An experiment decides on a metric that is not a baseline of its models.' },
    'stateful-job-missing-backend': { severity: 'warning', description: 'A stateful job names no state backend.' },
    'stateful-job-missing-checkpointing': { severity: 'warning', description: 'A stateful job does not describe its checkpointing.' },
    'streaming-into-offline-only': { severity: 'warning', description: 'A streaming job feeds a feature group that is served offline only.' },
    'signal-never-emitted': { severity: 'warning', description: 'A signal is subscribed to but nothing emits it.' },
    'signal-never-subscribed': { severity: 'warning', description: 'A signal is emitted but nothing subscribes to it.' },
    'unused-feature-group': { severity: 'hint', description: 'No model consumes or is trained on a feature group.' }
} as const satisfies Record<string, DiagnosticCodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
