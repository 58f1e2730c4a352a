import { buildWorkspace, describeDiagnostics } from '../unit/workspace-helpers.js';
const cases: Record<string, string> = {
  unresolved: 'model M { depends on Nope }',
  ambiguous: 'platform A { model X { } }\nplatform B { model X { } }\nmodel M { depends on X }',
  dupprop: 'model M { owner "a" owner "b" task ranking task regression }',
  dupprop2: 'job J { state stateful { backend "a" backend "b" } }',
  dupprop3: 'model M { trained by W trained by W }\nworkflow W { }',
  container: 'platform P { layer L { model M in L { } } }',
  cycle: 'model A { depends on B }\nmodel B { depends on A }',
  selfcycle: 'model A { depends on A }',
  stepcycle: 'workflow W { step a -> b\n step b -> a }',
  unreach: 'workflow W { step a\n step b }',
  realtime: 'model M { serving batch, realtime }',
  inactive: 'model M { status deprecated }\nendpoint E { serves M }',
  traffic: 'model M { }\nendpoint E { serves M }\nexperiment X { variant a model M traffic 50 % variant b model M traffic 40 }',
  variantNotServed: 'model M { }\nexperiment X { variant a model M traffic 100 }',
  decision: 'model M { baseline auc 0.9 }\nendpoint E { serves M }\nexperiment X { variant a model M traffic 100\n decision ctr }',
  stateful: 'job J { state stateful }',
  streaming: 'job J { mode streaming writes FS.G }\nfeaturestore FS { group G { offline } }',
  streaming2: 'job J { mode streaming }\nfeaturestore FS { group G { source J offline } }',
  neverEmitted: 'signal S\nworkflow W { trigger on S }',
  neverSub: 'signal S\njob J { emits S }',
  unusedFg: 'featurestore FS { group G { } }',
  dupStep: 'workflow W { step a\n step a }',
  dupVariant: 'model M { }\nendpoint E { serves M }\nexperiment X { variant a model M traffic 50 variant a model M traffic 50 }',
  dupMetric: 'monitor Mo { metric m metric m }',
  dupNested: 'platform P { component C\n component C }',
};
for (const [name, text] of Object.entries(cases)) {
  const ws = await buildWorkspace({ 'main.mlarch': text });
  console.log('==', name);
  console.log(describeDiagnostics(ws.diagnostics('main.mlarch')).split('\n').filter(l => !l.includes(' missing-')).join('\n'));
}
const ws = await buildWorkspace({ 'a.mlarch': 'model M { }', 'b.mlarch': '\n\nmodel M { }' });
console.log(JSON.stringify(ws.diagnostics('a.mlarch').filter(d => d.code === 'duplicate-name'), null, 1));
