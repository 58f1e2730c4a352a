/**
 * The building-block view (arc42 section 5): a whitebox table per level, from the platform's
 * level-1 building blocks down to the parts of each layer and component, with the diagram.
 */
import {
    isComponent, isDatastore, isEndpoint, isExperiment, isFeatureStore, isGroup, isJob, isModel, isMonitor, isWorkflow
} from '../generated/ast.js';
import type { ArchitectureGraph, GraphNode } from '../graph/graph-model.js';
import { GraphTree } from '../graph/graph-tree.js';
import type { NamedElement } from '../references/qualified-names.js';
import { DocsContext, elementCell, textCell, titleOf } from './docs-context.js';
import { escapeMarkdown, table } from './markdown.js';

export const BUILDING_BLOCK_FILE = 'building-block-view.md';

/** The system whose whitebox is level 1, and the level-1 building blocks inside it. */
interface SystemScope {
    /** The only platform, when every other root sits in it; undefined when there are several roots. */
    platform?: GraphNode;
    level1: GraphNode[];
}

/** Writes the building-block view. `diagram` is the Markdown of the embedded diagram. */
export function writeBuildingBlockSection(context: DocsContext, graph: ArchitectureGraph, diagram: string): string {
    const tree = new GraphTree(graph);
    const scope = systemScope(tree);
    const parts: string[] = [
        '# Building block view',
        '',
        'The static decomposition of the platform into building blocks: level 1 shows the parts of the whole system, '
        + 'each further level opens one building block of the level above. Elements placed with `in` appear inside their container.',
        '',
        '## Diagram',
        '',
        diagram,
        ''
    ];

    const systemName = scope.platform ? titleOf(elementOf(context, scope.platform)) : 'the workspace';
    parts.push(`## Level 1: ${escapeMarkdown(systemName)}`, '');
    const platformElement = scope.platform ? elementOf(context, scope.platform) : undefined;
    const platformText = platformElement ? context.firstText(descriptionOf(platformElement), context.docComment(platformElement)) : undefined;
    if (platformText) {
        parts.push(escapeMarkdown(platformText), '');
    }
    parts.push(blockTable(context, scope.level1), '');

    // Each building block with parts gets a whitebox, breadth first, so levels read in order.
    let level = 2;
    let current = scope.level1.filter(node => tree.childrenOf(node.id).length > 0);
    while (current.length > 0) {
        const next: GraphNode[] = [];
        for (const container of current) {
            const element = elementOf(context, container);
            parts.push(`## Level ${level}: ${escapeMarkdown(titleOf(element))}`, '');
            const text = context.firstText(responsibilityOf(element), descriptionOf(element), context.docComment(element));
            const kind = kindOf(element);
            parts.push(`${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${codeName(container.id)}.${text ? ` ${escapeMarkdown(text)}` : ''}`, '');
            const children = tree.childrenOf(container.id);
            parts.push(blockTable(context, children), '');
            next.push(...children.filter(child => tree.childrenOf(child.id).length > 0));
        }
        current = next;
        level++;
    }
    return parts.join('\n');
}

function codeName(id: string): string {
    return `\`${id}\``;
}

function systemScope(tree: GraphTree): SystemScope {
    const platforms = tree.roots.filter(node => node.kind === 'platform');
    if (platforms.length === 1) {
        const others = tree.roots.filter(node => node !== platforms[0]);
        return { platform: platforms[0], level1: [...tree.childrenOf(platforms[0].id), ...others] };
    }
    return { level1: tree.roots };
}

function blockTable(context: DocsContext, nodes: GraphNode[]): string {
    const rows = nodes.map(node => {
        const element = elementOf(context, node);
        return [
            elementCell(element),
            kindOf(element),
            textCell(context.firstText(responsibilityOf(element), descriptionOf(element), context.docComment(element))),
            textCell(technologyOf(element))
        ];
    });
    return table(['Building block', 'Kind', 'Responsibility', 'Technology'], rows);
}

function elementOf(context: DocsContext, node: GraphNode): NamedElement {
    const element = context.elementByQualifiedName(node.id);
    if (!element) {
        throw new Error(`The building-block graph names ${node.id}, which is not a unique element of the workspace.`);
    }
    return element;
}

/** Returns the kind of an element as the language writes it: `layer` or `group`, `pipeline` or `job`. */
export function kindOf(element: NamedElement): string {
    if (isGroup(element) || isJob(element)) {
        return element.kind;
    }
    if (isFeatureStore(element)) {
        return 'feature store';
    }
    if (element.$type === 'FeatureGroup') {
        return 'feature group';
    }
    return element.$type.toLowerCase();
}

function responsibilityOf(element: NamedElement): string | undefined {
    if (isComponent(element)) {
        return element.responsibility;
    }
    if (isModel(element)) {
        return element.purpose;
    }
    return undefined;
}

function descriptionOf(element: NamedElement): string | undefined {
    return 'description' in element ? element.description : undefined;
}

/** Returns the technology of an element: its technology, engine or frameworks. */
export function technologyOf(element: NamedElement): string | undefined {
    if (isModel(element)) {
        return element.frameworks.length > 0 ? element.frameworks.join(', ') : undefined;
    }
    if (isJob(element) || isWorkflow(element)) {
        return element.engine;
    }
    if (isComponent(element) || isDatastore(element) || isEndpoint(element) || isExperiment(element) || isMonitor(element) || isFeatureStore(element)) {
        return element.technology;
    }
    if ('technology' in element && typeof element.technology === 'string') {
        return element.technology;
    }
    return undefined;
}
