import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import type { SourceLocation } from './graph-model.js';

/** Returns the location of a node's name (or of the whole node when it has no name), for reveal. */
export function sourceLocationOf(node: AstNode): SourceLocation | undefined {
    const cst = GrammarUtils.findNodeForProperty(node.$cstNode, 'name') ?? node.$cstNode;
    if (!cst) {
        return undefined;
    }
    const document = AstUtils.getDocument(node);
    return { uri: document.uri.toString(), range: cst.range };
}
