import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { MlArchAstType, Model } from '../../generated/ast.js';
import type { MlArchServices } from '../../mlarch-module.js';
import type { MetadataField } from '../../workspace/metadata-policy.js';
import type { DiagnosticCode } from '../diagnostic-codes.js';
import { report } from '../report.js';

interface FieldRule {
    code: DiagnosticCode;
    isPresent(model: Model): boolean;
    /** The missing field's name as it reads after "Model 'X' has no". */
    missing: string;
    /** The text to add, shown in the message. */
    fix: string;
}

const FIELD_RULES: Record<MetadataField, FieldRule> = {
    'task': {
        code: 'missing-task',
        isPresent: model => model.task !== undefined,
        missing: 'task',
        fix: 'Add `task ranking` (or classification, regression, generation, recommendation, ...).'
    },
    'framework': {
        code: 'missing-framework',
        isPresent: model => model.frameworks.length > 0,
        missing: 'framework',
        fix: 'Add `framework "PyTorch"` with the framework the model is built with.'
    },
    'version': {
        code: 'missing-version',
        isPresent: model => model.version !== undefined,
        missing: 'current version',
        fix: 'Add `version "1.0"` with the version that is deployed now.'
    },
    'status': {
        code: 'missing-status',
        isPresent: model => model.status !== undefined,
        missing: 'lifecycle status',
        fix: 'Add `status development` (or experimentation, candidate, canary, shadow, production, deprecated, retired).'
    },
    'serving': {
        code: 'missing-serving',
        isPresent: model => model.servingModes.length > 0,
        missing: 'serving mode',
        fix: 'Add `serving realtime`, `serving batch` or `serving realtime, batch`.'
    },
    'owner': {
        code: 'missing-owner',
        isPresent: model => model.owner !== undefined,
        missing: 'owner',
        fix: 'Add `owner "Team name"`.'
    },
    'training-data': {
        code: 'missing-training-data',
        isPresent: model => model.trainedOn.length > 0,
        missing: 'training data',
        fix: 'Add `trained on` followed by the datasets or feature groups it learns from.'
    },
    'baseline': {
        code: 'missing-baseline',
        isPresent: model => model.baselines.length > 0,
        missing: 'performance baseline',
        fix: 'Add `baseline <metric> <value> alert <threshold>`.'
    }
};

/** Reports each required metadata field that a model lacks, one diagnostic per field. */
export function modelMetadataCheck(services: MlArchServices): ValidationChecks<MlArchAstType> {
    const policy = services.workspace.MetadataPolicy;
    return {
        Model: (model: Model, accept: ValidationAcceptor) => {
            for (const field of policy.requiredFields) {
                const rule = FIELD_RULES[field];
                if (rule.isPresent(model)) {
                    continue;
                }
                report(accept, rule.code, `Model '${model.name}' has no ${rule.missing}. ${rule.fix}`, {
                    node: model,
                    property: 'name',
                    data: { field }
                });
            }
        }
    };
}
