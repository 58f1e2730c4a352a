import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, isLeafCstNode, isReference, type AstNode, type CstNode, type Reference } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isModel, isRelation } from '../generated/ast.js';
import { isNamedElement } from '../references/qualified-names.js';
import { isKeywordToken, ownTokens } from './cst-tokens.js';
import { declarationKindOf } from './declaration-kinds.js';

/** Lifecycle statuses whose models carry the `deprecated` modifier, in declarations and references. */
const DEPRECATED_STATUSES: ReadonlySet<string> = new Set(['deprecated', 'retired']);

/**
 * Classifies the tokens of MLArch documents:
 * - the keyword that declares something (`model`, `job`, `layer`, `step`) and `uses`, `feedback`
 *   and `in` as keyword;
 * - values of enumerations (`production`, `realtime`, `streaming`, `pii`, `stateful`) as enumMember;
 * - every other word keyword, the property keys (`owner`, `task`, `trained on`), as property;
 * - declared names by what they declare (a model as class, a job as function, a signal as
 *   event) with the `declaration` modifier, and each segment of a reference by the kind of the
 *   element it names;
 * - metric names as variable, strings as string, numbers as number, `->` and `%` as operator.
 * Models with status deprecated or retired carry the `deprecated` modifier.
 */
export class MlArchSemanticTokenProvider extends AbstractSemanticTokenProvider {

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        let first = true;
        for (const token of ownTokens(node)) {
            if (isLeafCstNode(token) && !token.hidden) {
                this.highlightLeaf(node, token, first, acceptor);
                first = false;
            }
        }
    }

    private highlightLeaf(node: AstNode, leaf: CstNode, isFirst: boolean, acceptor: SemanticTokenAcceptor): void {
        const source = leaf.grammarSource;
        if (GrammarAST.isKeyword(source)) {
            const type = keywordTokenType(node, source, isFirst);
            if (type) {
                acceptor({ cst: leaf, type });
            }
            return;
        }
        const reference = referenceAt(node, leaf);
        if (reference) {
            this.highlightReferenceSegment(reference, leaf, acceptor);
            return;
        }
        const terminal = GrammarAST.isRuleCall(source) ? source.rule.ref?.name : undefined;
        if (terminal === 'STRING') {
            acceptor({ cst: leaf, type: SemanticTokenTypes.string });
        } else if (terminal === 'NUMBER') {
            acceptor({ cst: leaf, type: SemanticTokenTypes.number });
        } else if (GrammarUtils.findAssignment(leaf)?.feature === 'name') {
            const kind = declarationKindOf(node.$type);
            if (kind) {
                acceptor({ cst: leaf, type: kind.tokenType, modifier: modifiersOf(node, SemanticTokenModifiers.declaration) });
            }
        } else if (terminal === 'ID') {
            acceptor({ cst: leaf, type: SemanticTokenTypes.variable });
        }
    }

    /**
     * Highlights one segment of a reference. In `Netflix.ModelLayer.Ranker` the last segment
     * names the target and each segment before it an enclosing element of the target, because
     * a reference resolves by qualified name only when the segments are the target's enclosing
     * names. Unresolved references get no semantic token.
     */
    private highlightReferenceSegment(reference: Reference, leaf: CstNode, acceptor: SemanticTokenAcceptor): void {
        const target = reference.ref;
        const referenceNode = reference.$refNode;
        if (!target || !referenceNode) {
            return;
        }
        const identifiers = isCompositeCstNode(referenceNode)
            ? referenceNode.content.filter(child => !child.hidden && !isKeywordToken(child, '.'))
            : [referenceNode];
        const fromEnd = identifiers.length - 1 - identifiers.indexOf(leaf);
        const named = enclosingNamedNodes(target)[fromEnd];
        const kind = named ? declarationKindOf(named.$type) : undefined;
        if (kind && named) {
            acceptor({ cst: leaf, type: kind.tokenType, modifier: modifiersOf(named) });
        }
    }
}

function keywordTokenType(node: AstNode, keyword: GrammarAST.Keyword, isFirst: boolean): SemanticTokenTypes | undefined {
    if (!/\p{L}/u.test(keyword.value)) {
        return keyword.value === '->' || keyword.value === '%' ? SemanticTokenTypes.operator : undefined;
    }
    if (isFirst && (declarationKindOf(node.$type) || isRelation(node))) {
        return SemanticTokenTypes.keyword;
    }
    const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
    if (rule && GrammarUtils.isDataTypeRule(rule)) {
        return SemanticTokenTypes.enumMember;
    }
    // A keyword assigned as a value, such as `kind='stateful'`, is an enum value. A flag such as `online?='online'` is a property.
    if (AstUtils.getContainerOfType(keyword, GrammarAST.isAssignment)?.operator === '=') {
        return SemanticTokenTypes.enumMember;
    }
    if (rule?.fragment) {
        return SemanticTokenTypes.keyword;
    }
    return SemanticTokenTypes.property;
}

/** Returns the reference of `node` whose CST contains the leaf. */
function referenceAt(node: AstNode, leaf: CstNode): Reference | undefined {
    const feature = GrammarUtils.findAssignment(leaf)?.feature;
    const value = feature ? (node as unknown as Record<string, unknown>)[feature] : undefined;
    const candidates = Array.isArray(value) ? value : [value];
    return candidates.find((candidate): candidate is Reference =>
        isReference(candidate) && candidate.$refNode !== undefined
        && candidate.$refNode.offset <= leaf.offset && leaf.end <= candidate.$refNode.end);
}

/** Returns the node and the named elements that enclose it, nearest first. */
function enclosingNamedNodes(target: AstNode): AstNode[] {
    const named: AstNode[] = [target];
    for (let container = target.$container; container; container = container.$container) {
        if (isNamedElement(container)) {
            named.push(container);
        }
    }
    return named;
}

function modifiersOf(node: AstNode, ...modifiers: string[]): string[] {
    if (isModel(node) && node.status && DEPRECATED_STATUSES.has(node.status)) {
        return [...modifiers, SemanticTokenModifiers.deprecated];
    }
    return modifiers;
}
