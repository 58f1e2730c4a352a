import { AstUtils, GrammarAST } from 'langium';
import type { MetadataField } from '../workspace/metadata-policy.js';

/** A snippet that inserts a whole declaration, in LSP snippet syntax with tab stops. */
export interface ConstructSnippet {
    /** The declaring keyword, which is also the completion label. */
    keyword: string;
    detail: string;
    body: string;
}

/** The order of model metadata in the snippet, as the examples write it. */
const MODEL_FIELD_ORDER: readonly MetadataField[] = ['owner', 'task', 'framework', 'version', 'status', 'serving', 'training-data', 'baseline'];

/**
 * Builds the declaration snippets. Choice lists (`task`, `status`, `serving`, `mode`) come from
 * the grammar's value rules, so they list exactly the values the parser accepts.
 */
export class ConstructSnippets {

    constructor(private readonly grammar: GrammarAST.Grammar) { }

    /**
     * Returns the snippet for the keyword that starts a model, workflow, experiment or job, or
     * undefined for any other keyword. The model snippet has every field the policy requires.
     */
    forKeyword(keyword: GrammarAST.Keyword, requiredFields: ReadonlySet<MetadataField>): ConstructSnippet | undefined {
        const ruleName = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
        switch (`${ruleName} ${keyword.value}`) {
            case 'Model model': return this.model(requiredFields);
            case 'Workflow workflow': return WORKFLOW_SNIPPET;
            case 'Experiment experiment': return EXPERIMENT_SNIPPET;
            case 'Job job': return this.job();
            default: return undefined;
        }
    }

    private model(requiredFields: ReadonlySet<MetadataField>): ConstructSnippet {
        const lines = ['model ${1:Name} "${2:Title}" {'];
        let tabStop = 3;
        for (const field of MODEL_FIELD_ORDER.filter(field => requiredFields.has(field))) {
            const line = this.modelFieldLine(field, tabStop);
            lines.push(`    ${line.text}`);
            tabStop += line.tabStops;
        }
        lines.push('}$0');
        return { keyword: 'model', detail: 'Model with the required metadata', body: lines.join('\n') };
    }

    private modelFieldLine(field: MetadataField, tabStop: number): { text: string; tabStops: number } {
        switch (field) {
            case 'owner': return { text: `owner "\${${tabStop}:Team}"`, tabStops: 1 };
            case 'task': return { text: `task ${this.choice(tabStop, 'ModelTask')}`, tabStops: 1 };
            case 'framework': return { text: `framework "\${${tabStop}:PyTorch}"`, tabStops: 1 };
            case 'version': return { text: `version "\${${tabStop}:1.0}"`, tabStops: 1 };
            case 'status': return { text: `status ${this.choice(tabStop, 'LifecycleStatus')}`, tabStops: 1 };
            case 'serving': return { text: `serving ${this.choice(tabStop, 'ServingMode')}`, tabStops: 1 };
            case 'training-data': return { text: `trained on \${${tabStop}:TrainingData}`, tabStops: 1 };
            case 'baseline': return { text: `baseline \${${tabStop}:accuracy} \${${tabStop + 1}:0.9} alert \${${tabStop + 2}:0.8}`, tabStops: 3 };
        }
    }

    private job(): ConstructSnippet {
        const body = [
            'job ${1:Name} "${2:Title}" {',
            `    mode ${this.choice(3, 'ProcessingMode')}`,
            '    engine "${4:Apache Flink}"',
            '    state stateful {',
            '        backend "${5:RocksDB}"',
            '        checkpointing "${6:every 60 s}"',
            '    }',
            '    reads ${7:Source}',
            '    writes ${8:Sink}',
            '}$0'
        ].join('\n');
        return { keyword: 'job', detail: 'Stateful job with backend and checkpointing', body };
    }

    /** Returns a choice placeholder with the keywords of a value rule such as `LifecycleStatus`. */
    private choice(tabStop: number, ruleName: string): string {
        const rule = this.grammar.rules.find(candidate => candidate.name === ruleName);
        const values = rule
            ? AstUtils.streamAllContents(rule).filter(GrammarAST.isKeyword).map(keyword => keyword.value).toArray()
            : [];
        return values.length > 0 ? `\${${tabStop}|${values.join(',')}|}` : `\${${tabStop}:${ruleName}}`;
    }
}

const WORKFLOW_SNIPPET: ConstructSnippet = {
    keyword: 'workflow',
    detail: 'Workflow with a start and an end step',
    body: [
        'workflow ${1:name} "${2:Title}" {',
        '    owner "${3:Team}"',
        '    trigger schedule "${4:daily}"',
        '',
        '    step ${5:start} -> ${6:finish}',
        '    step ${6:finish}',
        '}$0'
    ].join('\n')
};

const EXPERIMENT_SNIPPET: ConstructSnippet = {
    keyword: 'experiment',
    detail: 'A/B experiment with two variants at 50 %',
    body: [
        'experiment ${1:Name} "${2:Title}" {',
        '    variant ${3:control} model ${4:Model} traffic 50%',
        '    variant ${5:treatment} model ${6:Model} traffic 50%',
        '    metrics ${7:click_rate}',
        '    decision ${7:click_rate} rule "${8:Decision rule}"',
        '}$0'
    ].join('\n')
};

/** Returns the text a snippet inserts when every placeholder keeps its default, for the completion documentation. */
export function snippetPreview(body: string): string {
    return body
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
        .replace(/\$\d+/g, '');
}
