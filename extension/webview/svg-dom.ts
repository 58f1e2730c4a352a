import { SVG_NAMESPACE, type SvgElement } from '../../language/src/graph/svg-render.js';

/**
 * Builds DOM nodes from an SVG element tree with createElementNS, setAttribute and textContent
 * only, so model text always stays text and never becomes markup.
 */
export function createSvgDom(tree: SvgElement, document: Document): SVGElement {
    const element = document.createElementNS(SVG_NAMESPACE, tree.tag);
    for (const [name, value] of Object.entries(tree.attributes)) {
        // createElementNS already sets the namespace. An xmlns attribute is only for serialised files.
        if (name !== 'xmlns') {
            element.setAttribute(name, value);
        }
    }
    if (tree.text !== undefined) {
        element.textContent = tree.text;
    }
    for (const child of tree.children) {
        element.appendChild(createSvgDom(child, document));
    }
    return element;
}
