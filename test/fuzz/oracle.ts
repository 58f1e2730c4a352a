/**
 * Runs one fuzz case through the MLArch services as the language server would: parse, link and
 * validate the workspace, then call every language feature on the mutated document and build
 * every graph view. Returns the failures it finds: exceptions, ranges outside their document,
 * formatting that changes more than whitespace, and malformed graphs.
 */
import { EmptyFileSystem, TextDocument, URI, type LangiumDocument } from 'langium';
import { clearDocuments } from 'langium/test';
import {
    CancellationToken, type CallHierarchyItem, type CompletionItem, type DocumentSymbol, type Position, type TextEdit, type WorkspaceEdit
} from 'vscode-languageserver';
import { buildArchitectureGraph } from '../../language/src/graph/graph-builder.js';
import { attachDiagnostics } from '../../language/src/graph/graph-diagnostics.js';
import { VIEW_KINDS, type ArchitectureGraph, type ViewParameters } from '../../language/src/graph/graph-model.js';
import { createMlArchServices, type MlArchServices } from '../../language/src/mlarch-module.js';
import {
    containsRange, findGraphProblems, formatRange, LineTable, missingItems, normaliseComment, preview, type RangeLike
} from './checks.js';

export const PHASES = [
    'parse', 'build', 'diagnostics', 'completion', 'hover', 'definition', 'references', 'highlight', 'rename',
    'call-hierarchy', 'symbols', 'workspace-symbols', 'folding', 'semantic-tokens', 'code-actions', 'code-lens',
    'links', 'formatting', 'range-formatting', 'graph'
] as const;

export type Phase = typeof PHASES[number];

/** Phases that need the document built; they are all but `parse` and `build`. */
const FEATURE_PHASES: readonly Phase[] = PHASES.filter(phase => phase !== 'parse' && phase !== 'build');

/** Phases that send one request per offset of the case. */
const POSITION_PHASES: ReadonlySet<Phase> = new Set<Phase>(['completion', 'hover', 'definition', 'references', 'highlight', 'rename', 'call-hierarchy']);

export interface Failure {
    /** Failure class, such as `crash-hover`, `range-diagnostics` or `format-not-idempotent`. */
    kind: string;
    phase: Phase;
    message: string;
    /** Offset of the target text where a position-based request failed. */
    offset?: number;
}

export interface FuzzCase {
    /** Every document of the workspace, by file name. */
    files: ReadonlyMap<string, string>;
    /** The file that language features are called on: the mutated one. */
    target: string;
    /** Offsets into the target's text where position-based requests are sent. */
    offsets: readonly number[];
}

export interface OracleOptions {
    /** Runs only these phases after the build; all by default. Minimisation narrows this to the failing phase. */
    phases?: ReadonlySet<Phase>;
    /**
     * A phase, or for position-based phases one request, that takes longer than this many
     * milliseconds is a `slow-<phase>` failure.
     */
    slowPhaseMs?: number;
}

export const DEFAULT_SLOW_PHASE_MS = 10_000;

/** Validation and linking turn exceptions into diagnostics or log lines that start like this. */
const HIDDEN_CRASH_PATTERN = /^An error occurred (during validation|during set-up of the validation|during tear-down of the validation|while resolving reference)/;

const FORMATTING_OPTIONS = { tabSize: 4, insertSpaces: true };
const NEW_NAME = 'Renamed';

/** Returns the in-memory URI of a fuzz document. */
export function fuzzUri(name: string): URI {
    return URI.file(`/fuzz-workspace/${name}`);
}

export class FuzzOracle {
    private services: MlArchServices = createMlArchServices(EmptyFileSystem).MlArch;
    /** Milliseconds that each phase of the last case took, in the order they ran. */
    lastPhaseTimings = new Map<Phase, number>();

    /** The current services instance, which the oracle replaces after a crash in parsing or building. */
    get currentServices(): MlArchServices {
        return this.services;
    }

