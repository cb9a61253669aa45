import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { readNangiaTsv, readPaperJson } from '@dccg/datasets';
import type { ListOpsExample } from '@dccg/datasets';
import { listOpsData, listOpsTask } from '@dccg/tasks';
import type { ListOpsModelKind, ListOpsSample } from '@dccg/tasks';
import { parseChoice, parseInteger, parseRate } from '../commands/options.js';
import { escapeHtml } from '../report/buildReport.js';
import type { CliTask, ReportSection, RunData } from './types.js';

const MODELS: readonly ListOpsModelKind[] = ['dccg', 'gnn', 'lstm'];

/**
 * Reads a ListOps file for `dccg eval`: the paper's JSON (an object keyed by length) or Nangia &
 * Bowman's TSV (`label<TAB>expression`), told apart by the extension (`.tsv`) or the first character.
 */
export function readListOpsFile(file: string): ListOpsExample[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`dccg eval listops: cannot read --data ${file}: ${(err as Error).message}`);
  }
  const source = basename(file);
  return file.endsWith('.tsv') || !text.trimStart().startsWith('{') ? readNangiaTsv(text, { source }) : readPaperJson(text, { source });
}

/**
 * `dccg train listops`: the paper's ListOps task. Presets:
 * - `quick`: under 10 minutes on 2 CPU cores (wasm): 4,000 training expressions of depth ≤ 5 and at
 *   most 30 tokens, 40 epochs, batch 50, lr 2e-3, and schedules compressed to the short run
 *   (γ = 0.015, α step 1/130, so α reaches 1 after 130 of the 400 update events, β ≈ 0.95τ after 200),
 *   token embeddings drawn from N(0, 1) (PyTorch's `nn.Embedding` default). Its model differs from the
 *   paper's in three options: parents only among earlier tokens, silent closing brackets, and node
 *   states recomputed each round (`x ← emb(tok) + msg`); with the paper's model the value nodes stall
 *   in this budget and it trails the LSTM (docs/listops.md has the measurements).
 * - `paper`: d = 60, batch 100, 100 epochs, lr 5e-4, τ = 1, γ = 0.008, α step 1/500, 10 update events
 *   per epoch; 100,000 training expressions (the reference's files are not available, so this is our
 *   default), at most 100 tokens; dev/test 2,000 per depth, extrapolation sets of depth 8 and 10;
 *   the paper's model and U(−0.1, 0.1) token embeddings (`--embedding-init normal` for N(0, 1)).
 */
