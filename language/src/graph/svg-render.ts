/**
 * Renders a laid-out graph to an abstract SVG element tree, which the webview turns into DOM
 * nodes and the command line serialises to a standalone file. Pure: no DOM and no vscode.
 *
 * Contract with the preview and its tests: every node is a `<g>` with `data-id` (the node id)
 * and `class="node kind-<kind>"`, plus `focus` on the node the view centres on. A node with
 * errors or warnings contains a `<g class="diagnostic-badge severity-…">` whose `<title>` lists
 * them. Every edge is a `<g class="edge …">` with `data-source`, `data-target` and `data-kind`.
 * Its `<path class="edge-line">` starts on the source's outline and ends on the target's outline.
 */
import { diagramStylesheet, type DiagramPalette, type PaletteColors } from './diagram-style.js';
import { BACK_EDGE_KINDS, type EdgeKind, type NodeDiagnostics, type ViewKind } from './graph-model.js';
import type { LaidOutEdge, LaidOutGraph, LaidOutNode, Point } from './layout.js';
import { TEXT_STYLES, type PlacedBadge, type PlacedText } from './node-content.js';
import { compoundOutline, innerOutline, leafOutline, outlineInset, type BoxSide } from './node-shapes.js';
import { DIAGRAM_FONT_FAMILY } from './text-metrics.js';

export interface SvgElement {
    tag: string;
    attributes: Record<string, string>;
    children: SvgElement[];
    /** Text content, written before the children. */
    text?: string;
}

export interface RenderOptions {
    palette: DiagramPalette;
    /** Colours of the print palette in place of its light defaults, such as the preview's theme colours. */
    colors?: PaletteColors;
    /** Whether to put the stylesheet into the SVG as a `<style>` element. Default: true. */
    embedStyle?: boolean;
    /** Whether nodes are focusable buttons, for the preview. Default: false. */
    interactive?: boolean;
    /** Whether to draw the error and warning badges of nodes that carry diagnostics. Default: true. */
    diagnostics?: boolean;
}

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** Edge styles that have their own line pattern and arrowhead. */
type EdgeStyle = 'normal' | 'back' | 'experiment' | 'signal' | 'store';

const EDGE_STYLES: readonly EdgeStyle[] = ['normal', 'back', 'experiment', 'signal', 'store'];

/** Blank space around the drawing. */
const MARGIN = 8;

/** Radius of the rounded corners of edge routes. */
const CORNER_RADIUS = 6;

const VIEW_TITLES: Readonly<Record<ViewKind, string>> = {
    'building-blocks': 'building blocks',
    lineage: 'lineage',
    'model-dependencies': 'model dependency',
    workflows: 'workflow'
};

/** Radius of the circle of a diagnostic badge. */
const DIAGNOSTIC_BADGE_RADIUS = 8;

/** Renders the graph as an `<svg>` element tree: compound nodes, then edges, then leaf nodes and edge labels on top. */
export function renderSvg(layout: LaidOutGraph, options: RenderOptions): SvgElement {
    const width = Math.ceil(layout.width + 2 * MARGIN);
    const height = Math.ceil(layout.height + 2 * MARGIN);
    const classes = ['mlarch-diagram', `view-${layout.view}`, `palette-${options.palette}`];
    if (options.interactive) {
        classes.push('interactive');
    }

    const root = element('svg', {
        xmlns: SVG_NAMESPACE,
        class: classes.join(' '),
        viewBox: `${-MARGIN} ${-MARGIN} ${width} ${height}`,
        width: String(width),
        height: String(height),
        'font-family': DIAGRAM_FONT_FAMILY,
        role: 'img'
    });
    root.children.push(element('title', {}, [], viewTitleOf(layout)));
    if (options.embedStyle ?? true) {
        root.children.push(element('style', {}, [], diagramStylesheet(options.palette, options.colors)));
    }
    root.children.push(renderMarkers());

    const nodesById = new Map(layout.nodes.map(node => [node.node.id, node]));
    const nodeOptions: NodeRenderOptions = { ...options, focus: layout.focus };
    const compounds = layout.nodes.filter(node => node.compound);
    const leaves = layout.nodes.filter(node => !node.compound);
    root.children.push(
        element('g', { class: 'compounds' }, compounds.map(node => renderNode(node, nodeOptions))),
        element('g', { class: 'edges' }, layout.edges.map(edge => renderEdge(edge, nodesById))),
        element('g', { class: 'leaves' }, leaves.map(node => renderNode(node, nodeOptions))),
        element('g', { class: 'edge-labels' }, layout.edges.flatMap(renderEdgeLabel))
    );
    return root;
}

