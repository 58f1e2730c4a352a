/**
 * Uses Neovim's built-in LSP client as a second, independent client of the bundled language
 * server (out/server/main.cjs). A headless `nvim --clean` runs a Lua script that opens ml.mlarch
 * in a temporary copy of examples/getting-started, waits for the diagnostics, requests a
 * cross-file definition and writes both to a JSON file that this test reads.
 *
 * Neovim must be installed (Debian: `apt-get install neovim`). The script uses `vim.lsp.start`
 * on Neovim 0.8 and later, and `vim.lsp.start_client` with `vim.lsp.buf_attach_client` on 0.7,
 * which has no `vim.lsp.start`.
 */
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { URI } from 'vscode-uri';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SERVER_BUNDLE = path.join(REPO_ROOT, 'out/server/main.cjs');
const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples/getting-started');
/** Limit for each wait inside Neovim, in milliseconds. */
const WAIT_MS = 20_000;
/** Limit for the whole Neovim run, in milliseconds. */
const NVIM_TIMEOUT_MS = 60_000;

const MISSING_METADATA_CODES = [
    'missing-task', 'missing-framework', 'missing-version', 'missing-status',
    'missing-serving', 'missing-owner', 'missing-training-data', 'missing-baseline'
].sort();

/** The JSON file that the Lua script writes. Lines and characters are zero-based, as in LSP. */
interface NeovimReport {
    nvimVersion: string;
    diagnostics: Array<{ code?: string | number; message: string; lnum: number; col: number }>;
    definition?: { uri: string; line: number; character: number };
    definitionError?: string;
    error?: string;
}

/**
 * The script that Neovim runs with `-c "luafile …"`. It reads its parameters from the JSON file
 * named by the environment variable MLARCH_NVIM_CONFIG and always ends with `qa!`, so an error
 * lands in the report instead of leaving Neovim waiting for input.
 */
const INIT_LUA = String.raw`
local config = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('MLARCH_NVIM_CONFIG')), '\n'))
local report = { diagnostics = {} }
local version = vim.version()
report.nvimVersion = string.format('%d.%d.%d', version.major, version.minor, version.patch)

local function write_report()
  vim.fn.writefile({ vim.fn.json_encode(report) }, config.report)
end

local function start_client(bufnr)
  local client_config = {
    name = 'mlarch',
    cmd = config.cmd,
    root_dir = config.root_dir,
  }
  if vim.lsp.start then
    return vim.lsp.start(client_config, { bufnr = bufnr })
  end
  local client_id = vim.lsp.start_client(client_config)
  if client_id then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  return client_id
end

local function run()
  vim.cmd('autocmd BufRead,BufNewFile *.mlarch setfiletype mlarch')
  vim.cmd('edit ' .. vim.fn.fnameescape(config.file))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.bo[bufnr].filetype == 'mlarch', 'filetype of ' .. config.file .. ' is "' .. vim.bo[bufnr].filetype .. '", expected "mlarch"')
  assert(start_client(bufnr), 'the mlarch language server did not start: ' .. vim.inspect(config.cmd))

  vim.wait(config.wait_ms, function()
    return #vim.diagnostic.get(bufnr) >= config.expected_diagnostics
  end, 50)
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(report.diagnostics, {
      code = diagnostic.code,
      message = diagnostic.message,
      lnum = diagnostic.lnum,
      col = diagnostic.col,
    })
  end

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = config.definition_line, character = config.definition_character },
  }
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', params, config.wait_ms)
  if not responses then
    report.definitionError = 'no response: ' .. tostring(err)
    return
  end
  for _, response in pairs(responses) do
    if response.err then
      report.definitionError = vim.inspect(response.err)
    elseif response.result then
      -- A single Location, a Location array or a LocationLink array.
      local result = response.result
      local first = result.uri and result or result[1]
      if first then
        local range = first.targetSelectionRange or first.range
        report.definition = {
          uri = first.targetUri or first.uri,
          line = range.start.line,
          character = range.start.character,
        }
      end
    end
  end
end

local ok, message = pcall(run)
if not ok then
  report.error = tostring(message)
end
write_report()
vim.cmd('qa!')
`;

