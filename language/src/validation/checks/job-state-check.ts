import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { isFeatureGroup, type FeatureGroup, type Job, type MlArchAstType } from '../../generated/ast.js';
import { report } from '../report.js';

/**
 * Checks processing state and its fit with the feature store: a stateful job needs a state
 * backend and checkpointing to recover, and a streaming job should not feed a feature group
 * that is only served offline, where its freshness is lost.
 */
export function jobStateCheck(): ValidationChecks<MlArchAstType> {
    return {
        Job: (job: Job, accept: ValidationAcceptor) => {
            const state = job.state;
            if (state?.kind === 'stateful') {
                if (!state.backend) {
                    report(accept, 'stateful-job-missing-backend', `Stateful job '${job.name}' names no state backend. Add \`backend "RocksDB"\` (or the backend it uses) to its \`state stateful { ... }\` block.`, {
                        node: state,
                        property: 'kind'
                    });
                }
                if (!state.checkpointing) {
                    report(accept, 'stateful-job-missing-checkpointing', `Stateful job '${job.name}' does not describe its checkpointing. Add \`checkpointing "every 30s"\` (or its policy) to its \`state stateful { ... }\` block.`, {
                        node: state,
                        property: 'kind'
                    });
                }
            }

            if (job.mode === 'streaming') {
                job.writes.forEach((ref, index) => {
                    const target = ref.ref;
                    if (isFeatureGroup(target) && isOfflineOnly(target)) {
                        report(accept, 'streaming-into-offline-only', offlineOnlyMessage(job, target), {
                            node: job,
                            property: 'writes',
                            index
                        });
                    }
                });
            }
        },
        FeatureGroup: (group: FeatureGroup, accept: ValidationAcceptor) => {
            if (!isOfflineOnly(group)) {
                return;
            }
            group.sources.forEach((ref, index) => {
                const job = ref.ref;
                if (job?.mode === 'streaming') {
                    report(accept, 'streaming-into-offline-only', offlineOnlyMessage(job, group), {
                        node: group,
                        property: 'sources',
                        index
                    });
                }
            });
        }
    };
}

function isOfflineOnly(group: FeatureGroup): boolean {
    return group.offline && !group.online;
}

function offlineOnlyMessage(job: Job, group: FeatureGroup): string {
    return `Streaming job '${job.name}' feeds feature group '${group.name}', which is served offline only, so its freshness is lost. Add \`online\` to the feature group or make the job batch.`;
}
