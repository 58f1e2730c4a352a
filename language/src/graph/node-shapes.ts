/**
 * Outlines of the node kinds as SVG path data, relative to the node's top-left corner. Each kind
 * has its own silhouette so the diagram reads without colour too. The space an outline takes
 * inside the box is declared in node-content.ts (shapeInsetsOf) and must match these paths.
 */
import type { ElementKind } from './graph-model.js';

export interface NodeOutline {
    /** The filled silhouette. */
    shape: string;
    /** Extra unfilled strokes, e.g. the visible rim of a cylinder. */
    detail?: string;
    /** A filled accent band. */
    band?: string;
}

/** Returns the outline of a leaf node of the given kind and size. */
export function leafOutline(kind: ElementKind, width: number, height: number): NodeOutline {
    const w = round(width);
    const h = round(height);
    switch (kind) {
        case 'datastore':
            return cylinder(w, h);
        case 'stream':
            return pipe(w, h);
        case 'job':
            return { shape: `M0,0 H${w - 12} L${w},${h / 2} L${w - 12},${h} H0 Z` };
        case 'workflow':
            return { shape: `M0,0 H${w - 12} L${w},${h / 2} L${w - 12},${h} H0 L9,${h / 2} Z` };
        case 'dataset':
            return { shape: `M0,0 H${w - 12} L${w},12 V${h} H0 Z`, detail: `M${w - 12},0 V12 H${w}` };
        case 'featuregroup':
            return { shape: roundedRect(w, h, 5), band: `M0,5 A5,5 0 0 1 5,0 H6 V${h} H5 A5,5 0 0 1 0,${h - 5} Z` };
        case 'model':
            return { shape: `M12,0 H${w - 12} L${w},${h / 2} L${w - 12},${h} H12 L0,${h / 2} Z` };
        case 'endpoint':
            return { shape: roundedRect(w, h, Math.min(h / 2, 18)) };
        case 'experiment':
            return { shape: `M8,0 H${w - 8} L${w},8 V${h - 8} L${w - 8},${h} H8 L0,${h - 8} V8 Z` };
        case 'signal':
            return { shape: `M0,0 H${w} L${w - 10},${h / 2} L${w},${h} H0 Z` };
        case 'step':
            return { shape: roundedRect(w, h, 3) };
        default:
            return { shape: roundedRect(w, h, 6) };
    }
}

/** Returns the outline of a compound node. */
export function compoundOutline(width: number, height: number): NodeOutline {
    return { shape: roundedRect(round(width), round(height), 10) };
}

/** Returns the outline `inset` pixels inside the leaf outline, for the double border of stateful jobs. */
export function innerOutline(kind: ElementKind, width: number, height: number, inset: number): string {
    const inner = leafOutline(kind, width - 2 * inset, height - 2 * inset).shape;
    return translatePath(inner, inset, inset);
}

function cylinder(w: number, h: number): NodeOutline {
    const ry = 7;
    const rx = w / 2;
    return {
        shape: `M0,${ry} A${rx},${ry} 0 0 1 ${w},${ry} V${h - ry} A${rx},${ry} 0 0 1 0,${h - ry} Z`,
        detail: `M0,${ry} A${rx},${ry} 0 0 0 ${w},${ry}`
    };
}

function pipe(w: number, h: number): NodeOutline {
    const rx = 7;
    const ry = h / 2;
    return {
        shape: `M${rx},0 H${w - rx} A${rx},${ry} 0 0 1 ${w - rx},${h} H${rx} A${rx},${ry} 0 0 1 ${rx},0 Z`,
        detail: `M${w - rx},0 A${rx},${ry} 0 0 0 ${w - rx},${h}`
    };
}

function roundedRect(w: number, h: number, r: number): string {
    return `M${r},0 H${w - r} A${r},${r} 0 0 1 ${w},${r} V${h - r} A${r},${r} 0 0 1 ${w - r},${h} H${r} `
        + `A${r},${r} 0 0 1 0,${h - r} V${r} A${r},${r} 0 0 1 ${r},0 Z`;
}

/**
 * Moves absolute path data that uses only the commands of this file (M, L, H, V, A and Z, with
 * comma-separated coordinate pairs) by (dx, dy).
 */
function translatePath(path: string, dx: number, dy: number): string {
    return path
        .replace(/([ML]) ?(-?[\d.]+),(-?[\d.]+)/g, (_, command: string, x: string, y: string) => `${command}${round(+x + dx)},${round(+y + dy)}`)
        .replace(/H(-?[\d.]+)/g, (_, x: string) => `H${round(+x + dx)}`)
        .replace(/V(-?[\d.]+)/g, (_, y: string) => `V${round(+y + dy)}`)
        .replace(/(A[\d.]+,[\d.]+ \d \d \d) (-?[\d.]+),(-?[\d.]+)/g,
            (_, arc: string, x: string, y: string) => `${arc} ${round(+x + dx)},${round(+y + dy)}`);
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}

export type BoxSide = 'left' | 'right' | 'top' | 'bottom';

/**
 * Returns how far inside the node box the outline lies on the given side, at `offset` along
 * that side (from the top for left and right, from the left for top and bottom). ELK attaches
 * edges to the bounding box, so edge ends move inwards by this distance to touch the outline.
 */
export function outlineInset(kind: ElementKind, width: number, height: number, side: BoxSide, offset: number): number {
    const vertical = side === 'left' || side === 'right';
    const half = (vertical ? height : width) / 2;
    const fromCenter = Math.min(Math.abs(offset - half), half);
    switch (kind) {
        case 'job':
            return side === 'right' ? 12 * fromCenter / half : 0;
        case 'workflow':
            if (side === 'right') {
                return 12 * fromCenter / half;
            }
            return side === 'left' ? 9 * (1 - fromCenter / half) : 0;
        case 'model':
            return vertical ? 12 * fromCenter / half : 0;
        case 'stream':
            return vertical ? ellipseInset(7, half, fromCenter) : 0;
        case 'datastore':
            return vertical ? 0 : ellipseInset(7, half, fromCenter);
        case 'endpoint': {
            return cornerInset(Math.min(height / 2, 18), half, fromCenter);
        }
        case 'experiment':
            return Math.max(0, fromCenter - (half - 8));
        case 'signal':
            return side === 'right' ? 10 * (1 - fromCenter / half) : 0;
        case 'dataset':
            if (side === 'right') {
                return Math.max(0, 12 - offset);
            }
            return side === 'top' ? Math.max(0, offset - (width - 12)) : 0;
        default:
            return 0;
    }
}

/** Inset of an ellipse cap with radius `depth` across the side and `half` along it. */
function ellipseInset(depth: number, half: number, fromCenter: number): number {
    const ratio = Math.min(1, fromCenter / half);
    return depth * (1 - Math.sqrt(1 - ratio * ratio));
}

/** Inset of a rounded corner of the given radius, for a side whose half length is `half`. */
function cornerInset(radius: number, half: number, fromCenter: number): number {
    const intoCorner = fromCenter - (half - radius);
    if (intoCorner <= 0) {
        return 0;
    }
    return radius - Math.sqrt(Math.max(0, radius * radius - intoCorner * intoCorner));
}
