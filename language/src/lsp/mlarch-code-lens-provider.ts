import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Command } from 'vscode-languageserver';
import { isJob, isModel, type Job, type Model } from '../generated/ast.js';
import type { MlArchServices } from '../mlarch-module.js';
import { qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import { distinctEnds, type ElementLineage, type LineageEdge } from '../workspace/element-lineage.js';
import { nameLocationOf } from './element-location.js';
import {
    readClientCommands, SHOW_DEPENDENCIES_COMMAND, SHOW_REFERENCES_COMMAND,
    type DependencyKind, type ShowDependenciesArguments
} from './show-dependencies-command.js';

interface LensSpec {
    kind: DependencyKind;
    elements: NamedElement[];
    /** Singular and plural noun after the count. */
    noun: [string, string];
}

/**
 * Shows code lenses above each model and job: how many elements lie upstream and downstream of
 * it in the lineage graph and, for a model, how many endpoints serve it and how many experiments
 * use it. Clicking a lens lists those elements in a peek view.
 */
export class MlArchCodeLensProvider implements CodeLensProvider {

    protected readonly lineage: ElementLineage;
    /** Client commands that the language client declared in its initialization options. */
    protected clientCommands = new Set<string>();

    constructor(services: MlArchServices) {
        this.lineage = services.workspace.Lineage;
        services.shared.lsp.LanguageServer.onInitialize(params => {
            this.clientCommands = readClientCommands(params.initializationOptions);
        });
    }

    provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
            if ((isModel(node) || isJob(node)) && node.name) {
                lenses.push(...this.lensesFor(node));
            }
        }
        return lenses;
    }

    protected lensesFor(element: Model | Job): CodeLens[] {
        const location = nameLocationOf(element);
        if (!location) {
            return [];
        }
        const upstream = this.lineage.upstreamOf(element);
        const downstream = this.lineage.downstreamOf(element);
        const specs: LensSpec[] = [
            { kind: 'upstream', elements: distinctEnds(upstream, 'upstream'), noun: ['upstream', 'upstream'] },
            { kind: 'downstream', elements: distinctEnds(downstream, 'downstream'), noun: ['downstream', 'downstream'] }
        ];
        if (isModel(element)) {
            specs.push(
                { kind: 'endpoints', elements: distinctEnds(downstream.filter(isRelation('serves')), 'downstream'), noun: ['endpoint', 'endpoints'] },
                { kind: 'experiments', elements: distinctEnds(downstream.filter(isRelation('experiment')), 'downstream'), noun: ['experiment', 'experiments'] }
            );
        }

        return specs.map(spec => {
            const title = `${spec.elements.length} ${spec.elements.length === 1 ? spec.noun[0] : spec.noun[1]}`;
            const args: ShowDependenciesArguments = {
                qualifiedName: qualifiedNameOf(element),
                elementKind: isModel(element) ? 'model' : element.kind,
                dependencyKind: spec.kind,
                uri: location.uri,
                position: location.range.start,
                locations: spec.elements.map(nameLocationOf).filter(found => found !== undefined)
            };
            return { range: location.range, command: this.commandFor(title, args) };
        });
    }

    /** Uses the MLArch client command when the client declared it, VS Code's peek command otherwise. */
    protected commandFor(title: string, args: ShowDependenciesArguments): Command {
        if (this.clientCommands.has(SHOW_DEPENDENCIES_COMMAND)) {
            return { title, command: SHOW_DEPENDENCIES_COMMAND, arguments: [args] };
        }
        return { title, command: SHOW_REFERENCES_COMMAND, arguments: [args.uri, args.position, args.locations] };
    }
}

function isRelation(relation: LineageEdge['relation']): (edge: LineageEdge) => boolean {
    return edge => edge.relation === relation;
}
