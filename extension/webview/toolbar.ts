/**
 * The preview's toolbar: view switch, the parameters of the model-dependency and workflow views,
 * search, the element-kind filter, zoom, export and the status line. It keeps no state beyond
 * its controls, and reports user actions through ToolbarActions.
 */
import { DEFAULT_DEPENDENCY_HOPS, type ElementKind, type ViewKind } from '../../language/src/graph/graph-model.js';
import { kindCaptionOf } from '../../language/src/graph/node-content.js';
import type { ExportImageFormat, ExportTheme, ViewRequest } from '../../language/src/protocol.js';

export const VIEW_LABELS: Readonly<Record<ViewKind, string>> = {
    'building-blocks': 'Building blocks',
    lineage: 'Lineage',
    'model-dependencies': 'Model dependencies',
    workflows: 'Workflows'
};

export interface ToolbarActions {
    selectView(view: ViewKind): void;
    selectModel(model: string): void;
    setHops(hops: number): void;
    /** Shows one workflow, or all with undefined. */
    selectWorkflow(workflow: string | undefined): void;
    search(query: string): void;
    searchStep(backwards: boolean): void;
    setKindShown(kind: ElementKind, shown: boolean): void;
    zoom(factor: number): void;
    fit(): void;
    relayout(): void;
    exportImage(format: ExportImageFormat, theme: ExportTheme): void;
}

const EXPORT_CHOICES: ReadonlyArray<{ format: ExportImageFormat; theme: ExportTheme; label: string }> = [
    { format: 'svg', theme: 'theme', label: 'SVG in theme colours' },
    { format: 'svg', theme: 'print', label: 'SVG in light print colours' },
    { format: 'png', theme: 'theme', label: 'PNG in theme colours' },
    { format: 'png', theme: 'print', label: 'PNG in light print colours' }
];

export class Toolbar {

    readonly element: HTMLElement;
    readonly status: HTMLElement;
    private readonly viewButtons = new Map<ViewKind, HTMLButtonElement>();
    private readonly modelLabel: HTMLLabelElement;
    private readonly modelSelect: HTMLSelectElement;
    private readonly hopsLabel: HTMLLabelElement;
    private readonly hopsInput: HTMLInputElement;
    private readonly workflowLabel: HTMLLabelElement;
    private readonly workflowSelect: HTMLSelectElement;
    private readonly searchInput: HTMLInputElement;
    private readonly searchCount: HTMLElement;
    private readonly kindButton: HTMLButtonElement;
    private readonly kindMenu: HTMLElement;
    private readonly menus: Array<{ button: HTMLButtonElement; menu: HTMLElement }> = [];

