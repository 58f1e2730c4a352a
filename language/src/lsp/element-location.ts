import { AstUtils, GrammarUtils, type AstNode, type CstNode } from 'langium';
import type { Location } from 'vscode-languageserver';

/** Returns the syntax node of a declaration's name, or of the whole node when it has no name. */
export function nameNodeOf(node: AstNode): CstNode | undefined {
    return GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode;
}

/** Returns where a declaration's name is written, or undefined for a node without source text. */
export function nameLocationOf(node: AstNode): Location | undefined {
    const nameNode = nameNodeOf(node);
    if (!nameNode) {
        return undefined;
    }
    return { uri: AstUtils.getDocument(node).uri.toString(), range: nameNode.range };
}

/** Returns true when `node` is `ancestor` or lies inside it. */
export function isWithin(node: AstNode, ancestor: AstNode): boolean {
    for (let current: AstNode | undefined = node; current; current = current.$container) {
        if (current === ancestor) {
            return true;
        }
    }
    return false;
}
