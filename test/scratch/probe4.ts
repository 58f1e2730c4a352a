import { buildWorkspace, describeDiagnostics } from '../unit/workspace-helpers.js';
const recov = {
  a: 'model A { owner "x" }\ndatastre Typo { }\nmodel B { }\n',
  b: 'model A { owner "x" oner "y" }\nmodel B { }\n',
  c: 'model A { owner "x" }\nmodel T { task rankin }\nmodel B { }\n',
  d: 'model A { owner "x" }\nmodel T { task ranking\nmodel B { }\n',
};
for (const [n, t] of Object.entries(recov)) {
  const ws = await buildWorkspace({ 'main.mlarch': t });
  console.log('==', n); console.log(describeDiagnostics(ws.diagnostics('main.mlarch')));
}
const files = {
  'decl.mlarch': 'platform P {\n    layer L {\n        model Inner { }\n    }\n}\nmodel Base { }\ndataset D { }\nsignal S\njob J { }\nworkflow W { step a -> b\n step b }\n',
  'use.mlarch': 'model M in P.L {\n  depends on Base, P.L.Inner, Inner\n  trained on D\n}\nendpoint E { serves Base }\nworkflow W2 { trigger on S }\nfeaturestore FS { group G { source J } }\n',
};
const ws = await buildWorkspace(files);
const doc = ws.document('use.mlarch');
const text = files['use.mlarch'];
for (const needle of ['P.L {', 'Base,', 'P.L.Inner', 'Inner\n', 'D\n', 'Base }', 'S }', 'J }']) {
  for (const delta of [0, needle.indexOf('.') > 0 ? needle.indexOf('.') + 1 : 0]) {
  const off = text.indexOf(needle) + delta;
  const res = await ws.services.lsp.DefinitionProvider!.getDefinition(doc, { textDocument: { uri: doc.uri.toString() }, position: doc.textDocument.positionAt(off) });
  console.log(needle, delta, JSON.stringify(res?.map(l => [l.targetUri, l.targetSelectionRange, l.originSelectionRange])));
  }
}
const d2 = ws.document('decl.mlarch');
const off = files['decl.mlarch'].indexOf('-> b') + 3;
const res = await ws.services.lsp.DefinitionProvider!.getDefinition(d2, { textDocument: { uri: d2.uri.toString() }, position: d2.textDocument.positionAt(off) });
console.log('step', JSON.stringify(res));
console.log(describeDiagnostics(ws.diagnostics('use.mlarch')));