    /** Runs the case and returns at most one failure per kind. */
    async check(fuzzCase: FuzzCase, options: OracleOptions = {}): Promise<Failure[]> {
        const run = new CaseRun(this.services, fuzzCase, options);
        const failures = await run.execute();
        this.lastPhaseTimings = run.timings;
        if (run.servicesBroken) {
            // After an exception in the document builder its state is unknown; start over.
            this.services = createMlArchServices(EmptyFileSystem).MlArch;
        }
        const byKind = new Map<string, Failure>();
        for (const failure of failures) {
            if (!byKind.has(failure.kind)) {
                byKind.set(failure.kind, failure);
            }
        }
        return [...byKind.values()];
    }
}

/** One execution of a fuzz case. Collects failures instead of throwing. */
class CaseRun {
    readonly failures: Failure[] = [];
    readonly timings = new Map<Phase, number>();
    servicesBroken = false;
    private readonly lineTables = new Map<string, LineTable>();
    private readonly documents = new Map<string, LangiumDocument>();
    private currentPhase: Phase = 'parse';
    private currentOffset: number | undefined;
    private readonly slowPhaseMs: number;

    constructor(private readonly services: MlArchServices, private readonly fuzzCase: FuzzCase, private readonly options: OracleOptions) {
        this.slowPhaseMs = options.slowPhaseMs ?? DEFAULT_SLOW_PHASE_MS;
        for (const [name, text] of fuzzCase.files) {
            this.lineTables.set(fuzzUri(name).toString(), new LineTable(text));
        }
    }

    async execute(): Promise<Failure[]> {
        const rejections: unknown[] = [];
        const onRejection = (reason: unknown): void => {
            rejections.push(reason);
        };
        const loggedErrors: string[] = [];
        const originalConsoleError = console.error;
        console.error = (...args: unknown[]): void => {
            loggedErrors.push(`[${this.currentPhase}] ${args.map(describeValue).join(' ')}`);
        };
        process.on('unhandledRejection', onRejection);
        try {
            await this.runAll();
            // Give rejected promises that no code awaits one turn of the event loop to surface.
            await new Promise(resolve => setImmediate(resolve));
        } finally {
            process.off('unhandledRejection', onRejection);
            console.error = originalConsoleError;
        }
        for (const reason of rejections) {
            this.fail('unhandled-rejection', this.currentPhase, describeValue(reason));
        }
        for (const line of loggedErrors) {
            const phase = /^\[([a-z-]+)\]/.exec(line)?.[1] as Phase | undefined ?? this.currentPhase;
            const message = line.replace(/^\[[a-z-]+\] /, '');
            if (HIDDEN_CRASH_PATTERN.test(message)) {
                this.fail(`hidden-crash-${phase}`, phase, message);
            }
        }
        return this.failures;
    }

    private async runAll(): Promise<void> {
        await clearDocuments(this.services);
        const target = await this.buildWorkspace();
        if (!target) {
            return;
        }
        const requestedPhases = this.options.phases;
        for (const phase of FEATURE_PHASES) {
            if (requestedPhases && !requestedPhases.has(phase)) {
                continue;
            }
            await this.timed(phase, () => this.runPhase(phase, target));
        }
    }

    private fail(kind: string, phase: Phase, message: string): void {
        this.failures.push({ kind, phase, message, offset: this.currentOffset });
    }

    /** Runs a phase, turning an exception into a `crash-<phase>` failure and a long run into `slow-<phase>`. */
    private async timed(phase: Phase, body: () => Promise<void>): Promise<boolean> {
        this.currentPhase = phase;
        const started = performance.now();
        try {
            await body();
            return true;
        } catch (error) {
            this.fail(`crash-${phase}`, phase, describeValue(error));
            return false;
        } finally {
            this.currentOffset = undefined;
            const elapsed = performance.now() - started;
            this.timings.set(phase, elapsed);
            // Position-based phases are timed per request, in atOffsets.
            if (!POSITION_PHASES.has(phase) && elapsed > this.slowPhaseMs) {
                this.fail(`slow-${phase}`, phase, `took ${Math.round(elapsed)} ms, more than ${this.slowPhaseMs} ms`);
            }
        }
    }

