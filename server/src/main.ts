import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createMlArchServices } from '../../language/src/mlarch-module.js';
import { registerDebugRequests } from './debug-requests.js';
import { registerGraphRequests } from './graph-requests.js';

// The extension starts this file with VS Code's own Node.js runtime over IPC; other editors
// start it with `--stdio`. createConnection picks the transport from the command line.
const connection = createConnection(ProposedFeatures.all);
const { shared, MlArch } = createMlArchServices({ connection, ...NodeFileSystem });
registerGraphRequests(connection, shared, MlArch);
registerDebugRequests(connection);
startLanguageServer(shared);