/** Returns the zero-based line and character of the first occurrence of `prefix + name`, at the name. */
function namePosition(text: string, prefix: string, name: string): { line: number; character: number } {
    const index = text.indexOf(prefix + name);
    assert.ok(index >= 0, `text does not contain ${JSON.stringify(prefix + name)}`);
    const before = text.slice(0, index + prefix.length);
    return { line: before.split('\n').length - 1, character: before.length - (before.lastIndexOf('\n') + 1) };
}

/** Runs nvim with `args` and resolves with its exit code, killing it after NVIM_TIMEOUT_MS. */
function runNeovim(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn('nvim', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => {
            output += chunk.toString();
        });
        child.stderr.on('data', (chunk: Buffer) => {
            output += chunk.toString();
        });
        const timer = setTimeout(() => child.kill(), NVIM_TIMEOUT_MS);
        child.once('error', error => {
            clearTimeout(timer);
            reject(error);
        });
        child.once('exit', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, output });
        });
    });
}

describe('neovim LSP client', () => {
    let tempDir: string;
    let workspaceDir: string;

    before(() => {
        tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlarch-nvim-'));
        workspaceDir = path.join(tempDir, 'getting-started');
        fs.cpSync(EXAMPLE_DIR, workspaceDir, { recursive: true });
    });

    after(() => {
        if (tempDir) {
            fs.rmSync(tempDir, { recursive: true, force: true });
        }
    });

    test('diagnostics and definition in nvim', async () => {
        const probe = spawnSync('nvim', ['--version'], { encoding: 'utf-8' });
        assert.ok(!probe.error, `nvim is not installed or does not run (${String(probe.error)}). Install Neovim, for example with \`apt-get install neovim\`.`);
        assert.ok(fs.existsSync(SERVER_BUNDLE), `${SERVER_BUNDLE} is missing; run \`node scripts/build.mjs\` first`);

        const mlText = fs.readFileSync(path.join(workspaceDir, 'ml.mlarch'), 'utf-8');
        const platformText = fs.readFileSync(path.join(workspaceDir, 'platform.mlarch'), 'utf-8');
        // `consumers WebShop` in ml.mlarch names the component declared in platform.mlarch.
        const reference = namePosition(mlText, 'consumers ', 'WebShop');
        const declaration = namePosition(platformText, 'component ', 'WebShop');
        const churn = namePosition(mlText, 'model ', 'ChurnPredictor');

        const reportPath = path.join(tempDir, 'report.json');
        const configPath = path.join(tempDir, 'config.json');
        const initPath = path.join(tempDir, 'init.lua');
        fs.writeFileSync(configPath, JSON.stringify({
            cmd: [process.execPath, SERVER_BUNDLE, '--stdio'],
            root_dir: workspaceDir,
            file: path.join(workspaceDir, 'ml.mlarch'),
            report: reportPath,
            wait_ms: WAIT_MS,
            expected_diagnostics: MISSING_METADATA_CODES.length,
            definition_line: reference.line,
            definition_character: reference.character
        }));
        fs.writeFileSync(initPath, INIT_LUA);

        const run = await runNeovim(['--headless', '--clean', '-c', `luafile ${initPath}`], { ...process.env, MLARCH_NVIM_CONFIG: configPath });
        assert.ok(fs.existsSync(reportPath), `nvim wrote no report (exit code ${run.code}, signal ${run.signal}). Output:\n${run.output}`);
        const report = JSON.parse(fs.readFileSync(reportPath, 'utf-8')) as NeovimReport;
        assert.equal(report.error, undefined, `the Lua script failed on Neovim ${report.nvimVersion}`);

        const codes = report.diagnostics.map(diagnostic => String(diagnostic.code)).sort();
        assert.deepEqual(codes, MISSING_METADATA_CODES);
        for (const diagnostic of report.diagnostics) {
            assert.equal(diagnostic.lnum, churn.line, `line of ${String(diagnostic.code)}`);
            assert.equal(diagnostic.col, churn.character, `column of ${String(diagnostic.code)}`);
        }

        assert.equal(report.definitionError, undefined, 'the definition request failed');
        assert.ok(report.definition, 'no definition returned');
        assert.equal(report.definition.uri, URI.file(path.join(workspaceDir, 'platform.mlarch')).toString());
        assert.equal(report.definition.line, declaration.line);
        assert.equal(report.definition.character, declaration.character);
        assert.equal(run.code, 0, `nvim exit code. Output:\n${run.output}`);
    });
});
