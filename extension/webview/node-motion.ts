/**
 * Moves the nodes of a new drawing from their positions in the previous drawing to their new
 * ones, so that after an edit the eye can follow what moved. Nodes slide with a CSS transition
 * on their transform, new nodes fade in, and edges, whose routes cannot be interpolated, fade in
 * once the nodes have arrived.
 */
import type { Point } from '../../language/src/graph/elk-layout.js';

/** Duration of the slide, in milliseconds. */
export const MOTION_MS = 280;

/** Nodes that moved less than this many diagram units are not animated. */
const MIN_DISTANCE = 0.5;

/**
 * Starts the transition of a freshly inserted drawing. `previous` contains the top-left corners of
 * the nodes in the drawing it replaced. Resolves when the transition has ended, at once when
 * nothing moves or the user asked the system for reduced motion.
 */
export function animateFrom(svg: SVGSVGElement, previous: ReadonlyMap<string, Point>, current: ReadonlyMap<string, Point>): Promise<void> {
    if (previous.size === 0 || matchMedia('(prefers-reduced-motion: reduce)').matches) {
        return Promise.resolve();
    }
    const moving: Array<{ group: SVGGElement; to: Point }> = [];
    const appearing: SVGGElement[] = [];
    for (const group of svg.querySelectorAll<SVGGElement>('g.node[data-id]')) {
        const id = group.dataset.id!;
        const from = previous.get(id);
        const to = current.get(id);
        if (!to) {
            continue;
        }
        if (!from) {
            appearing.push(group);
        } else if (Math.hypot(from.x - to.x, from.y - to.y) > MIN_DISTANCE) {
            // A CSS transform replaces the transform attribute, so it states the whole translation.
            group.style.transform = `translate(${from.x}px, ${from.y}px)`;
            moving.push({ group, to });
        }
    }
    if (moving.length === 0 && appearing.length === 0) {
        return Promise.resolve();
    }

    svg.classList.add('motion-start');
    for (const group of appearing) {
        group.style.opacity = '0';
    }
    // Reading layout commits the start state, so the change below transitions instead of jumping.
    svg.getBoundingClientRect();
    svg.classList.add('motion');
    for (const { group, to } of moving) {
        group.style.transform = `translate(${to.x}px, ${to.y}px)`;
    }
    for (const group of appearing) {
        group.style.opacity = '1';
    }

    return new Promise(resolve => {
        setTimeout(() => {
            svg.classList.remove('motion-start');
            for (const { group } of moving) {
                group.style.removeProperty('transform');
            }
            for (const group of appearing) {
                group.style.removeProperty('opacity');
            }
            // The edges fade in by their own transition; the drawing is final from here on.
            setTimeout(() => svg.classList.remove('motion'), MOTION_MS);
            resolve();
        }, MOTION_MS);
    });
}
