import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { Experiment, MlArchAstType } from '../../generated/ast.js';
import type { MlArchServices } from '../../mlarch-module.js';
import { report } from '../report.js';

/** Shares are percentages; this tolerance absorbs decimal rounding such as 33.33 + 33.33 + 33.34. */
const TRAFFIC_TOLERANCE = 1e-6;

/**
 * Checks an experiment: variant traffic adds up to 100 %, every variant's model is served, and
 * the decision metric is a baseline of at least one variant's model.
 */
export function experimentCheck(services: MlArchServices): ValidationChecks<MlArchAstType> {
    const facts = services.workspace.Facts;
    return {
        Experiment: (experiment: Experiment, accept: ValidationAcceptor) => {
            if (experiment.variants.length > 0) {
                const total = experiment.variants.reduce((sum, variant) => sum + variant.traffic, 0);
                if (Math.abs(total - 100) > TRAFFIC_TOLERANCE) {
                    report(accept, 'traffic-not-100', `The traffic shares of experiment '${experiment.name}' add up to ${formatShare(total)} %, not 100 %. Adjust the variants' \`traffic\` values.`, {
                        node: experiment,
                        property: 'name',
                        data: { total }
                    });
                }
            }

            for (const variant of experiment.variants) {
                const model = variant.model?.ref;
                if (model && !facts.tables.endpointsServing.has(model)) {
                    report(accept, 'variant-model-not-served', `Variant '${variant.name}' of experiment '${experiment.name}' uses model '${model.name}', which no endpoint serves. Add the model to an endpoint's \`serves\` list.`, {
                        node: variant,
                        property: 'model'
                    });
                }
            }

            if (experiment.decisionMetric) {
                const models = experiment.variants.map(variant => variant.model?.ref).filter(model => model !== undefined);
                const baselines = new Set(models.flatMap(model => model.baselines.map(baseline => baseline.metric)));
                if (models.length > 0 && !baselines.has(experiment.decisionMetric)) {
                    const known = baselines.size > 0 ? `Its models have baselines for: ${[...baselines].join(', ')}.` : 'Its models declare no baselines.';
                    report(accept, 'decision-metric-not-baseline', `Experiment '${experiment.name}' decides on '${experiment.decisionMetric}', which is not a baseline of its models. ${known} Use one of them or add a \`baseline ${experiment.decisionMetric} ...\` to the models.`, {
                        node: experiment,
                        property: 'decisionMetric'
                    });
                }
            }
        }
    };
}

function formatShare(value: number): string {
    return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
