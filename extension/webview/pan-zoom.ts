/**
 * Pan and zoom of the diagram by moving the SVG viewBox: dragging pans, the wheel zooms around
 * the pointer. The viewBox keeps the aspect ratio of the panel, so one diagram unit is the same
 * number of pixels in both directions.
 */

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 4;

/** Space in panel pixels kept between a node scrolled into view and the panel's edge. */
const REVEAL_MARGIN = 40;

export class PanZoom {

    private content: Box = { x: 0, y: 0, width: 1, height: 1 };
    private view: Box = { x: 0, y: 0, width: 1, height: 1 };
    /** Whether the user moved or zoomed since the last fit, in which case a resize keeps their view. */
    private adjusted = false;

    /**
     * @param onChange called after every change of the visible area, e.g. to store it for a window reload
     */
    constructor(
        private readonly host: HTMLElement,
        private readonly onChange: (view: Box) => void = () => undefined,
        private svg: SVGSVGElement | undefined = undefined
    ) { }

    /**
     * Shows a new drawing whose content covers `content`. `view` decides what is visible: 'fit'
     * fits the drawing to the panel, 'keep' keeps the visible area of the previous drawing (and
     * refits when the user had not moved it), and a box shows that area of the diagram.
     */
    attach(svg: SVGSVGElement, content: Box, view: 'fit' | 'keep' | Box): void {
        this.svg = svg;
        this.content = content;
        svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
        if (view === 'fit' || (view === 'keep' && !this.adjusted)) {
            this.fit();
        } else if (view === 'keep') {
            this.apply();
        } else {
            this.show(view);
        }
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

    /** Shows a stored visible area, adapted to the panel's aspect ratio around its centre. */
    show(view: Box): void {
        const { width, height } = this.hostSize();
        const scale = clamp(Math.min(width / view.width, height / view.height));
        this.view = centeredView(view.x + view.width / 2, view.y + view.height / 2, width / scale, height / scale);
        this.adjusted = true;
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

    /** Centres a box of the diagram in the panel, zooming out first when the box does not fit at the current zoom. */
    centerOn(box: Box): void {
        const { width, height } = this.hostSize();
        const fitting = Math.min((width - 2 * REVEAL_MARGIN) / box.width, (height - 2 * REVEAL_MARGIN) / box.height);
        const scale = clamp(Math.min(this.scale(), Math.max(fitting, MIN_SCALE)));
        this.view = centeredView(box.x + box.width / 2, box.y + box.height / 2, width / scale, height / scale);
        this.adjusted = true;
        this.apply();
    }

    /** Centres a box of the diagram unless it is in view already, with a margin. */
    ensureVisible(box: Box): void {
        const margin = REVEAL_MARGIN / this.scale();
        const inside = box.x - margin >= this.view.x && box.y - margin >= this.view.y
            && box.x + box.width + margin <= this.view.x + this.view.width
            && box.y + box.height + margin <= this.view.y + this.view.height;
        if (!inside) {
            this.centerOn(box);
        }
    }

    /** Adapts to a new panel size: refits, or keeps the user's centre and zoom level. */
    resize(): void {
        if (!this.adjusted) {
            this.fit();
            return;
        }
        const scale = this.scale();
        const { width, height } = this.hostSize();
        this.view = centeredView(this.view.x + this.view.width / 2, this.view.y + this.view.height / 2, width / scale, height / scale);
        this.apply();
    }

    /** Pixels per diagram unit. */
    scale(): number {
        return this.hostSize().width / this.view.width;
    }

    /** Returns the visible area of the diagram, in diagram units. */
    visibleArea(): Box {
        return { ...this.view };
    }

    private hostSize(): { width: number; height: number } {
        const rect = this.host.getBoundingClientRect();
        return { width: Math.max(rect.width, 1), height: Math.max(rect.height, 1) };
    }

    private apply(): void {
        const { x, y, width, height } = this.view;
        this.svg?.setAttribute('viewBox', `${x} ${y} ${width} ${height}`);
        this.onChange(this.visibleArea());
    }
}

function centeredView(centerX: number, centerY: number, width: number, height: number): Box {
    return { x: centerX - width / 2, y: centerY - height / 2, width, height };
}

function clamp(scale: number): number {
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}
