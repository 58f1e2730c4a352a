/**
 * Pan and zoom of the diagram by moving the SVG viewBox: dragging pans, the wheel zooms around
 * the pointer. The viewBox keeps the aspect ratio of the panel, so one diagram unit is the same
 * number of pixels in both directions.
 */

interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 4;

export class PanZoom {

    private content: Box = { x: 0, y: 0, width: 1, height: 1 };
    private view: Box = { x: 0, y: 0, width: 1, height: 1 };
    /** Whether the user moved or zoomed since the last fit, in which case a resize keeps their view. */
    private adjusted = false;

    constructor(private readonly host: HTMLElement, private svg: SVGSVGElement | undefined = undefined) { }

    /** Shows a new diagram whose drawing covers `content`, fitted to the panel. */
    attach(svg: SVGSVGElement, content: Box): void {
        this.svg = svg;
        this.content = content;
        svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
        this.fit();
    }

    /** Shows the whole diagram, at most at its natural size so small diagrams stay crisp. */
    fit(): void {
        const { width, height } = this.hostSize();
        const scale = clamp(Math.min(width / this.content.width, height / this.content.height, 1));
        const viewWidth = width / scale;
        const viewHeight = height / scale;
        this.view = {
            x: this.content.x - (viewWidth - this.content.width) / 2,
            y: this.content.y - (viewHeight - this.content.height) / 2,
            width: viewWidth,
            height: viewHeight
        };
        this.adjusted = false;
        this.apply();
    }

    /** Zooms by `factor` (above 1 enlarges) keeping the diagram point under (clientX, clientY) in place. */
    zoomAt(clientX: number, clientY: number, factor: number): void {
        const rect = this.host.getBoundingClientRect();
        const scale = this.scale();
        const newScale = clamp(scale * factor);
        const pointX = this.view.x + (clientX - rect.left) / scale;
        const pointY = this.view.y + (clientY - rect.top) / scale;
        this.view = {
            x: pointX - (clientX - rect.left) / newScale,
            y: pointY - (clientY - rect.top) / newScale,
            width: rect.width / newScale,
            height: rect.height / newScale
        };
        this.adjusted = true;
        this.apply();
    }

    /** Zooms around the centre of the panel. */
    zoomCentered(factor: number): void {
        const rect = this.host.getBoundingClientRect();
        this.zoomAt(rect.left + rect.width / 2, rect.top + rect.height / 2, factor);
    }

    /** Moves the diagram by a distance in screen pixels. */
    panBy(deltaX: number, deltaY: number): void {
        const scale = this.scale();
        this.view = { ...this.view, x: this.view.x - deltaX / scale, y: this.view.y - deltaY / scale };
        this.adjusted = true;
        this.apply();
    }

    /** Adapts to a new panel size: refits, or keeps the user's centre and zoom level. */
    resize(): void {
        if (!this.adjusted) {
            this.fit();
            return;
        }
        const scale = this.scale();
        const { width, height } = this.hostSize();
        const centerX = this.view.x + this.view.width / 2;
        const centerY = this.view.y + this.view.height / 2;
        this.view = { x: centerX - width / scale / 2, y: centerY - height / scale / 2, width: width / scale, height: height / scale };
        this.apply();
    }

    /** Pixels per diagram unit. */
    scale(): number {
        return this.hostSize().width / this.view.width;
    }

    private hostSize(): { width: number; height: number } {
        const rect = this.host.getBoundingClientRect();
        return { width: Math.max(rect.width, 1), height: Math.max(rect.height, 1) };
    }

    private apply(): void {
        const { x, y, width, height } = this.view;
        this.svg?.setAttribute('viewBox', `${x} ${y} ${width} ${height}`);
    }
}

function clamp(scale: number): number {
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}
