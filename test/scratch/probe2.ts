import { buildWorkspace, describeDiagnostics } from '../unit/workspace-helpers.js';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
const cases: Record<string, string> = {
  variant: 'model M { }\nexperiment X { variant v model }',
  uses: 'component C { uses }',
  feedback: 'component C { feedback }',
  trainedBy: 'model M { trained by }',
  trigger: 'workflow W { trigger on }',
  store: 'dataset D { store }',
  runs: 'workflow W { step a { runs } }',
  placement: 'model M in { }',
};
for (const [name, text] of Object.entries(cases)) {
  const ws = await buildWorkspace({ 'main.mlarch': text });
  console.log('==', name);
  console.log(describeDiagnostics(ws.diagnostics('main.mlarch')).split('\n').filter(l => !l.includes(' missing-')).join('\n'));
  for (const view of ['building-blocks', 'lineage'] as const) {
    try { buildArchitectureGraph(ws.services.shared.workspace.LangiumDocuments.all, view); } catch (e) { console.log('GRAPH', view, String(e)); }
  }
}