/** Returns the title of the drawing, e.g. "MLArch model dependency view of Ranker (2 hops)". */
function viewTitleOf(layout: LaidOutGraph): string {
    const title = `MLArch ${VIEW_TITLES[layout.view]} view`;
    if (layout.view === 'model-dependencies' && layout.focus !== undefined) {
        const hops = layout.parameters?.hops;
        return hops === undefined ? `${title} of ${layout.focus}` : `${title} of ${layout.focus} (${hops} ${hops === 1 ? 'hop' : 'hops'})`;
    }
    if (layout.view === 'workflows' && layout.focus !== undefined) {
        return `${title} of ${layout.focus}`;
    }
    return title;
}

/** Renders the graph as a standalone SVG document in the print palette. */
export function renderStandaloneSvg(layout: LaidOutGraph): string {
    return serializeSvg(renderSvg(layout, { palette: 'print' }));
}

/**
 * Writes the tree as SVG markup with an XML declaration. Every attribute value and text is
 * XML-escaped, so model text cannot open elements or end attributes.
 */
export function serializeSvg(tree: SvgElement): string {
    const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
    writeElement(tree, parts, 0);
    return parts.join('');
}

/** Escapes the five XML special characters, plus line breaks so attribute values survive normalisation. */
export function escapeXml(value: string): string {
    return value.replace(/[&<>"'\r\n\t]/g, character => XML_ESCAPES[character]);
}

const XML_ESCAPES: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    '\'': '&apos;',
    '\r': '&#13;',
    '\n': '&#10;',
    '\t': '&#9;'
};

function writeElement(node: SvgElement, parts: string[], depth: number): void {
    const indent = '  '.repeat(depth);
    const tag = checkedName(node.tag);
    const attributes = Object.entries(node.attributes)
        .map(([name, value]) => ` ${checkedName(name)}="${escapeXml(value)}"`)
        .join('');
    if (node.text === undefined && node.children.length === 0) {
        parts.push(`${indent}<${tag}${attributes}/>\n`);
        return;
    }
    if (node.children.length === 0) {
        parts.push(`${indent}<${tag}${attributes}>${escapeText(node.text ?? '')}</${tag}>\n`);
        return;
    }
    parts.push(`${indent}<${tag}${attributes}>`);
    if (node.text !== undefined) {
        parts.push(escapeText(node.text));
    }
    parts.push('\n');
    for (const child of node.children) {
        writeElement(child, parts, depth + 1);
    }
    parts.push(`${indent}</${tag}>\n`);
}

/** Escapes element text. Line breaks stay literal, so a stylesheet or tooltip keeps its lines. */
function escapeText(value: string): string {
    return value.replace(/[&<>]/g, character => XML_ESCAPES[character]);
}

/** Checks a tag or attribute name. Names come from this module and never from the model, and this guards that contract. */
function checkedName(name: string): string {
    if (!/^[A-Za-z][\w:.-]*$/.test(name)) {
        throw new Error(`Invalid SVG element or attribute name: ${JSON.stringify(name)}.`);
    }
    return name;
}

function element(tag: string, attributes: Record<string, string>, children: SvgElement[] = [], text?: string): SvgElement {
    const result: SvgElement = { tag, attributes, children };
    if (text !== undefined) {
        result.text = text;
    }
    return result;
}

function renderMarkers(): SvgElement {
    return element('defs', {}, EDGE_STYLES.map(style => element('marker', {
        id: markerId(style),
        viewBox: '0 0 10 10',
        refX: '9.5',
        refY: '5',
        markerWidth: '9',
        markerHeight: '9',
        markerUnits: 'userSpaceOnUse',
        orient: 'auto'
    }, [element('path', { class: `marker-${style}`, d: 'M0,0.5 L10,5 L0,9.5 L2.5,5 Z' })])));
}

function markerId(style: EdgeStyle): string {
    return `mlarch-arrow-${style}`;
}

interface NodeRenderOptions extends RenderOptions {
    /** Id of the node the view centres on. */
    focus: string | undefined;
}

function renderNode(laidOut: LaidOutNode, options: NodeRenderOptions): SvgElement {
    const { node, content, width, height } = laidOut;
    const classes = ['node', `kind-${node.kind}`];
    if (laidOut.compound) {
        classes.push('compound');
    }
    const stateful = !laidOut.compound && node.details.state === 'stateful';
    if (stateful) {
        classes.push('stateful');
    }
    if (options.focus === node.id) {
        classes.push('focus');
    }

    const attributes: Record<string, string> = {
        class: classes.join(' '),
        'data-id': node.id,
        transform: `translate(${round(laidOut.x)} ${round(laidOut.y)})`
    };
    if (options.interactive) {
        attributes.tabindex = '0';
        attributes.role = 'button';
        attributes['aria-label'] = `${node.label}, ${node.kind}`;
    }

    const children: SvgElement[] = [element('title', {}, [], content.tooltip)];
    const outline = laidOut.compound ? compoundOutline(width, height) : leafOutline(node.kind, width, height);
    children.push(element('path', { class: 'node-shape', d: outline.shape }));
    if (outline.band) {
        children.push(element('path', { class: 'node-band', d: outline.band }));
    }
    if (outline.detail) {
        children.push(element('path', { class: 'node-detail', d: outline.detail }));
    }
    if (stateful) {
        children.push(element('path', { class: 'node-inner', d: innerOutline(node.kind, width, height, 3.5) }));
    }
    children.push(...content.texts.map(renderText));
    children.push(...content.badges.map(renderBadge));
    if (node.diagnostics && (options.diagnostics ?? true)) {
        const badge = renderDiagnosticBadge(node.diagnostics, width);
        if (badge) {
            children.push(badge);
        }
    }
    return element('g', attributes, children);
}

/**
 * Draws a circle with the number of errors and warnings at the node's top-right corner, in the
 * colour of the worst severity. Its `<title>` lists the messages, so hovering it shows them.
 */
function renderDiagnosticBadge(diagnostics: NodeDiagnostics, width: number): SvgElement | undefined {
    const total = diagnostics.errors + diagnostics.warnings;
    if (total === 0) {
        return undefined;
    }
    const severity = diagnostics.errors > 0 ? 'error' : 'warning';
    const counts = [
        diagnostics.errors > 0 ? `${diagnostics.errors} ${diagnostics.errors === 1 ? 'error' : 'errors'}` : undefined,
        diagnostics.warnings > 0 ? `${diagnostics.warnings} ${diagnostics.warnings === 1 ? 'warning' : 'warnings'}` : undefined
    ].filter(text => text !== undefined).join(', ');
    const lines = [counts, ...diagnostics.messages.map(item => `${item.severity === 'error' ? 'Error' : 'Warning'} (line ${item.line + 1}): ${item.message}`)];
    const omitted = total - diagnostics.messages.length;
    if (omitted > 0) {
        lines.push(`… and ${omitted} more`);
    }
    const label = total > 99 ? '99+' : String(total);
    const cx = round(width - 2);
    const cy = 2;
    return element('g', { class: `diagnostic-badge severity-${severity}`, 'data-errors': String(diagnostics.errors), 'data-warnings': String(diagnostics.warnings) }, [
        element('title', {}, [], lines.join('\n')),
        element('circle', { cx: String(cx), cy: String(cy), r: String(label.length > 2 ? DIAGNOSTIC_BADGE_RADIUS + 3 : DIAGNOSTIC_BADGE_RADIUS) }),
        element('text', {
            x: String(cx),
            y: String(round(cy + TEXT_STYLES.badge.size * 0.35)),
            'text-anchor': 'middle',
            'font-size': String(TEXT_STYLES.badge.size),
            'font-weight': '700'
        }, [], label)
    ]);
}

function renderText(text: PlacedText): SvgElement {
    const style = TEXT_STYLES[text.role];
    const attributes: Record<string, string> = {
        class: `t-${text.role}`,
        x: String(round(text.x)),
        y: String(round(text.y)),
        'font-size': String(style.size)
    };
    if (style.bold) {
        attributes['font-weight'] = '600';
    }
    if (style.letterSpacing) {
        attributes['letter-spacing'] = `${style.letterSpacing}em`;
    }
    return element('text', attributes, [], text.text);
}

function renderBadge(badge: PlacedBadge): SvgElement {
    const style = TEXT_STYLES.badge;
    return element('g', { class: `badge tone-${badge.tone}` }, [
        element('rect', {
            class: 'badge-box',
            x: String(round(badge.x)),
            y: String(round(badge.y)),
            width: String(round(badge.width)),
            height: String(badge.height),
            rx: String(badge.height / 2)
        }),
        element('text', {
            x: String(round(badge.x + badge.width / 2)),
            y: String(round(badge.y + badge.height / 2 + style.size * 0.35)),
            'text-anchor': 'middle',
            'font-size': String(style.size),
            'font-weight': '600'
        }, [], badge.text)
    ]);
}

function renderEdge(laidOut: LaidOutEdge, nodesById: Map<string, LaidOutNode>): SvgElement {
    const { edge } = laidOut;
    const style = edgeStyleOf(edge.kind);
    const classes = ['edge', `kind-${edge.kind}`];
    if (style !== 'normal') {
        classes.push(style);
    }
    const tooltip = edge.label ? `${edge.source} ${edge.kind} ${edge.target}: ${edge.label}` : `${edge.source} ${edge.kind} ${edge.target}`;
    return element('g', {
        class: classes.join(' '),
        'data-id': `edge:${edge.id}`,
        'data-source': edge.source,
        'data-target': edge.target,
        'data-kind': edge.kind
    }, [
        element('title', {}, [], tooltip),
        element('path', { class: 'edge-line', d: routePath(clipToOutlines(routePoints(laidOut), nodesById.get(edge.source), nodesById.get(edge.target))), 'marker-end': `url(#${markerId(style)})` })
    ]);
}

function renderEdgeLabel(laidOut: LaidOutEdge): SvgElement[] {
    const label = laidOut.label;
    if (!label) {
        return [];
    }
    const style = TEXT_STYLES['edge-label'];
    return [element('g', { class: 'edge-label', 'data-edge': laidOut.edge.id }, [
        element('rect', {
            class: 'edge-label-box',
            x: String(round(label.x)),
            y: String(round(label.y)),
            width: String(round(label.width)),
            height: String(round(label.height)),
            rx: '3'
        }),
        element('text', {
            x: String(round(label.x + label.width / 2)),
            y: String(round(label.y + label.height / 2 + style.size * 0.35)),
            'text-anchor': 'middle',
            'font-size': String(style.size)
        }, [], label.text)
    ])];
}

function edgeStyleOf(kind: EdgeKind): EdgeStyle {
    if (BACK_EDGE_KINDS.has(kind)) {
        return 'back';
    }
    if (kind === 'experiment' || kind === 'signal' || kind === 'store') {
        return kind;
    }
    if (kind === 'emits' || kind === 'after') {
        return 'signal';
    }
    return 'normal';
}

/** Joins the sections of a route into one point list, dropping repeated points. */
function routePoints(laidOut: LaidOutEdge): Point[] {
    const points: Point[] = [];
    for (const section of laidOut.sections) {
        for (const point of [section.start, ...section.bendPoints, section.end]) {
            const last = points[points.length - 1];
            if (!last || Math.abs(last.x - point.x) > 0.01 || Math.abs(last.y - point.y) > 0.01) {
                points.push(point);
            }
        }
    }
    return points;
}

/**
 * Moves the route's end points from the node boxes, where ELK attaches them, onto the drawn
 * outlines: the tip of a hexagon, the curved cap of a pipe. Only ends whose last segment is
 * perpendicular to the box side move, and never past the neighbouring route point.
 */
function clipToOutlines(points: Point[], source: LaidOutNode | undefined, target: LaidOutNode | undefined): Point[] {
    if (points.length < 2) {
        return points;
    }
    const clipped = [...points];
    if (source && !source.compound) {
        clipped[0] = clipEnd(points[0], points[1], source);
    }
    if (target && !target.compound) {
        clipped[points.length - 1] = clipEnd(points[points.length - 1], points[points.length - 2], target);
    }
    return clipped;
}

function clipEnd(end: Point, neighbour: Point, laidOut: LaidOutNode): Point {
    const side = boxSideOf(end, laidOut);
    if (!side) {
        return end;
    }
    const vertical = side === 'left' || side === 'right';
    const perpendicular = vertical ? Math.abs(neighbour.y - end.y) < 0.5 : Math.abs(neighbour.x - end.x) < 0.5;
    if (!perpendicular) {
        return end;
    }
    const offset = vertical ? end.y - laidOut.y : end.x - laidOut.x;
    const room = Math.max(0, distance(end, neighbour) - 1);
    const inset = Math.min(room, outlineInset(laidOut.node.kind, laidOut.width, laidOut.height, side, offset));
    switch (side) {
        case 'left':
            return { x: end.x + inset, y: end.y };
        case 'right':
            return { x: end.x - inset, y: end.y };
        case 'top':
            return { x: end.x, y: end.y + inset };
        case 'bottom':
            return { x: end.x, y: end.y - inset };
    }
}

function boxSideOf(point: Point, box: LaidOutNode): BoxSide | undefined {
    const tolerance = 1.5;
    if (Math.abs(point.x - box.x) <= tolerance) {
        return 'left';
    }
    if (Math.abs(point.x - (box.x + box.width)) <= tolerance) {
        return 'right';
    }
    if (Math.abs(point.y - box.y) <= tolerance) {
        return 'top';
    }
    if (Math.abs(point.y - (box.y + box.height)) <= tolerance) {
        return 'bottom';
    }
    return undefined;
}

/** Draws a polyline with rounded corners; the path starts and ends exactly at the route's end points. */
function routePath(points: Point[]): string {
    if (points.length === 0) {
        return '';
    }
    const commands = [`M${round(points[0].x)},${round(points[0].y)}`];
    for (let index = 1; index < points.length - 1; index++) {
        const previous = points[index - 1];
        const corner = points[index];
        const next = points[index + 1];
        const radius = Math.min(CORNER_RADIUS, distance(previous, corner) / 2, distance(corner, next) / 2);
        const before = towards(corner, previous, radius);
        const after = towards(corner, next, radius);
        commands.push(`L${round(before.x)},${round(before.y)}`, `Q${round(corner.x)},${round(corner.y)} ${round(after.x)},${round(after.y)}`);
    }
    const last = points[points.length - 1];
    commands.push(`L${round(last.x)},${round(last.y)}`);
    return commands.join(' ');
}

function distance(a: Point, b: Point): number {
    return Math.hypot(b.x - a.x, b.y - a.y);
}

/** Returns the point at `length` from `from` in the direction of `to`. */
function towards(from: Point, to: Point, length: number): Point {
    const total = distance(from, to);
    if (total === 0) {
        return from;
    }
    return { x: from.x + (to.x - from.x) * length / total, y: from.y + (to.y - from.y) * length / total };
}

function round(value: number): number {
    return Math.round(value * 100) / 100;
}
