/**
 * Converts an MLArch workspace into an equivalent LikeC4 workspace, for the side-by-side
 * benchmark: one `.c4` file per `.mlarch` file, one LikeC4 element per MLArch element (nesting
 * kept, `in` placements written as `extend` blocks), one LikeC4 relation per cross-reference
 * between elements, and the remaining properties as descriptions, technologies and metadata.
 *
 * Not converted into relations: step-to-step edges (`->`), which are local to a workflow, and
 * `in` placements, which become nesting. References from steps, variants and triggers count
 * as relations of the enclosing element.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { AstUtils, EmptyFileSystem, type AstNode } from 'langium';
import type { Workspace } from '../language/src/generated/ast.js';
import { createMlArchServices } from '../language/src/mlarch-module.js';
import { isNamedElement, qualifiedNameOf, type NamedElement } from '../language/src/references/qualified-names.js';

export interface ConversionResult {
    files: number;
    elements: number;
    relations: number;
}

const SPECIFICATION = `specification {
  element platform
  element layer
  element group
  element component
  element datastore
  element stream
  element dataset
  element job
  element featurestore
  element featuregroup
  element model
  element workflow
  element signal
  element endpoint
  element experiment
  element monitor
}
`;

/** Properties written as the element's title, description, technology or nesting, or not at all. */
const SKIPPED_PROPERTIES = new Set(['name', 'title', 'description', 'technology', 'elements', 'groups', 'relations', 'container']);

/** MLArch property names that are LikeC4 keywords, with the metadata key used instead. */
const RENAMED_PROPERTIES: Record<string, string> = { kind: 'declaredAs' };

interface ParsedFile {
    relative: string;
    root: Workspace;
}

/** Reads every `.mlarch` file under `source` and writes the LikeC4 workspace to `target`. */
export async function convertToLikeC4(source: string, target: string): Promise<ConversionResult> {
    const parser = createMlArchServices(EmptyFileSystem).MlArch.parser.LangiumParser;
    const parsed: ParsedFile[] = [];
    for (const relative of await listFiles(source)) {
        const text = await fs.readFile(path.join(source, relative), 'utf-8');
        const result = parser.parse<Workspace>(text);
        if (result.lexerErrors.length > 0 || result.parserErrors.length > 0) {
            throw new Error(`${relative} has syntax errors; convert only valid workspaces.`);
        }
        parsed.push({ relative, root: result.value });
    }

    const names = new ElementNames(parsed.map(file => file.root));
    await fs.rm(target, { recursive: true, force: true });
    await fs.mkdir(target, { recursive: true });
    await fs.writeFile(path.join(target, 'specification.c4'), SPECIFICATION, 'utf-8');

    const result: ConversionResult = { files: parsed.length + 1, elements: 0, relations: 0 };
    for (const file of parsed) {
        const writer = new FileWriter(names);
        const text = writer.write(file.root);
        result.elements += writer.elements;
        result.relations += writer.relations;
        const output = path.join(target, file.relative.replace(/\.mlarch$/, '.c4'));
        await fs.mkdir(path.dirname(output), { recursive: true });
        await fs.writeFile(output, text, 'utf-8');
    }
    return result;
}

async function listFiles(folder: string, prefix = ''): Promise<string[]> {
    const found: string[] = [];
    const entries = await fs.readdir(path.join(folder, prefix), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
            found.push(...await listFiles(folder, relative));
        } else if (entry.name.endsWith('.mlarch')) {
            found.push(relative);
        }
    }
    return found;
}

/**
 * Resolves MLArch reference texts to LikeC4 fully qualified names. The LikeC4 name of an
 * element placed with `in` starts with its container's name, because the placement becomes
 * an `extend` block.
 */
class ElementNames {
    private readonly byReferenceText = new Map<string, NamedElement>();
    private readonly fqns = new Map<NamedElement, string>();

    constructor(roots: Workspace[]) {
        for (const root of roots) {
            for (const node of AstUtils.streamAllContents(root)) {
                if (isNamedElement(node)) {
                    this.byReferenceText.set(qualifiedNameOf(node), node);
                    if (!this.byReferenceText.has(node.name)) {
                        this.byReferenceText.set(node.name, node);
                    }
                }
            }
        }
    }

    resolve(text: string): NamedElement {
        const element = this.byReferenceText.get(text);
        if (!element) {
            throw new Error(`Reference '${text}' names no element; convert only valid workspaces.`);
        }
        return element;
    }

