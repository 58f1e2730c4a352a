/**
 * Which model metadata fields a workspace requires. The default is the set that model cards,
 * MLflow's registry and CycloneDX's ML-BOM share, plus what an architecture view needs.
 */
export type MetadataField = 'task' | 'framework' | 'version' | 'status' | 'serving' | 'owner' | 'training-data' | 'baseline';

export const METADATA_FIELDS: readonly MetadataField[] = [
    'task', 'framework', 'version', 'status', 'serving', 'owner', 'training-data', 'baseline'
];

export class MetadataPolicy {
    requiredFields: ReadonlySet<MetadataField> = new Set(METADATA_FIELDS);
}
