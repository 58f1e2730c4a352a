import { AstUtils, GrammarAST, type CstNode } from 'langium';

/**
 * The grammar elements that begin one property or nested declaration of a `{ ... }` block, so
 * that the formatter can put each on its own line. A block body in the MLArch grammar is a
 * repeated choice right after `{`, such as `('owner' owner=STRING | 'trained' 'on' ... |
 * relations+=Relation)*`, or a repeated assignment such as `history+=ModelVersion*`. The first
 * element of each choice starts a line; the rest of it stays on that line. Deriving this from the
 * grammar keeps the formatter in step with grammar changes.
 */
export class BlockLineStarts {
    private readonly starts = new Set<GrammarAST.AbstractElement>();

    constructor(grammar: GrammarAST.Grammar) {
        for (const group of AstUtils.streamAllContents(grammar).filter(GrammarAST.isGroup)) {
            group.elements.forEach((element, index) => {
                const body = group.elements[index + 1];
                if (GrammarAST.isKeyword(element) && element.value === '{' && body) {
                    this.addBody(body);
                }
            });
        }
    }

    /** Returns true when the CST node is the first token or nested declaration of a block property. */
    startsLine(node: CstNode): boolean {
        const source = node.grammarSource;
        if (!source) {
            return false;
        }
        // Tokens and rule calls inside an assignment (`online?='online'`, `relations+=Relation`) count as the assignment.
        return this.starts.has(source) || (GrammarAST.isAssignment(source.$container) && this.starts.has(source.$container));
    }

    private addBody(body: GrammarAST.AbstractElement): void {
        if (GrammarAST.isKeyword(body) && body.value === '}') {
            return;
        }
        this.addFirstElements(body);
    }

    /**
     * Adds the elements that can come first in `element`: the first element of a sequence, each
     * choice of a choice.
     * NOTE: assumes the first element of a sequence is mandatory, as it is in every block of the grammar.
     */
    private addFirstElements(element: GrammarAST.AbstractElement): void {
        if (GrammarAST.isAlternatives(element)) {
            element.elements.forEach(choice => this.addFirstElements(choice));
        } else if (GrammarAST.isGroup(element) && element.elements.length > 0) {
            this.addFirstElements(element.elements[0]);
        } else {
            this.starts.add(element);
        }
    }
}