    /** Parses, links and validates every file; returns the target document, or undefined when that failed. */
    private async buildWorkspace(): Promise<LangiumDocument | undefined> {
        const shared = this.services.shared.workspace;
        const parsed = await this.timed('parse', async () => {
            for (const [name, text] of this.fuzzCase.files) {
                const document = shared.LangiumDocumentFactory.fromString(text, fuzzUri(name));
                shared.LangiumDocuments.addDocument(document);
                this.documents.set(name, document);
            }
        });
        if (!parsed) {
            this.servicesBroken = true;
            return undefined;
        }
        const built = await this.timed('build', async () => {
            await shared.DocumentBuilder.build([...this.documents.values()], { validation: true });
        });
        if (!built) {
            this.servicesBroken = true;
            return undefined;
        }
        return this.documents.get(this.fuzzCase.target);
    }

    private async runPhase(phase: Phase, document: LangiumDocument): Promise<void> {
        switch (phase) {
            case 'diagnostics': return this.checkDiagnostics();
            case 'completion': return this.atOffsets(document, position => this.checkCompletion(document, position));
            case 'hover': return this.atOffsets(document, position => this.checkHover(document, position));
            case 'definition': return this.atOffsets(document, position => this.checkDefinition(document, position));
            case 'references': return this.atOffsets(document, position => this.checkReferences(document, position));
            case 'highlight': return this.atOffsets(document, position => this.checkHighlight(document, position));
            case 'rename': return this.atOffsets(document, position => this.checkRename(document, position));
            case 'call-hierarchy': return this.atOffsets(document, position => this.checkCallHierarchy(document, position));
            case 'symbols': return this.checkSymbols(document);
            case 'workspace-symbols': return this.checkWorkspaceSymbols();
            case 'folding': return this.checkFolding(document);
            case 'semantic-tokens': return this.checkSemanticTokens(document);
            case 'code-actions': return this.checkCodeActions(document);
            case 'code-lens': return this.checkCodeLens(document);
            case 'links': return this.checkLinks(document);
            case 'formatting': return this.checkFormatting(document);
            case 'range-formatting': return this.checkRangeFormatting(document);
            case 'graph': return this.checkGraphs();
            case 'parse':
            case 'build':
                return;
        }
    }

    private async atOffsets(document: LangiumDocument, request: (position: Position) => Promise<void>): Promise<void> {
        for (const offset of this.fuzzCase.offsets) {
            this.currentOffset = offset;
            const started = performance.now();
            await request(document.textDocument.positionAt(offset));
            const elapsed = performance.now() - started;
            if (elapsed > this.slowPhaseMs) {
                this.fail(`slow-${this.currentPhase}`, this.currentPhase, `one request took ${Math.round(elapsed)} ms, more than ${this.slowPhaseMs} ms`);
            }
        }
        this.currentOffset = undefined;
    }

    /** Records a `range-<phase>` failure when the range lies outside the document of `uri`. */
    private checkRange(uri: string, range: RangeLike | undefined, subject: string): void {
        const table = this.lineTables.get(uri);
        if (!table) {
            this.fail(`range-${this.currentPhase}`, this.currentPhase, `${subject} points into ${uri}, which is not a document of the workspace`);
            return;
        }
        const problem = table.rangeProblem(range);
        if (problem) {
            this.fail(`range-${this.currentPhase}`, this.currentPhase, `${subject}: ${problem}`);
        }
    }

    /** Checks the ranges of text edits and applies them, which fails on overlapping edits. */
    private checkEdits(uri: string, edits: readonly TextEdit[], subject: string): string | undefined {
        const failuresBefore = this.failures.length;
        for (const edit of edits) {
            this.checkRange(uri, edit.range, subject);
        }
        const name = [...this.fuzzCase.files.keys()].find(file => fuzzUri(file).toString() === uri);
        const text = name === undefined ? undefined : this.fuzzCase.files.get(name);
        if (text === undefined || this.failures.length > failuresBefore) {
            return undefined;
        }
        try {
            return TextDocument.applyEdits(TextDocument.create(uri, 'mlarch', 0, text), [...edits]);
        } catch (error) {
            this.fail(`overlapping-edits-${this.currentPhase}`, this.currentPhase, `${subject}: ${describeValue(error)}`);
            return undefined;
        }
    }

