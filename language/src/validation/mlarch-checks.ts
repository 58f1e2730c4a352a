import type { MlArchServices } from '../mlarch-module.js';
import { ambiguousReferenceCheck } from './checks/ambiguous-reference-check.js';
import { duplicateNameCheck } from './checks/duplicate-name-check.js';
import { duplicatePropertyCheck } from './checks/duplicate-property-check.js';
import { experimentCheck } from './checks/experiment-check.js';
import { featureGroupCheck } from './checks/feature-group-check.js';
import { jobStateCheck } from './checks/job-state-check.js';
import { modelDependencyCycleCheck } from './checks/model-dependency-cycle-check.js';
import { modelMetadataCheck } from './checks/model-metadata-check.js';
import { placementCheck } from './checks/placement-check.js';
import { servingCheck } from './checks/serving-check.js';
import { signalCheck } from './checks/signal-check.js';
import { workflowStepsCheck } from './checks/workflow-steps-check.js';

/**
 * Registers every check. Langium's validation registry wraps each one, so an exception in a
 * check becomes a diagnostic on the document instead of stopping validation.
 */
export function registerMlArchChecks(services: MlArchServices): void {
    const registry = services.validation.ValidationRegistry;
    const checks = [
        modelMetadataCheck(services),
        duplicateNameCheck(services),
        ambiguousReferenceCheck(services),
        duplicatePropertyCheck(),
        placementCheck(),
        modelDependencyCycleCheck(services),
        workflowStepsCheck(),
        servingCheck(services),
        experimentCheck(services),
        jobStateCheck(),
        signalCheck(services),
        featureGroupCheck(services)
    ];
    for (const check of checks) {
        registry.register(check);
    }
}
