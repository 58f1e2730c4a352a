import { buildWorkspace } from '../unit/workspace-helpers.js';
const base = `platform P {
    layer L { component C }
}
datastore DS { }
stream ST { }
dataset D { }
featurestore FS { group G { } }
job J { mode streaming }
signal S
workflow W { step a -> b
 step b
 step c }
workflow W2 { step x }
endpoint E { }
`;
const cases: Record<string, string> = {
  top: '§',
  modelBody: 'model M { § }',
  status: 'model M { status § }',
  serving: 'model M { serving § }',
  task: 'model M { task § }',
  jobMode: 'job J2 { mode § }',
  state: 'job J2 { state § }',
  kind: 'datastore X { kind § }',
  depends: 'model M { depends on § }',
  trained: 'model M { trained on § }',
  variant: 'model M { }\nexperiment X { variant v model § }',
  reads: 'job J2 { reads § }',
  trigger: 'workflow W3 { trigger on § }',
  serves: 'model M { }\nendpoint E2 { serves § }',
  step: 'workflow W4 { step a -> §\n step b\n step c }',
  stepOther: 'workflow W4 { step a -> § }',
  in: 'model M in § { }',
  source: 'featurestore F2 { group G2 { source § } }',
  partial: 'model M { depends on P§ }',
};
for (const [name, snippet] of Object.entries(cases)) {
  const text = base + snippet.replace('§', '');
  const offset = base.length + snippet.indexOf('§');
  const ws = await buildWorkspace({ 'main.mlarch': text });
  const doc = ws.document('main.mlarch');
  const res = await ws.services.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(offset) });
  console.log(name, JSON.stringify(res?.items.map(i => i.label)));
}
