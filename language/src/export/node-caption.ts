import type { GraphNode } from '../graph/graph-model.js';
import { captionOf } from '../graph/node-content.js';

/**
 * Returns the second line of a node's label in the text formats (Mermaid, DOT): the kind with the
 * model task or job mode, as in the preview's caption, then the details that the preview shows
 * as badges. Example: `model · ranking · v8.2 · production · realtime`.
 */
export function nodeCaption(node: GraphNode): string {
    const parts = [captionOf(node).toLowerCase()];
    const { version, status, serving, state } = node.details;
    if (version) {
        parts.push(version);
    }
    if (status) {
        parts.push(status);
    }
    if (serving && serving.length > 0) {
        parts.push(serving.join(', '));
    }
    if (state === 'stateful') {
        parts.push(state);
    }
    return parts.join(' · ');
}