export const listops: CliTask = {
  name: 'listops',
  description: 'ListOps: unsupervised parsing and evaluation of nested MIN/MAX/MED expressions (Friede & Niepert, §5.1)',
  defaultPreset: 'quick',
  presets: {
    quick: {
      epochs: 40,
      batchSize: 50,
      lr: 2e-3,
      tau: 1,
      gamma: 0.015,
      alphaStep: 1 / 130,
      variant: 'tm+dropres',
      model: 'dccg',
      d: 60,
      rounds: 5,
      trainSize: 4000,
      evalPerDepth: 100,
      extrapolationSize: 50,
      maxLength: 30,
      extrapolationMaxLength: 200,
      dataSeed: 0,
      parents: 'before',
      embeddingInit: 'normal',
      opVariant: 'paper',
      messageActivation: 'none',
      parse: 'learned',
      embeddings: 'shared',
      valueLogits: 'head',
      closing: 'silent',
      dropout: 0.1,
      update: 'recompute',
    },
    paper: {
      epochs: 100,
      batchSize: 100,
      lr: 5e-4,
      tau: 1,
      gamma: 0.008,
      alphaStep: 1 / 500,
      variant: 'tm+dropres',
      model: 'dccg',
      d: 60,
      rounds: 5,
      trainSize: 100_000,
      evalPerDepth: 2000,
      extrapolationSize: 2000,
      maxLength: 100,
      dataSeed: 0,
      parents: 'all',
      embeddingInit: 'uniform',
      opVariant: 'paper',
      messageActivation: 'none',
      parse: 'learned',
      embeddings: 'shared',
      valueLogits: 'head',
      closing: 'choose',
      dropout: 0.1,
      update: 'accumulate',
    },
  },
  addOptions(command: Command): void {
    command
      .option('--model <kind>', `model: ${MODELS.join(' | ')} (the paper's, the continuous GNN, the LSTM baseline)`, parseChoice('--model', MODELS))
      .option('--d <n>', 'hidden size d', parseInteger('--d', 1))
      .option('--rounds <n>', 'message-passing rounds', parseInteger('--rounds', 1))
      .option('--parents <which>', "parent candidates: all | before (only earlier tokens)", parseChoice('--parents', ['all', 'before'] as const))
      .option('--embedding-init <how>', 'token embeddings: uniform (U(-0.1, 0.1)) | normal (N(0, 1))', parseChoice('--embedding-init', ['uniform', 'normal'] as const))
      .option('--message-activation <a>', "after the message MLP's second layer: none (linear, aggregated first) | relu (the reference's, per pair)", parseChoice('--message-activation', ['none', 'relu'] as const))
      .option('--parse <source>', 'learned (the parent node) | given (the true parse: an upper bound for the parser)', parseChoice('--parse', ['learned', 'given'] as const))
      .option('--embeddings <which>', 'shared (one token embedding) | separate (the parser and the GNN each have one, as the reference does)', parseChoice('--embeddings', ['shared', 'separate'] as const))
      .option('--value-logits <how>', "value nodes' logits: head (the value head shared with the output) | tied (against the digit embeddings)", parseChoice('--value-logits', ['head', 'tied'] as const))
      .option('--closing <how>', 'closing brackets: choose (a parent, as every token) | silent (no parent, no message)', parseChoice('--closing', ['choose', 'silent'] as const))
      .option('--update <how>', 'node update per round: accumulate (x <- x + msg) | recompute (x <- emb(token) + msg)', parseChoice('--update', ['accumulate', 'recompute'] as const))
      .option('--dropout <p>', 'dropout rate in the message MLP, in [0, 1)', parseRate('--dropout'))
      .option('--train-size <n>', 'training expressions (depth 1-5)', parseInteger('--train-size', 1))
      .option('--eval-per-depth <n>', 'dev and test expressions per depth 1-5', parseInteger('--eval-per-depth', 1))
      .option('--extrapolation-size <n>', 'expressions in each extrapolation set (depth 8, 10); 0 = none', parseInteger('--extrapolation-size', 0))
      .option('--max-length <n>', 'longest train/dev/test expression in tokens', parseInteger('--max-length', 4))
      .option('--extrapolation-max-length <n>', 'longest extrapolation expression in tokens', parseInteger('--extrapolation-max-length', 4))
      .option('--data-seed <n>', 'seed of the generated data', parseInteger('--data-seed', 0))
      .option('--op-variant <v>', 'operators: paper (MIN MAX MED) | nangia (adds SM)', parseChoice('--op-variant', ['paper', 'nangia'] as const));
  },
  async build(options, context) {
    const model = {
      kind: options.model as ListOpsModelKind,
      d: options.d as number,
      rounds: options.rounds as number,
      parents: options.parents as 'all' | 'before',
      embeddingInit: options.embeddingInit as 'normal' | 'uniform',
      messageActivation: options.messageActivation as 'relu' | 'none',
      parse: options.parse as 'learned' | 'given',
      sharedEmbedding: options.embeddings === 'shared',
      valueLogits: options.valueLogits as 'head' | 'tied',
      closing: options.closing as 'choose' | 'silent',
      dropout: options.dropout as number,
      update: options.update as 'accumulate' | 'recompute',
    };
    if (context.evalFile) {
      const test = readListOpsFile(context.evalFile);
      return listOpsTask({ data: { train: [], dev: [], test }, model });
    }
    const data = listOpsData({
      seed: options.dataSeed as number,
      trainSize: options.trainSize as number,
      evalPerDepth: options.evalPerDepth as number,
      extrapolationSize: options.extrapolationSize as number,
      maxLength: options.maxLength as number,
      ...(options.extrapolationMaxLength !== undefined ? { extrapolationMaxLength: options.extrapolationMaxLength as number } : {}),
      variant: options.opVariant as 'paper' | 'nangia',
    });
    return listOpsTask({ data, model });
  },
  reportSections(run: RunData): ReportSection[] {
    const samples = (run.results?.samples ?? []) as ListOpsSample[];
    if (samples.length === 0) return [];
    const parts = samples.map((s, i) => {
      const ok = s.predicted === s.value;
      const edges = s.predictedParents ? parentAccuracyOf(s) : null;
      return `<div class="sample">
<p><b>#${i + 1}</b> depth ${s.depth}: <code>${escapeHtml(s.tokens.join(' '))}</code><br>
true value <b>${s.value}</b>, predicted <b style="color:${ok ? '#1a7f37' : '#c62828'}">${s.predicted}</b>${edges !== null ? `; parent edges right: ${edges.hit}/${edges.count}` : ''}</p>
<div class="trees"><div><h4>true parse tree</h4>${treeSvg(s.tokens, s.parents, s.values, null)}</div>${
        s.predictedParents
          ? `<div><h4>predicted parse tree (red: wrong parent)</h4>${treeSvg(s.tokens, s.predictedParents, s.predictedValues, s.parents)}</div>`
          : '<div><h4>(no predicted tree: the LSTM baseline has none, and a given parse is the true one)</h4></div>'
      }</div></div>`;
    });
    return [
      {
        title: 'Test expressions: true and predicted parse trees',
        html: `<style>.trees { display: flex; gap: 24px; flex-wrap: wrap; } .trees h4 { margin: 2px 0; font-size: 12px; color: #556; } .sample { border-top: 1px solid #eef; padding-top: 6px; } svg text { font: 11px ui-monospace, monospace; }</style>\n${parts.join('\n')}`,
      },
    ];
  },
};

