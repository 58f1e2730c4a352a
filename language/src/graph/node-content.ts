/**
 * Content of each diagram node (kind caption, title, technology, badges) and the place of each
 * part inside the node box. Layout takes node sizes from here and the SVG renderer draws the same
 * placed parts, so text never outgrows the box that ELK reserved for it.
 */
import type { ElementKind, GraphNode } from './graph-model.js';
import { estimateTextWidth, truncateText, wrapText, type TextStyle } from './text-metrics.js';

export type TextRole = 'caption' | 'label' | 'detail' | 'header' | 'badge' | 'edge-label';

/** Font of each text role. The renderer writes these sizes into the SVG, so estimates match the drawing. */
export const TEXT_STYLES: Readonly<Record<TextRole, TextStyle>> = {
    caption: { size: 9.5, bold: true, letterSpacing: 0.08 },
    label: { size: 13, bold: true },
    detail: { size: 11 },
    header: { size: 14, bold: true },
    badge: { size: 10, bold: true },
    'edge-label': { size: 10.5 }
};

const LINE_HEIGHT: Readonly<Record<TextRole, number>> = {
    caption: 13,
    label: 17,
    detail: 15,
    header: 18,
    badge: 16,
    'edge-label': 13
};

export type BadgeTone = 'version' | 'status-live' | 'status-trial' | 'status-draft' | 'status-retired' | 'serving' | 'stateful';

export interface PlacedText {
    text: string;
    role: TextRole;
    /** Left end of the text, relative to the node's top-left corner. */
    x: number;
    /** Baseline, relative to the node's top-left corner. */
    y: number;
}

