import type { AstNode } from 'langium';
import { MultilineCommentHoverProvider } from 'langium/lsp';
import { elementHoverMarkdown } from './element-hover.js';

/**
 * Shows a summary of the declaration under the cursor, or of the target of the reference under
 * the cursor (Langium's AstNodeHoverProvider resolves both): a model card for a model, the kind,
 * title, doc comment and key properties for every other element. The doc comment is rendered as
 * the Markdown its author wrote; titles and property values are escaped.
 */
export class MlArchHoverProvider extends MultilineCommentHoverProvider {

    protected override getAstNodeHoverContent(node: AstNode): string | undefined {
        const documentation = this.documentationProvider.getDocumentation(node);
        return elementHoverMarkdown(node, documentation) ?? documentation;
    }
}
