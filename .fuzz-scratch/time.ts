import { EmptyFileSystem, URI } from 'langium';
import { clearDocuments } from 'langium/test';
import { createMlArchServices } from '../language/src/mlarch-module.js';
import { generateWorkspace } from '../bench/workspace-generator.js';
import * as fs from 'node:fs';
const services = createMlArchServices(EmptyFileSystem).MlArch;
async function build(files: Record<string,string>) {
  await clearDocuments(services);
  const docs = Object.entries(files).map(([n, t]) => { const d = services.shared.workspace.LangiumDocumentFactory.fromString(t, URI.file('/ws/' + n)); services.shared.workspace.LangiumDocuments.addDocument(d); return d; });
  await services.shared.workspace.DocumentBuilder.build(docs, { validation: true });
  return docs;
}
const netflix: Record<string,string> = {};
for (const f of fs.readdirSync('examples/netflix')) netflix[f] = fs.readFileSync('examples/netflix/' + f, 'utf8');
for (let i = 0; i < 5; i++) { const t = Date.now(); await build(netflix); console.log('netflix', Date.now() - t); }
for (let i = 0; i < 5; i++) { const t = Date.now(); await build({ 'a.mlarch': netflix['models.mlarch'] }); console.log('models', Date.now() - t); }
const gen = generateWorkspace({ models: 4, jobs: 8 });
console.log([...gen.files.entries()].map(([k, v]) => k + ' ' + v.length).join('\n'));
