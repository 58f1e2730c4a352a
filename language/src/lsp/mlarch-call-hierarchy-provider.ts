import { AstUtils, URI, type AstNode, type AstNodeLocator, type LangiumDocument, type ReferenceDescription, type Stream } from 'langium';
import { AbstractCallHierarchyProvider } from 'langium/lsp';
import {
    SymbolKind,
    type CallHierarchyIncomingCall, type CallHierarchyIncomingCallsParams, type CallHierarchyItem,
    type CallHierarchyOutgoingCall, type CallHierarchyOutgoingCallsParams, type CallHierarchyPrepareParams, type Range
} from 'vscode-languageserver';
import type { MlArchServices } from '../mlarch-module.js';
import { isNamedElement, qualifiedNameOf, type NamedElement } from '../references/qualified-names.js';
import type { ElementLineage, LineageEdge } from '../workspace/element-lineage.js';
import { isWithin, nameNodeOf } from './element-location.js';
import { findTargetAtOffset } from './qualified-reference-target.js';

const SYMBOL_KINDS: Record<NamedElement['$type'], SymbolKind> = {
    Platform: SymbolKind.Namespace,
    Group: SymbolKind.Package,
    Component: SymbolKind.Module,
    Datastore: SymbolKind.Struct,
    Stream: SymbolKind.Event,
    Dataset: SymbolKind.File,
    Job: SymbolKind.Function,
    FeatureStore: SymbolKind.Struct,
    FeatureGroup: SymbolKind.Field,
    Model: SymbolKind.Class,
    Workflow: SymbolKind.Method,
    Signal: SymbolKind.Event,
    Endpoint: SymbolKind.Interface,
    Experiment: SymbolKind.Object,
    Monitor: SymbolKind.Object
};

/** Identifies the element of a call hierarchy item across requests. */
interface ItemData {
    path: string;
}

/**
 * Call hierarchy over the lineage graph (see ElementLineage), so "Show Call Hierarchy" walks the
 * lineage from any element.
 *
 * Direction convention: an upstream element "calls" the element it feeds, because data and
 * artifacts flow along a lineage edge the way control flows along a call. Incoming calls of an
 * element are therefore its upstream elements: training data, consumed feature groups, the
 * training workflow, models it depends on, the jobs that compute or write it, what a job reads.
 * Outgoing calls are its downstream elements: dependent models, serving endpoints, experiments,
 * what a job writes, the consumers of an endpoint.
 *
 * A call's `fromRanges` lie in the calling (upstream) element. Where the reference that declares
 * an edge is written in the other element (`trained on` is written in the model, not in the
 * dataset), the range is the caller's name.
 */
export class MlArchCallHierarchyProvider extends AbstractCallHierarchyProvider {

    protected readonly lineage: ElementLineage;
    protected readonly locator: AstNodeLocator;
    protected readonly services: MlArchServices;

    constructor(services: MlArchServices) {
        super(services);
        this.services = services;
        this.lineage = services.workspace.Lineage;
        this.locator = services.workspace.AstNodeLocator;
    }

    override prepareCallHierarchy(document: LangiumDocument, params: CallHierarchyPrepareParams): CallHierarchyItem[] | undefined {
        const found = findTargetAtOffset(this.services, document, document.textDocument.offsetAt(params.position));
        if (!found || !isNamedElement(found.target)) {
            return undefined;
        }
        const item = this.itemFor(found.target);
        return item ? [item] : undefined;
    }

    override async incomingCalls(params: CallHierarchyIncomingCallsParams): Promise<CallHierarchyIncomingCall[] | undefined> {
        const element = await this.elementOf(params.item);
        return element ? this.incomingCallsOf(element) : undefined;
    }

    override async outgoingCalls(params: CallHierarchyOutgoingCallsParams): Promise<CallHierarchyOutgoingCall[] | undefined> {
        const element = await this.elementOf(params.item);
        return element ? this.outgoingCallsOf(element) : undefined;
    }

