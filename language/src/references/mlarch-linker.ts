import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';

/** Readable names of the reference target types, for linking error messages. */
const TARGET_DESCRIPTIONS: Record<string, string> = {
    Container: 'platform, group or component',
    DataSource: 'datastore, stream, dataset or feature group',
    TrainingSource: 'dataset or feature group',
    Referable: 'element',
    Datastore: 'datastore',
    FeatureGroup: 'feature group',
    Job: 'job',
    Model: 'model',
    Signal: 'signal',
    Step: 'step',
    Workflow: 'workflow'
};

/** Links references as Langium does, and words unresolved references so that they name the fix. */
export class MlArchLinker extends DefaultLinker {

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        const referenceType = this.reflection.getReferenceType(refInfo);
        const expected = TARGET_DESCRIPTIONS[referenceType] ?? referenceType;
        const name = refInfo.reference.$refText;
        const where = referenceType === 'Step' ? ' in this workflow' : '';
        error.message = `No ${expected} named '${name}' found${where}. Declare it, or correct the name (qualified names use dots: Platform.Layer.Name).`;
        return error;
    }
}