    constructor(private readonly actions: ToolbarActions) {
        this.element = element('div', 'toolbar');
        this.element.setAttribute('role', 'toolbar');

        const viewSwitch = element('div', 'view-switch');
        viewSwitch.setAttribute('role', 'group');
        viewSwitch.setAttribute('aria-label', 'View');
        for (const view of Object.keys(VIEW_LABELS) as ViewKind[]) {
            const button = this.button(VIEW_LABELS[view], `Show the ${VIEW_LABELS[view].toLowerCase()} view`, () => actions.selectView(view));
            this.viewButtons.set(view, button);
            viewSwitch.appendChild(button);
        }

        this.modelSelect = element('select', '');
        this.modelSelect.addEventListener('change', () => actions.selectModel(this.modelSelect.value));
        this.modelLabel = labelled('Model', this.modelSelect, 'Model whose dependencies the view shows');

        this.hopsInput = element('input', '');
        this.hopsInput.type = 'number';
        this.hopsInput.min = '1';
        this.hopsInput.step = '1';
        this.hopsInput.value = String(DEFAULT_DEPENDENCY_HOPS);
        this.hopsInput.addEventListener('change', () => {
            const hops = Number(this.hopsInput.value);
            if (Number.isSafeInteger(hops) && hops >= 1) {
                actions.setHops(hops);
            }
        });
        this.hopsLabel = labelled('Hops', this.hopsInput, 'Relations to follow upstream and downstream of the model');

        this.workflowSelect = element('select', '');
        this.workflowSelect.addEventListener('change', () => actions.selectWorkflow(this.workflowSelect.value || undefined));
        this.workflowLabel = labelled('Workflow', this.workflowSelect, 'Workflow that the view shows');

        const parameters = element('div', 'toolbar-group');
        parameters.append(this.modelLabel, this.hopsLabel, this.workflowLabel);

        this.searchInput = element('input', '');
        this.searchInput.type = 'search';
        this.searchInput.placeholder = 'Search elements';
        this.searchInput.setAttribute('aria-label', 'Search elements by name; Enter shows the next match');
        this.searchInput.addEventListener('input', () => actions.search(this.searchInput.value));
        this.searchInput.addEventListener('keydown', event => {
            if (event.key === 'Enter') {
                event.preventDefault();
                actions.searchStep(event.shiftKey);
            } else if (event.key === 'Escape' && this.searchInput.value) {
                event.preventDefault();
                this.searchInput.value = '';
                actions.search('');
            }
        });
        this.searchCount = element('span', 'search-count');
        this.searchCount.setAttribute('aria-live', 'polite');
        const search = element('div', 'toolbar-group');
        search.append(this.searchInput, this.searchCount);

        this.kindButton = this.button('Kinds', 'Show or hide element kinds', () => undefined);
        this.kindMenu = element('div', 'menu');
        this.kindMenu.setAttribute('aria-label', 'Element kinds');
        const kinds = this.menuAnchor(this.kindButton, this.kindMenu);

        const exportButton = this.button('Export', 'Export the view as an image', () => undefined);
        const exportMenu = element('div', 'menu align-end');
        exportMenu.setAttribute('role', 'menu');
        for (const choice of EXPORT_CHOICES) {
            const item = this.button(choice.label, `Export the view as ${choice.label}`, () => {
                this.closeMenus();
                actions.exportImage(choice.format, choice.theme);
            });
            item.setAttribute('role', 'menuitem');
            exportMenu.appendChild(item);
        }
        const exporting = this.menuAnchor(exportButton, exportMenu);

        const zoom = element('div', 'toolbar-group');
        zoom.append(
            this.button('−', 'Zoom out', () => actions.zoom(1 / 1.25)),
            this.button('+', 'Zoom in', () => actions.zoom(1.25)),
            this.button('Fit', 'Fit the diagram to the panel', () => actions.fit()),
            this.button('Re-layout', 'Lay out the diagram from scratch, reordering nodes to reduce crossings', () => actions.relayout())
        );

        this.status = element('span', 'status');
        this.status.setAttribute('role', 'status');
        this.element.append(viewSwitch, parameters, search, kinds, zoom, exporting, this.status);

        document.addEventListener('pointerdown', event => {
            if (!(event.target instanceof Node) || !this.menus.some(({ button, menu }) => button.contains(event.target as Node) || menu.contains(event.target as Node))) {
                this.closeMenus();
            }
        });
        document.addEventListener('keydown', event => {
            if (event.key === 'Escape') {
                this.closeMenus();
            }
        });
    }

    /** Shows which view is active and the controls of its parameters. */
    showRequest(request: ViewRequest, choices: readonly string[] | undefined): void {
        for (const [view, button] of this.viewButtons) {
            button.setAttribute('aria-pressed', String(view === request.view));
        }
        const modelView = request.view === 'model-dependencies';
        const workflowView = request.view === 'workflows';
        this.modelLabel.hidden = !modelView;
        this.hopsLabel.hidden = !modelView;
        this.workflowLabel.hidden = !workflowView;
        if (modelView) {
            fillOptions(this.modelSelect, choices ?? [], request.model, undefined);
            if (document.activeElement !== this.hopsInput) {
                this.hopsInput.value = String(request.hops ?? DEFAULT_DEPENDENCY_HOPS);
            }
        }
        if (workflowView) {
            fillOptions(this.workflowSelect, choices ?? [], request.workflow, 'All workflows');
        }
    }