    private checkWorkspaceEdit(edit: WorkspaceEdit | undefined | null, subject: string): void {
        for (const [uri, edits] of Object.entries(edit?.changes ?? {})) {
            this.checkEdits(uri, edits, subject);
        }
        for (const change of edit?.documentChanges ?? []) {
            if ('edits' in change) {
                this.checkEdits(change.textDocument.uri, change.edits.filter((item): item is TextEdit => 'range' in item), subject);
            }
        }
    }

    private checkDiagnostics(): void {
        for (const [name, document] of this.documents) {
            const uri = document.uri.toString();
            for (const diagnostic of document.diagnostics ?? []) {
                const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
                this.checkRange(uri, diagnostic.range, `diagnostic ${preview(message, 80)} of ${name}`);
                if (HIDDEN_CRASH_PATTERN.test(message)) {
                    this.fail('hidden-crash-build', 'build', `${name}: ${message}`);
                }
                for (const related of diagnostic.relatedInformation ?? []) {
                    this.checkRange(related.location.uri, related.location.range, `related information of ${preview(message, 80)}`);
                }
            }
        }
    }

    private async checkCompletion(document: LangiumDocument, position: Position): Promise<void> {
        const list = await this.services.lsp.CompletionProvider?.getCompletion(document, {
            textDocument: { uri: document.uri.toString() }, position
        }, CancellationToken.None);
        const uri = document.uri.toString();
        for (const item of list?.items ?? []) {
            for (const range of completionRanges(item)) {
                this.checkRange(uri, range, `completion item ${preview(item.label, 40)} at ${position.line}:${position.character}`);
            }
            for (const edit of item.additionalTextEdits ?? []) {
                this.checkRange(uri, edit.range, `additional edit of completion item ${preview(item.label, 40)}`);
            }
        }
    }

    private async checkHover(document: LangiumDocument, position: Position): Promise<void> {
        const hover = await this.services.lsp.HoverProvider?.getHoverContent(document, {
            textDocument: { uri: document.uri.toString() }, position
        }, CancellationToken.None);
        if (hover?.range) {
            this.checkRange(document.uri.toString(), hover.range, `hover range at ${position.line}:${position.character}`);
        }
    }

    private async checkDefinition(document: LangiumDocument, position: Position): Promise<void> {
        const links = await this.services.lsp.DefinitionProvider?.getDefinition(document, {
            textDocument: { uri: document.uri.toString() }, position
        }, CancellationToken.None);
        for (const link of links ?? []) {
            if (link.originSelectionRange) {
                this.checkRange(document.uri.toString(), link.originSelectionRange, 'definition origin');
            }
            this.checkRange(link.targetUri, link.targetRange, 'definition target range');
            this.checkRange(link.targetUri, link.targetSelectionRange, 'definition target selection range');
        }
    }

    private async checkReferences(document: LangiumDocument, position: Position): Promise<void> {
        const locations = await this.services.lsp.ReferencesProvider?.findReferences(document, {
            textDocument: { uri: document.uri.toString() }, position, context: { includeDeclaration: true }
        }, CancellationToken.None);
        for (const location of locations ?? []) {
            this.checkRange(location.uri, location.range, 'reference');
        }
    }

    private async checkHighlight(document: LangiumDocument, position: Position): Promise<void> {
        const highlights = await this.services.lsp.DocumentHighlightProvider?.getDocumentHighlight(document, {
            textDocument: { uri: document.uri.toString() }, position
        }, CancellationToken.None);
        for (const highlight of highlights ?? []) {
            this.checkRange(document.uri.toString(), highlight.range, 'document highlight');
        }
    }

    private async checkRename(document: LangiumDocument, position: Position): Promise<void> {
        const provider = this.services.lsp.RenameProvider;
        if (!provider) {
            return;
        }
        const textDocument = { uri: document.uri.toString() };
        const prepared = await provider.prepareRename(document, { textDocument, position }, CancellationToken.None);
        if (prepared) {
            this.checkRange(textDocument.uri, 'range' in prepared ? prepared.range as RangeLike : prepared, 'prepared rename range');
        }
        const edit = await provider.rename(document, { textDocument, position, newName: NEW_NAME }, CancellationToken.None);
        this.checkWorkspaceEdit(edit, `rename at ${position.line}:${position.character}`);
    }

