/**
 * Measures how much a left-to-right layout changed between two drawings of nearly the same
 * graph: which nodes changed layer, or changed order with another node of their layer. Shared
 * by the layout-stability unit test and the preview's browser test.
 */

export interface PlacedNode {
    id: string;
    /** Enclosing node; nested nodes are compared with their siblings only. */
    parent?: string;
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface LayoutChange {
    /** Nodes of both layouts whose layer or order within the layer changed, sorted. */
    changed: string[];
    /** Number of nodes in both layouts. */
    compared: number;
}

/** Horizontal distance between node centres above which two nodes are in different layers; layers are at least 40 apart. */
const LAYER_GAP = 20;

/**
 * Compares two layouts on the nodes they share. A node changed when its layer index differs.
 * Layers that contain only new nodes are not counted, so a new layer does not shift the others.
 * A node also changed when another node of the same parent and layer, in both layouts, is above
 * it in one and below it in the other.
 */
export function compareLayouts(first: readonly PlacedNode[], second: readonly PlacedNode[]): LayoutChange {
    const secondIds = new Set(second.map(node => node.id));
    const shared = new Set(first.map(node => node.id).filter(id => secondIds.has(id)));
    const layersBefore = layersOf(first, shared);
    const layersAfter = layersOf(second, shared);
    const yBefore = new Map(first.map(node => [node.id, node.y]));
    const yAfter = new Map(second.map(node => [node.id, node.y]));
    const parents = new Map(first.map(node => [node.id, node.parent ?? '']));

    const changed = new Set<string>();
    for (const id of shared) {
        if (layersBefore.get(id) !== layersAfter.get(id)) {
            changed.add(id);
        }
    }
    const ids = [...shared];
    for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
            const a = ids[i];
            const b = ids[j];
            const sameLayer = parents.get(a) === parents.get(b)
                && layersBefore.get(a) === layersBefore.get(b) && layersAfter.get(a) === layersAfter.get(b);
            if (sameLayer && Math.sign(yBefore.get(a)! - yBefore.get(b)!) !== Math.sign(yAfter.get(a)! - yAfter.get(b)!)) {
                changed.add(a);
                changed.add(b);
            }
        }
    }
    return { changed: [...changed].sort(), compared: shared.size };
}

/**
 * Assigns each node a layer index from the horizontal position of its centre. Nested nodes are
 * numbered among the other children of their parent.
 */
function layersOf(nodes: readonly PlacedNode[], ids: ReadonlySet<string>): Map<string, number> {
    const layers = new Map<string, number>();
    const byParent = new Map<string, PlacedNode[]>();
    for (const node of nodes.filter(candidate => ids.has(candidate.id))) {
        const parent = node.parent ?? '';
        byParent.set(parent, [...byParent.get(parent) ?? [], node]);
    }
    for (const siblings of byParent.values()) {
        const sorted = [...siblings].sort((a, b) => (a.x + a.width / 2) - (b.x + b.width / 2));
        let layer = -1;
        let previous = -Infinity;
        for (const node of sorted) {
            const center = node.x + node.width / 2;
            if (center - previous > LAYER_GAP) {
                layer++;
            }
            previous = center;
            layers.set(node.id, layer);
        }
    }
    return layers;
}
