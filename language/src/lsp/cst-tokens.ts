import { GrammarAST, isCompositeCstNode, type AstNode, type CstNode } from 'langium';

/**
 * Returns the CST nodes that belong to an AST node itself, in source order: its keywords, names,
 * values and comments, and the composite CST node of each nested declaration (a relation, step
 * or nested element) as a whole. The parts of data type rules and references are returned one
 * token at a time.
 */
export function ownTokens(node: AstNode): CstNode[] {
    const tokens: CstNode[] = [];
    const collect = (cst: CstNode): void => {
        if (isCompositeCstNode(cst) && cst.astNode === node) {
            cst.content.forEach(collect);
        } else {
            tokens.push(cst);
        }
    };
    if (node.$cstNode) {
        collect(node.$cstNode);
    }
    return tokens;
}

/** Returns true when the CST node is the keyword `value`, such as `{`. */
export function isKeywordToken(node: CstNode | undefined, value: string): boolean {
    return node !== undefined && GrammarAST.isKeyword(node.grammarSource) && node.grammarSource.value === value;
}