export interface PlacedBadge {
    text: string;
    tone: BadgeTone;
    /** Box relative to the node's top-left corner. */
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface NodeContent {
    /** Size of a leaf node, or minimum size of a compound node (ELK may make it larger). */
    width: number;
    height: number;
    /** Height of a compound node's title area above its children, or 0 for a leaf node. */
    headerHeight: number;
    texts: PlacedText[];
    badges: PlacedBadge[];
    /** Full, untruncated description for the tooltip. */
    tooltip: string;
}

/** Space that a kind's outline takes inside the node box, e.g. the top ellipse of a cylinder. */
export interface ShapeInsets {
    top: number;
    right: number;
    bottom: number;
    left: number;
}

const NO_INSETS: ShapeInsets = { top: 0, right: 0, bottom: 0, left: 0 };

const SHAPE_INSETS: Partial<Record<ElementKind, ShapeInsets>> = {
    datastore: { top: 10, right: 0, bottom: 5, left: 0 },
    stream: { top: 0, right: 14, bottom: 0, left: 4 },
    job: { top: 0, right: 14, bottom: 0, left: 0 },
    workflow: { top: 0, right: 14, bottom: 0, left: 10 },
    dataset: { top: 0, right: 6, bottom: 0, left: 0 },
    featuregroup: { top: 0, right: 0, bottom: 0, left: 6 },
    signal: { top: 0, right: 10, bottom: 0, left: 0 },
    model: { top: 0, right: 12, bottom: 0, left: 12 },
    endpoint: { top: 0, right: 12, bottom: 0, left: 12 },
    experiment: { top: 0, right: 6, bottom: 0, left: 6 }
};

const KIND_CAPTIONS: Readonly<Record<ElementKind, string>> = {
    platform: 'Platform',
    group: 'Group',
    component: 'Component',
    datastore: 'Datastore',
    stream: 'Stream',
    dataset: 'Dataset',
    job: 'Job',
    featurestore: 'Feature store',
    featuregroup: 'Feature group',
    model: 'Model',
    workflow: 'Workflow',
    step: 'Step',
    signal: 'Signal',
    endpoint: 'Endpoint',
    experiment: 'Experiment',
    monitor: 'Monitor'
};

const PADDING_X = 12;
const PADDING_Y = 9;
const MIN_CONTENT_WIDTH = 116;
const MAX_CONTENT_WIDTH = 208;
const MAX_LABEL_LINES = 3;
const BADGE_PADDING_X = 6;
const BADGE_GAP = 4;

/** Padding of a compound node around its children, below the header. */
export const COMPOUND_PADDING = 14;

/** Returns the display name of an element kind, such as "Feature group". */
export function kindCaptionOf(kind: ElementKind): string {
    return KIND_CAPTIONS[kind] ?? kind;
}

export function shapeInsetsOf(kind: ElementKind): ShapeInsets {
    return SHAPE_INSETS[kind] ?? NO_INSETS;
}

/** Returns the small upper-case line above a node's title: its kind, with the job mode or model task. */
export function captionOf(node: GraphNode): string {
    let qualifier: string | undefined;
    if (node.kind === 'job') {
        qualifier = node.details.mode;
    } else if (node.kind === 'model') {
        qualifier = node.details.task;
    }
    const caption = KIND_CAPTIONS[node.kind] ?? node.kind;
    return (qualifier ? `${caption} · ${qualifier}` : caption).toUpperCase();
}

/** Places the caption, title, technology and badges of a leaf node and returns its size. */
export function describeLeafNode(node: GraphNode): NodeContent {
    const insets = shapeInsetsOf(node.kind);
    const caption = truncateText(captionOf(node), TEXT_STYLES.caption, MAX_CONTENT_WIDTH);
    const labelLines = wrapText(node.label, TEXT_STYLES.label, MAX_CONTENT_WIDTH, MAX_LABEL_LINES);
    const detailLine = detailLineOf(node);
    const technology = detailLine ? truncateText(detailLine, TEXT_STYLES.detail, MAX_CONTENT_WIDTH) : undefined;
    const badges = badgesOf(node);

    const badgeWidths = badges.map(badge => estimateTextWidth(badge.text, TEXT_STYLES.badge) + 2 * BADGE_PADDING_X);
    const textWidths = [
        estimateTextWidth(caption, TEXT_STYLES.caption),
        ...labelLines.map(line => estimateTextWidth(line, TEXT_STYLES.label)),
        technology ? estimateTextWidth(technology, TEXT_STYLES.detail) : 0,
        Math.min(MAX_CONTENT_WIDTH, badgeWidths.reduce((sum, width) => sum + width + BADGE_GAP, -BADGE_GAP))
    ];
    const contentWidth = Math.ceil(Math.max(MIN_CONTENT_WIDTH, ...textWidths));
    const left = insets.left + PADDING_X;

    const texts: PlacedText[] = [];
    let y = insets.top + PADDING_Y;
    texts.push({ text: caption, role: 'caption', x: left, y: y + 9 });
    y += LINE_HEIGHT.caption + 1;
    for (const line of labelLines) {
        texts.push({ text: line, role: 'label', x: left, y: y + 13 });
        y += LINE_HEIGHT.label;
    }
    if (technology) {
        texts.push({ text: technology, role: 'detail', x: left, y: y + 11 });
        y += LINE_HEIGHT.detail;
    }

    const placedBadges: PlacedBadge[] = [];
    if (badges.length > 0) {
        y += 5;
        let x = left;
        badges.forEach((badge, index) => {
            const width = Math.min(badgeWidths[index], contentWidth);
            if (x > left && x + width > left + contentWidth) {
                x = left;
                y += LINE_HEIGHT.badge + BADGE_GAP;
            }
            const text = truncateText(badge.text, TEXT_STYLES.badge, width - 2 * BADGE_PADDING_X);
            placedBadges.push({ text, tone: badge.tone, x, y, width, height: LINE_HEIGHT.badge });
            x += width + BADGE_GAP;
        });
        y += LINE_HEIGHT.badge;
    }

    return {
        width: contentWidth + 2 * PADDING_X + insets.left + insets.right,
        height: Math.ceil(y + PADDING_Y + insets.bottom),
        headerHeight: 0,
        texts,
        badges: placedBadges,
        tooltip: tooltipOf(node)
    };
}

/**
 * Places the header of a compound node: caption, then its title followed by its technology.
 * The returned size is the minimum that shows the whole header.
 */
export function describeCompoundNode(node: GraphNode): NodeContent {
    const caption = captionOf(node);
    const label = truncateText(node.label, TEXT_STYLES.header, 2 * MAX_CONTENT_WIDTH);
    const labelWidth = estimateTextWidth(label, TEXT_STYLES.header);
    const texts: PlacedText[] = [
        { text: caption, role: 'caption', x: COMPOUND_PADDING, y: PADDING_Y + 10 },
        { text: label, role: 'header', x: COMPOUND_PADDING, y: PADDING_Y + LINE_HEIGHT.caption + 15 }
    ];
    let headerWidth = Math.max(estimateTextWidth(caption, TEXT_STYLES.caption), labelWidth);

    if (node.details.technology) {
        const technology = truncateText(node.details.technology, TEXT_STYLES.detail, MAX_CONTENT_WIDTH);
        const x = COMPOUND_PADDING + labelWidth + 10;
        texts.push({ text: technology, role: 'detail', x, y: PADDING_Y + LINE_HEIGHT.caption + 15 });
        headerWidth = Math.max(headerWidth, x - COMPOUND_PADDING + estimateTextWidth(technology, TEXT_STYLES.detail));
    }

    const headerHeight = PADDING_Y + LINE_HEIGHT.caption + LINE_HEIGHT.header + 8;
    return {
        width: Math.ceil(headerWidth + 2 * COMPOUND_PADDING),
        height: headerHeight + COMPOUND_PADDING,
        headerHeight,
        texts,
        badges: [],
        tooltip: tooltipOf(node)
    };
}

/** Estimates the box of an edge label. */
export function measureEdgeLabel(text: string): { text: string; width: number; height: number } {
    const visibleText = truncateText(text, TEXT_STYLES['edge-label'], 180);
    const width = Math.ceil(estimateTextWidth(visibleText, TEXT_STYLES['edge-label'])) + 6;
    return { text: visibleText, width, height: LINE_HEIGHT['edge-label'] + 2 };
}

/** Returns the line under a leaf node's title: its technology, or what a workflow step runs. */
function detailLineOf(node: GraphNode): string | undefined {
    if (node.details.technology) {
        return node.details.technology;
    }
    return node.details.runs ? `runs ${node.details.runs}` : undefined;
}

function badgesOf(node: GraphNode): Array<{ text: string; tone: BadgeTone }> {
    const badges: Array<{ text: string; tone: BadgeTone }> = [];
    const { version, status, serving, state } = node.details;
    if (version) {
        badges.push({ text: /^\d/.test(version) ? `v${version}` : version, tone: 'version' });
    }
    if (status) {
        badges.push({ text: status, tone: statusTone(status) });
    }
    if (state === 'stateful') {
        badges.push({ text: 'stateful', tone: 'stateful' });
    }
    for (const mode of serving ?? []) {
        badges.push({ text: mode, tone: 'serving' });
    }
    return badges;
}

function statusTone(status: string): BadgeTone {
    switch (status) {
        case 'production':
            return 'status-live';
        case 'canary':
        case 'shadow':
        case 'candidate':
            return 'status-trial';
        case 'deprecated':
        case 'retired':
            return 'status-retired';
        default:
            return 'status-draft';
    }
}

/** Characters of a description that a tooltip shows at most. */
const MAX_TOOLTIP_DESCRIPTION = 300;

function tooltipOf(node: GraphNode): string {
    const lines = [`${node.label} (${KIND_CAPTIONS[node.kind] ?? node.kind})`, node.id];
    const { technology, version, status, serving, state, mode, task, runs, description } = node.details;
    const facts: Array<[string, string | undefined]> = [
        ['technology', technology], ['version', version], ['status', status], ['serving', serving?.join(', ')],
        ['state', state], ['mode', mode], ['task', task], ['runs', runs]
    ];
    for (const [name, value] of facts) {
        if (value) {
            lines.push(`${name}: ${value}`);
        }
    }
    if (description) {
        const text = description.length > MAX_TOOLTIP_DESCRIPTION ? `${description.slice(0, MAX_TOOLTIP_DESCRIPTION - 1)}…` : description;
        lines.push('', text);
    }
    return lines.join('\n');
}