    /** Not used: `incomingCalls` reads the lineage graph instead of Langium's reference index. */
    protected getIncomingCalls(node: AstNode, _references: Stream<ReferenceDescription>): CallHierarchyIncomingCall[] | undefined {
        return isNamedElement(node) ? this.incomingCallsOf(node) : undefined;
    }

    protected getOutgoingCalls(node: AstNode): CallHierarchyOutgoingCall[] | undefined {
        return isNamedElement(node) ? this.outgoingCallsOf(node) : undefined;
    }

    protected incomingCallsOf(element: NamedElement): CallHierarchyIncomingCall[] {
        const calls: CallHierarchyIncomingCall[] = [];
        for (const [caller, edges] of groupBy(this.lineage.upstreamOf(element), edge => edge.upstream)) {
            const from = this.itemFor(caller);
            if (from) {
                calls.push({ from, fromRanges: this.rangesIn(caller, edges) });
            }
        }
        return calls;
    }

    protected outgoingCallsOf(element: NamedElement): CallHierarchyOutgoingCall[] {
        const calls: CallHierarchyOutgoingCall[] = [];
        for (const [callee, edges] of groupBy(this.lineage.downstreamOf(element), edge => edge.downstream)) {
            const to = this.itemFor(callee);
            if (to) {
                calls.push({ to, fromRanges: this.rangesIn(element, edges) });
            }
        }
        return calls;
    }

    /** Returns the ranges of the edges' references written inside `caller`, or its name when there are none. */
    protected rangesIn(caller: NamedElement, edges: LineageEdge[]): Range[] {
        const ranges: Range[] = [];
        for (const edge of edges) {
            const refNode = edge.reference.$refNode;
            const inCaller = isWithin(edge.holder, caller);
            if (refNode && inCaller) {
                ranges.push(refNode.range);
            }
        }
        if (ranges.length === 0) {
            const nameNode = nameNodeOf(caller);
            if (nameNode) {
                ranges.push(nameNode.range);
            }
        }
        return ranges;
    }

    protected itemFor(element: NamedElement): CallHierarchyItem | undefined {
        const nameNode = nameNodeOf(element);
        if (!element.$cstNode || !nameNode) {
            return undefined;
        }
        const data: ItemData = { path: this.locator.getAstNodePath(element) };
        return {
            name: element.name,
            kind: SYMBOL_KINDS[element.$type],
            detail: `${kindLabel(element)} ${qualifiedNameOf(element)}`,
            uri: AstUtils.getDocument(element).uri.toString(),
            range: element.$cstNode.range,
            selectionRange: nameNode.range,
            data
        };
    }

    /** Finds an item's element by its path, or by its name position for items from other servers. */
    protected async elementOf(item: CallHierarchyItem): Promise<NamedElement | undefined> {
        const document = await this.documents.getOrCreateDocument(URI.parse(item.uri));
        const root = document.parseResult.value;
        const data = item.data as Partial<ItemData> | undefined;
        const byPath = typeof data?.path === 'string' ? this.locator.getAstNode(root, data.path) : undefined;
        if (isNamedElement(byPath) && byPath.name === item.name) {
            return byPath;
        }
        const found = findTargetAtOffset(this.services, document, document.textDocument.offsetAt(item.selectionRange.start));
        return isNamedElement(found?.target) ? found.target : undefined;
    }
}

/** Returns the element's type as words: `feature group` for FeatureGroup. */
function kindLabel(element: NamedElement): string {
    return element.$type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function groupBy<K, V>(values: V[], key: (value: V) => K): Map<K, V[]> {
    const groups = new Map<K, V[]>();
    for (const value of values) {
        const group = groups.get(key(value));
        if (group) {
            group.push(value);
        } else {
            groups.set(key(value), [value]);
        }
    }
    return groups;
}