    fqnOf(element: NamedElement): string {
        const known = this.fqns.get(element);
        if (known) {
            return known;
        }
        const parent = element.$container;
        let fqn: string;
        if (isNamedElement(parent)) {
            fqn = `${this.fqnOf(parent)}.${element.name}`;
        } else if ('container' in element && element.container) {
            fqn = `${this.fqnOf(this.resolve(element.container.$refText))}.${element.name}`;
        } else {
            fqn = element.name;
        }
        this.fqns.set(element, fqn);
        return fqn;
    }
}

class FileWriter {
    elements = 0;
    relations = 0;
    private readonly relationLines: string[] = [];

    constructor(private readonly names: ElementNames) {}

    write(root: Workspace): string {
        const lines: string[] = ['model {'];
        for (const element of root.elements) {
            const placement = 'container' in element ? element.container : undefined;
            if (placement) {
                lines.push(`  extend ${this.names.fqnOf(this.names.resolve(placement.$refText))} {`);
                this.writeElement(element, '    ', lines);
                lines.push('  }');
            } else {
                this.writeElement(element, '  ', lines);
            }
        }
        lines.push(...this.relationLines, '}', '');
        return lines.join('\n');
    }

    private writeElement(element: NamedElement, indent: string, lines: string[]): void {
        this.elements++;
        const kind = element.$type === 'Group' ? (element as { kind: string }).kind : element.$type.toLowerCase();
        const title = 'title' in element && element.title ? element.title : element.name;
        lines.push(`${indent}${element.name} = ${kind} ${likeC4String(title)} {`);
        const description = 'description' in element ? element.description : undefined;
        if (description) {
            lines.push(`${indent}  description ${likeC4String(description)}`);
        }
        const technology = 'technology' in element ? element.technology : undefined;
        if (typeof technology === 'string') {
            lines.push(`${indent}  technology ${likeC4String(technology)}`);
        }
        const metadata = this.metadataOf(element);
        if (metadata.length > 0) {
            lines.push(`${indent}  metadata {`);
            for (const [key, value] of metadata) {
                lines.push(`${indent}    ${key} ${likeC4String(value)}`);
            }
            lines.push(`${indent}  }`);
        }
        for (const child of AstUtils.streamContents(element)) {
            if (isNamedElement(child)) {
                this.writeElement(child, indent + '  ', lines);
            }
        }
        lines.push(`${indent}}`);
        this.collectRelations(element);
    }

    /** Scalar properties as they are, and nested non-element nodes as their source text. */
    private metadataOf(element: NamedElement): Array<[string, string]> {
        const entries: Array<[string, string]> = [];
        for (const [key, value] of Object.entries(element)) {
            if (key.startsWith('$') || SKIPPED_PROPERTIES.has(key)) {
                continue;
            }
            const values = Array.isArray(value) ? value : [value];
            values.forEach((item: unknown, index) => {
                const baseKey = RENAMED_PROPERTIES[key] ?? key;
                const entryKey = values.length > 1 ? `${baseKey}_${index + 1}` : baseKey;
                if (typeof item === 'string' || typeof item === 'number' || item === true) {
                    entries.push([entryKey, String(item)]);
                } else if (isAstNodeLike(item) && !isNamedElement(item) && item.$cstNode) {
                    entries.push([entryKey, item.$cstNode.text.replace(/\s+/g, ' ')]);
                }
            });
        }
        return entries;
    }

    /** Adds one relation per reference made by the element or its non-element parts. */
    private collectRelations(element: NamedElement): void {
        const source = this.names.fqnOf(element);
        const visit = (node: AstNode): void => {
            for (const refInfo of AstUtils.streamReferences(node)) {
                if (refInfo.property === 'container' || refInfo.property === 'next') {
                    continue;
                }
                const target = this.names.fqnOf(this.names.resolve(refInfo.reference.$refText));
                this.relationLines.push(`  ${source} -> ${target} '${refInfo.property}'`);
                this.relations++;
            }
            for (const child of AstUtils.streamContents(node)) {
                if (!isNamedElement(child)) {
                    visit(child);
                }
            }
        };
        visit(element);
    }
}

function isAstNodeLike(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && '$type' in value;
}

function likeC4String(text: string): string {
    return `'${text.replace(/\\/g, '\\\\').replace(/'/g, '\u2019')}'`;
}
