import type { Reference } from 'langium';
import { code, escapeMarkdown } from './markdown.js';

/**
 * Collects the parts of a hover: a header line, paragraphs, a list of labelled properties and
 * titled lists (baselines, variants). Values passed in must already be Markdown. The helpers
 * below escape model text.
 */
export class HoverCard {
    private readonly paragraphs: string[] = [];
    private readonly fields: string[] = [];
    private readonly lists: string[] = [];

    constructor(private readonly header: string) { }

    paragraph(markdown: string | undefined): this {
        if (markdown) {
            this.paragraphs.push(markdown);
        }
        return this;
    }

    /** Adds `- **label:** value`, or nothing when the value is missing or empty. */
    field(label: string, value: string | undefined): this {
        if (value) {
            this.fields.push(`- **${label}:** ${value}`);
        }
        return this;
    }

    list(title: string, items: string[]): this {
        if (items.length > 0) {
            this.lists.push([`**${title}**`, '', ...items.map(item => `- ${item}`)].join('\n'));
        }
        return this;
    }

    toMarkdown(): string {
        const blocks = [this.header, ...this.paragraphs];
        if (this.fields.length > 0) {
            blocks.push(this.fields.join('\n'));
        }
        blocks.push(...this.lists);
        return blocks.join('\n\n');
    }
}

/** Returns model text escaped for Markdown, or undefined when there is none. */
export function text(value: string | number | undefined): string | undefined {
    if (value === undefined || value === '') {
        return undefined;
    }
    return escapeMarkdown(String(value));
}

/** Returns a comma-separated list of escaped values, or undefined for an empty list. */
export function texts(values: readonly string[]): string | undefined {
    return values.length > 0 ? values.map(value => escapeMarkdown(value)).join(', ') : undefined;
}

/** Returns a reference as written in the source, as a code span. Unresolved references show too. */
export function ref(reference: Reference | undefined): string | undefined {
    return reference && reference.$refText ? code(reference.$refText) : undefined;
}

export function refs(references: readonly Reference[]): string | undefined {
    const written = references.map(reference => ref(reference)).filter(value => value !== undefined);
    return written.length > 0 ? written.join(', ') : undefined;
}