    private async checkCallHierarchy(document: LangiumDocument, position: Position): Promise<void> {
        const provider = this.services.lsp.CallHierarchyProvider;
        if (!provider) {
            return;
        }
        const items = await provider.prepareCallHierarchy(document, { textDocument: { uri: document.uri.toString() }, position }, CancellationToken.None);
        const checkItem = (item: CallHierarchyItem, subject: string): void => {
            this.checkRange(item.uri, item.range, `${subject} range`);
            this.checkRange(item.uri, item.selectionRange, `${subject} selection range`);
        };
        for (const item of (items ?? []).slice(0, 2)) {
            checkItem(item, 'call hierarchy item');
            for (const call of await provider.incomingCalls({ item }, CancellationToken.None) ?? []) {
                checkItem(call.from, 'incoming call');
                call.fromRanges.forEach(range => this.checkRange(call.from.uri, range, 'incoming call site'));
            }
            for (const call of await provider.outgoingCalls({ item }, CancellationToken.None) ?? []) {
                checkItem(call.to, 'outgoing call');
                call.fromRanges.forEach(range => this.checkRange(item.uri, range, 'outgoing call site'));
            }
        }
    }

    private async checkSymbols(document: LangiumDocument): Promise<void> {
        const symbols = await this.services.lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument: { uri: document.uri.toString() } }, CancellationToken.None);
        const uri = document.uri.toString();
        const visit = (symbol: DocumentSymbol): void => {
            this.checkRange(uri, symbol.range, `symbol ${preview(symbol.name, 40)} range`);
            this.checkRange(uri, symbol.selectionRange, `symbol ${preview(symbol.name, 40)} selection range`);
            if (!containsRange(symbol.range, symbol.selectionRange)) {
                // VS Code rejects the whole response when one selection range is not inside its range.
                this.fail('symbol-selection-range', 'symbols',
                    `symbol ${preview(symbol.name, 40)}: selection range ${formatRange(symbol.selectionRange)} is not inside range ${formatRange(symbol.range)}`);
            }
            symbol.children?.forEach(visit);
        };
        symbols?.forEach(visit);
    }

    private async checkWorkspaceSymbols(): Promise<void> {
        const provider = this.services.shared.lsp.WorkspaceSymbolProvider;
        for (const query of ['', 'a']) {
            for (const symbol of await provider?.getSymbols({ query }, CancellationToken.None) ?? []) {
                if ('range' in symbol.location) {
                    this.checkRange(symbol.location.uri, symbol.location.range, `workspace symbol ${preview(symbol.name, 40)}`);
                }
            }
        }
    }

    private async checkFolding(document: LangiumDocument): Promise<void> {
        const ranges = await this.services.lsp.FoldingRangeProvider?.getFoldingRanges(document, { textDocument: { uri: document.uri.toString() } }, CancellationToken.None);
        const table = this.lineTables.get(document.uri.toString())!;
        for (const range of ranges ?? []) {
            if (!(Number.isInteger(range.startLine) && Number.isInteger(range.endLine) && range.startLine >= 0 && range.startLine <= range.endLine && range.endLine < table.lineCount)) {
                this.fail('range-folding', 'folding', `folding range ${range.startLine}-${range.endLine} is outside lines 0..${table.lineCount - 1} or reversed`);
            }
        }
    }

    private async checkSemanticTokens(document: LangiumDocument): Promise<void> {
        const tokens = await this.services.lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } }, CancellationToken.None);
        const data = tokens?.data ?? [];
        const table = this.lineTables.get(document.uri.toString())!;
        if (data.length % 5 !== 0) {
            this.fail('range-semantic-tokens', 'semantic-tokens', `token data has ${data.length} integers, not a multiple of 5`);
            return;
        }
        let line = 0;
        let character = 0;
        for (let index = 0; index < data.length; index += 5) {
            const [deltaLine, deltaStart, length] = [data[index], data[index + 1], data[index + 2]];
            line += deltaLine;
            character = deltaLine === 0 ? character + deltaStart : deltaStart;
            const lineLength = table.lengths[line];
            // LSP 3.17 lets a token's length run past the end of its line (clients cut it there),
            // which Langium 4.4 does for strings that span lines, so only the start must lie in the line.
            if (deltaLine < 0 || deltaStart < 0 || length < 0 || lineLength === undefined || character > lineLength) {
                this.fail('range-semantic-tokens', 'semantic-tokens',
                    `token ${index / 5} at ${line}:${character} of length ${length} starts outside its line (length ${lineLength ?? 'none'})`);
                return;
            }
        }
    }

    private async checkCodeActions(document: LangiumDocument): Promise<void> {
        const provider = this.services.lsp.CodeActionProvider;
        const uri = document.uri.toString();
        for (const diagnostic of (document.diagnostics ?? []).slice(0, 20)) {
            const actions = await provider?.getCodeActions(document, {
                textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] }
            }, CancellationToken.None);
            for (const action of actions ?? []) {
                if ('edit' in action) {
                    this.checkWorkspaceEdit(action.edit, `code action ${preview(action.title, 60)}`);
                }
            }
        }
    }

    private async checkCodeLens(document: LangiumDocument): Promise<void> {
        const lenses = await this.services.lsp.CodeLensProvider?.provideCodeLens(document, { textDocument: { uri: document.uri.toString() } }, CancellationToken.None);
        for (const lens of lenses ?? []) {
            this.checkRange(document.uri.toString(), lens.range, `code lens ${preview(lens.command?.title ?? '', 40)}`);
        }
    }

    private async checkLinks(document: LangiumDocument): Promise<void> {
        const links = await this.services.lsp.DocumentLinkProvider?.getDocumentLinks(document, { textDocument: { uri: document.uri.toString() } }, CancellationToken.None);
        for (const link of links ?? []) {
            this.checkRange(document.uri.toString(), link.range, 'document link');
            // A link target is opened on click; only web addresses may come from model text.
            if (link.target !== undefined && !/^https?:\/\//.test(link.target)) {
                this.fail('link-target', 'links', `document link target ${preview(link.target)} is not an http(s) URL`);
            }
        }
    }

    /**
     * Formats the document and, when it has no syntax errors, checks that formatting changed
     * whitespace only, kept every comment, left no syntax error and is idempotent.
     */
    private async checkFormatting(document: LangiumDocument): Promise<void> {
        const formatter = this.services.lsp.Formatter;
        if (!formatter) {
            return;
        }
        const uri = document.uri.toString();
        const edits = await formatter.formatDocument(document, { textDocument: { uri }, options: FORMATTING_OPTIONS }, CancellationToken.None);
        const formatted = this.checkEdits(uri, edits, 'formatting edit');
        const parse = document.parseResult;
        if (formatted === undefined || parse.lexerErrors.length > 0 || parse.parserErrors.length > 0) {
            return;
        }
        const original = document.textDocument.getText();
        const before = this.lex(original);
        const after = this.lex(formatted);
        if (before.tokens.join('\u0000') !== after.tokens.join('\u0000')) {
            const index = before.tokens.findIndex((token, position) => token !== after.tokens[position]);
            this.fail('format-tokens', 'formatting',
                `formatting changed token ${index} from ${preview(before.tokens[index] ?? '(none)', 40)} to ${preview(after.tokens[index] ?? '(none)', 40)}`);
        }
        const lostComments = missingItems(before.comments, after.comments);
        if (lostComments.length > 0 || before.comments.length !== after.comments.length) {
            this.fail('format-comments', 'formatting',
                `formatting changed the comments from ${before.comments.length} to ${after.comments.length}; missing: ${lostComments.map(comment => preview(comment, 60)).join(', ')}`);
        }

        const formattedDocument = this.services.shared.workspace.LangiumDocumentFactory.fromString(formatted, fuzzUri('formatted.mlarch'));
        const reparsed = formattedDocument.parseResult;
        if (reparsed.lexerErrors.length > 0 || reparsed.parserErrors.length > 0) {
            const error = reparsed.lexerErrors[0]?.message ?? reparsed.parserErrors[0]?.message;
            this.fail('format-syntax', 'formatting', `the formatted text has a syntax error: ${error}`);
            return;
        }
        const again = await formatter.formatDocument(formattedDocument, { textDocument: { uri: formattedDocument.uri.toString() }, options: FORMATTING_OPTIONS }, CancellationToken.None);
        const twice = TextDocument.applyEdits(formattedDocument.textDocument, again);
        if (twice !== formatted) {
            const offset = firstDifference(formatted, twice);
            this.fail('format-not-idempotent', 'formatting',
                `formatting the formatted text changes it at offset ${offset}: ${preview(formatted.slice(offset, offset + 40))} becomes ${preview(twice.slice(offset, offset + 40))}`);
        }
    }

    private async checkRangeFormatting(document: LangiumDocument): Promise<void> {
        const formatter = this.services.lsp.Formatter;
        const offsets = this.fuzzCase.offsets;
        if (!formatter || offsets.length < 2) {
            return;
        }
        const uri = document.uri.toString();
        const [from, to] = [Math.min(offsets[0], offsets[1]), Math.max(offsets[0], offsets[1])];
        const range = { start: document.textDocument.positionAt(from), end: document.textDocument.positionAt(to) };
        const edits = await formatter.formatDocumentRange(document, { textDocument: { uri }, range, options: FORMATTING_OPTIONS }, CancellationToken.None);
        this.checkEdits(uri, edits, `range formatting of ${formatRange(range)}`);
    }

    /**
     * Builds every view as the server does, with diagnostics attached. A view with parameters is
     * built without them and again for the first and last of its parameter choices.
     */
    private async checkGraphs(): Promise<void> {
        const documents = this.services.shared.workspace.LangiumDocuments;
        for (const view of VIEW_KINDS) {
            const graph = attachDiagnostics(buildArchitectureGraph(documents.all, view), documents.all);
            this.checkGraph(graph, view);
            const choices = graph.parameterChoices ?? [];
            for (const choice of new Set([choices[0], choices.at(-1)])) {
                if (choice === undefined) {
                    continue;
                }
                const parameters: ViewParameters = view === 'workflows' ? { workflow: choice } : { model: choice, hops: 3 };
                const focused = attachDiagnostics(buildArchitectureGraph(documents.all, view, parameters), documents.all);
                this.checkGraph(focused, `${view} ${JSON.stringify(parameters)}`);
            }
        }
    }

    private checkGraph(graph: ArchitectureGraph, description: string): void {
        const problems = findGraphProblems(graph);
        if (problems.danglingEdges.length > 0) {
            this.fail('graph-dangling-edge', 'graph', `${description}: ${problems.danglingEdges.slice(0, 3).join('; ')}`);
        }
        if (problems.missingParents.length > 0) {
            this.fail('graph-missing-parent', 'graph', `${description}: ${problems.missingParents.slice(0, 3).join('; ')}`);
        }
        if (problems.duplicateNodes.length > 0) {
            this.fail('graph-duplicate-node', 'graph', `${description}: ${problems.duplicateNodes.slice(0, 3).join('; ')}`);
        }
        for (const node of graph.nodes) {
            if (node.source) {
                this.checkRange(node.source.uri, node.source.range, `${description} node ${preview(node.id, 40)} source`);
            }
        }
        // The graph crosses the LSP connection and the webview channel as JSON.
        JSON.stringify(graph);
    }

    /** Returns the images of the non-hidden tokens and the normalised comments of a text. */
    private lex(text: string): { tokens: string[]; comments: string[] } {
        const result = this.services.parser.Lexer.tokenize(text);
        return {
            tokens: result.tokens.map(token => token.image),
            comments: result.hidden
                .filter(token => token.tokenType.name === 'SL_COMMENT' || token.tokenType.name === 'ML_COMMENT')
                .map(token => normaliseComment(token.image))
        };
    }
}

function completionRanges(item: CompletionItem): RangeLike[] {
    const edit = item.textEdit;
    if (!edit) {
        return [];
    }
    return 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
}

function firstDifference(a: string, b: string): number {
    let index = 0;
    while (index < a.length && index < b.length && a[index] === b[index]) {
        index++;
    }
    return index;
}

/** Describes an error or logged value in one line, with the first frames of an error's stack. */
export function describeValue(value: unknown): string {
    if (value instanceof Error) {
        const frames = (value.stack ?? '').split('\n').slice(1, 5).map(frame => frame.trim()).join(' | ');
        return `${value.name}: ${value.message}${frames ? ` (${frames})` : ''}`;
    }
    if (typeof value === 'string') {
        return value;
    }
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}
