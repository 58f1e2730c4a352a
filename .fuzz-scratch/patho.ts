import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments } from 'langium/test';
import { createMlArchServices } from '../language/src/mlarch-module.js';
import { buildArchitectureGraph } from '../language/src/graph/graph-builder.js';
const services = createMlArchServices(EmptyFileSystem).MlArch;
async function build(name: string, text: string) {
  await clearDocuments(services);
  const d = services.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file('/ws/a.mlarch'));
  services.shared.workspace.LangiumDocuments.addDocument(d);
  const t = Date.now();
  try {
    await services.shared.workspace.DocumentBuilder.build([d], { validation: true });
    console.log(name, text.length, 'build ms', Date.now() - t, 'diags', d.diagnostics?.length, d.diagnostics?.slice(0,2).map(x => x.message.slice(0,100)));
  } catch (e) { console.log(name, 'THROW', Date.now() - t, String(e).slice(0, 200)); return; }
  for (const view of ['building-blocks', 'lineage'] as const) {
    const t2 = Date.now();
    try { const g = buildArchitectureGraph([d], view); console.log('  graph', view, g.nodes.length, Date.now() - t2); } catch (e) { console.log('  graph THROW', String(e).slice(0, 200)); }
  }
  const t3 = Date.now();
  try { const edits = await services.lsp.Formatter!.formatDocument(d, { textDocument: { uri: d.uri.toString() }, options: { tabSize: 4, insertSpaces: true } }); console.log('  format', edits.length, Date.now() - t3); } catch (e) { console.log('  format THROW', String(e).slice(0, 200)); }
  const t4 = Date.now();
  try { const s = await services.lsp.DocumentSymbolProvider!.getSymbols(d, { textDocument: { uri: d.uri.toString() } }); console.log('  symbols', s.length, Date.now() - t4); } catch (e) { console.log('  symbols THROW', String(e).slice(0, 200)); }
}
const which = process.argv[2];
const n = Number(process.argv[3] ?? 2000);
if (which === 'nest') await build('nest', 'platform P {\n' + 'group G {\n'.repeat(n) + '}\n'.repeat(n) + '}\n');
if (which === 'nestc') await build('nestc', 'platform P {\n' + Array.from({length:n}, (_, i) => `component C${i} {\n`).join('') + '}\n'.repeat(n) + '}\n');
if (which === 'line') await build('line', 'platform P { description "' + 'x'.repeat(n) + '" }');
if (which === 'lineid') await build('lineid', Array.from({length: n}, (_, i) => `signal S${i}`).join(' '));
if (which === 'lines') await build('lines', Array.from({length: n}, (_, i) => i % 10 === 0 ? `signal S${i} {` : i % 10 === 9 ? '}' : `  carries "c${i}"`).join('\n'));
if (which === 'braces') await build('braces', '{'.repeat(n) + 'platform P { ' + '}'.repeat(n));
if (which === 'obraces') await build('obraces', 'platform P {' + 'group G {'.repeat(n));