function parentAccuracyOf(s: ListOpsSample): { hit: number; count: number } {
  let hit = 0;
  let count = 0;
  for (let i = 1; i < s.tokens.length; i++) {
    if (s.tokens[i] === ']') continue;
    count += 1;
    if (s.predictedParents![i] === s.parents[i]) hit += 1;
  }
  return { hit, count };
}

/**
 * Draws a parse tree as SVG: tokens in reading order left to right, each at the height of its depth
 * (hops to the root along `parents`), an edge from each token to its parent. Closing brackets are
 * left out. With `truth`, edges that disagree with it are red; a token whose parent chain loops is
 * drawn at the bottom, marked with a dashed edge.
 */
export function treeSvg(tokens: readonly string[], parents: readonly number[], values: readonly number[] | null, truth: readonly number[] | null): string {
  const n = tokens.length;
  const shown = tokens.map((t, i) => i === 0 || t !== ']');
  const depth = new Array<number>(n).fill(0);
  const loops = new Array<boolean>(n).fill(false);
  for (let i = 0; i < n; i++) {
    let d = 0;
    let j = i;
    const seen = new Set<number>();
    while (j > 0 && parents[j]! >= 0 && !seen.has(j)) {
      seen.add(j);
      j = parents[j]!;
      d += 1;
    }
    if (j > 0 && seen.has(j)) loops[i] = true;
    depth[i] = d;
  }
  const maxDepth = Math.max(1, ...depth.filter((_, i) => shown[i] && !loops[i]));
  const dx = 30;
  const dy = 46;
  const xs: number[] = [];
  let col = 0;
  for (let i = 0; i < n; i++) {
    xs.push(20 + col * dx);
    if (shown[i]) col += 1;
  }
  const y = (i: number) => 22 + (loops[i] ? maxDepth + 1 : depth[i]!) * dy;
  const width = 40 + Math.max(1, col - 1) * dx;
  const height = 50 + (maxDepth + 1) * dy;
  const lines: string[] = [];
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    if (!shown[i]) continue;
    const p = parents[i]!;
    if (i > 0 && p >= 0 && p < n) {
      const wrong = truth !== null && truth[i] !== p;
      const px = xs[p]!;
      const below = values && tokens[p]?.startsWith('[') ? 17 : 5;
      lines.push(
        `<line x1="${xs[i]}" y1="${y(i) - 10}" x2="${px}" y2="${y(p) + below}" stroke="${wrong ? '#c62828' : '#7a8599'}" stroke-width="${wrong ? 1.8 : 1.2}"${loops[i] ? ' stroke-dasharray="3 2"' : ''}/>`,
      );
    }
    const tok = tokens[i]!.replace('[', '');
    const v = values && tokens[i]!.startsWith('[') && values[i]! >= 0 ? `=${values[i]}` : '';
    const isOp = tokens[i]!.startsWith('[');
    labels.push(
      `<text x="${xs[i]}" y="${y(i)}" text-anchor="middle" fill="${isOp ? '#1f3a93' : '#222'}" font-weight="${isOp ? 600 : 400}">${escapeHtml(tok)}</text>` +
        (v ? `<text x="${xs[i]}" y="${y(i) + 12}" text-anchor="middle" fill="#6b7280" font-size="10">${escapeHtml(v)}</text>` : ''),
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${lines.join('')}${labels.join('')}</svg>`;
}
