import { AstUtils, CstUtils, GrammarUtils, type LangiumDocument } from 'langium';
import { CodeActionKind, TextEdit, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { isExperiment } from '../../generated/ast.js';

/** Decimal places kept at most; shares are percentages, so finer steps carry no meaning. */
const MAX_DECIMALS = 4;

/**
 * Scales shares so that they add up to exactly 100, rounding each to `decimals` places with the
 * largest remainder method. Every share is rounded down, then the units still missing go to the
 * shares with the largest remainders, the earlier share first on a tie. Shares that are all zero
 * become equal. Returns the new shares as text.
 */
export function normaliseShares(shares: number[], decimals: number): string[] {
    const scale = 10 ** decimals;
    const targetUnits = 100 * scale;
    const total = shares.reduce((sum, share) => sum + share, 0);
    const exact = shares.map(share => total > 0 ? share * targetUnits / total : targetUnits / shares.length);
    // The epsilon keeps 30 * 10000 / 60 = 4999.999… from rounding down a whole unit.
    const units = exact.map(value => Math.floor(value + 1e-9));
    let missing = targetUnits - units.reduce((sum, value) => sum + value, 0);

    const byRemainder = exact
        .map((value, index) => ({ index, remainder: value - units[index] }))
        .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
    for (const { index } of byRemainder) {
        if (missing <= 0) {
            break;
        }
        units[index]++;
        missing--;
    }
    return units.map(value => (value / scale).toFixed(decimals));
}

/** Returns the quick fix for traffic-not-100: scale the experiment's variant shares to add up to 100. */
export function normaliseTrafficFix(document: LangiumDocument, diagnostic: Diagnostic): CodeAction | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = root && CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(diagnostic.range.start));
    const experiment = leaf && AstUtils.getContainerOfType(leaf.astNode, isExperiment);
    if (!experiment || experiment.variants.length === 0) {
        return undefined;
    }

    const trafficNodes = experiment.variants
        .map(variant => GrammarUtils.findNodeForProperty(variant.$cstNode, 'traffic'))
        .filter(node => node !== undefined);
    if (trafficNodes.length !== experiment.variants.length) {
        return undefined;
    }
    const texts = trafficNodes.map(node => node.text);
    const decimals = Math.min(MAX_DECIMALS, Math.max(0, ...texts.map(text => text.split('.')[1]?.length ?? 0)));
    const shares = normaliseShares(experiment.variants.map(variant => variant.traffic), decimals);

    const edits: TextEdit[] = [];
    trafficNodes.forEach((node, index) => {
        if (node.text !== shares[index]) {
            edits.push(TextEdit.replace(node.range, shares[index]));
        }
    });
    if (edits.length === 0) {
        return undefined;
    }
    const summary = experiment.variants.map((variant, index) => `${variant.name} ${shares[index]}`).join(', ');
    return {
        title: `Normalise the traffic shares of experiment '${experiment.name}' to 100 % (${summary})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [document.uri.toString()]: edits } }
    };
}