    /** Lists the kinds of the current graph with their counts, checked unless hidden. */
    showKinds(counts: ReadonlyMap<ElementKind, number>, hidden: ReadonlySet<ElementKind>): void {
        const hiddenCount = [...counts.keys()].filter(kind => hidden.has(kind)).length;
        this.kindButton.textContent = `${hiddenCount > 0 ? `Kinds (${hiddenCount} hidden)` : 'Kinds'} ▾`;
        this.kindMenu.replaceChildren();
        for (const [kind, count] of [...counts].sort((a, b) => kindCaptionOf(a[0]).localeCompare(kindCaptionOf(b[0])))) {
            const checkbox = element('input', '');
            checkbox.type = 'checkbox';
            checkbox.checked = !hidden.has(kind);
            checkbox.dataset.kind = kind;
            checkbox.addEventListener('change', () => this.actions.setKindShown(kind, checkbox.checked));
            const label = element('label', '');
            const name = element('span', '');
            name.textContent = kindCaptionOf(kind);
            const number = element('span', 'count');
            number.textContent = String(count);
            label.append(checkbox, name, number);
            this.kindMenu.appendChild(label);
        }
        if (counts.size === 0) {
            const empty = element('span', '');
            empty.textContent = 'No elements';
            this.kindMenu.appendChild(empty);
        }
    }

    showSearchCount(text: string): void {
        this.searchCount.textContent = text;
    }

    /** The text of the search box, for searching again after the diagram changed. */
    get searchQuery(): string {
        return this.searchInput.value;
    }

    private menuAnchor(button: HTMLButtonElement, menu: HTMLElement): HTMLElement {
        const anchor = element('div', 'menu-anchor');
        menu.hidden = true;
        button.setAttribute('aria-haspopup', 'true');
        button.setAttribute('aria-expanded', 'false');
        button.textContent += ' ▾';
        button.addEventListener('click', () => {
            const open = menu.hidden;
            this.closeMenus();
            menu.hidden = !open;
            button.setAttribute('aria-expanded', String(open));
        });
        anchor.append(button, menu);
        this.menus.push({ button, menu });
        return anchor;
    }

    private closeMenus(): void {
        for (const { button, menu } of this.menus) {
            menu.hidden = true;
            button.setAttribute('aria-expanded', 'false');
        }
    }

    private button(text: string, title: string, onClick: () => void): HTMLButtonElement {
        const button = element('button', '');
        button.type = 'button';
        button.textContent = text;
        button.title = title;
        button.setAttribute('aria-label', title);
        button.addEventListener('click', onClick);
        return button;
    }
}

/** Replaces a select's options with the choices, keeping `selected` selectable when it is not among them. */
function fillOptions(select: HTMLSelectElement, choices: readonly string[], selected: string | undefined, emptyLabel: string | undefined): void {
    const values = [...choices];
    if (selected !== undefined && !values.includes(selected)) {
        values.unshift(selected);
    }
    const options: HTMLOptionElement[] = [];
    if (emptyLabel !== undefined) {
        options.push(new Option(emptyLabel, ''));
    }
    for (const value of values) {
        options.push(new Option(value, value));
    }
    select.replaceChildren(...options);
    select.value = selected ?? '';
}

function labelled(text: string, control: HTMLElement, title: string): HTMLLabelElement {
    const label = element('label', '');
    label.title = title;
    const caption = element('span', '');
    caption.textContent = text;
    label.append(caption, control);
    return label;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
    const created = document.createElement(tag);
    if (className) {
        created.className = className;
    }
    return created;
}
