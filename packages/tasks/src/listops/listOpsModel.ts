import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';
import { gumbelSoftmax } from '@dccg/gumbel';
import { dropres } from '@dccg/dropres';
import { LISTOPS_DIGIT_OFFSET, LISTOPS_VOCAB_SIZE } from '@dccg/datasets';
import { constantVariable, createLstm, dense, dropout, glorotVariable, matMul, pairReluSum, runLstm, stackedLstmMask } from '../engine/layers.js';
import type { LstmWeights } from '../engine/layers.js';
import type { ForwardResult, StepContext, TaskModel } from '../engine/types.js';
import type { ListOpsBatch } from './listOpsBatch.js';

/** Which ListOps model: the paper's (`dccg`), the continuous GNN baseline, the LSTM baseline. */
export type ListOpsModelKind = 'dccg' | 'gnn' | 'lstm';

/** Config of a ListOps model (JSON: it is stored in checkpoints). */
export interface ListOpsModelConfig {
  /** Model kind. Default `dccg`. */
  kind?: ListOpsModelKind;
  /** Hidden size d. Default 60. */
  d?: number;
  /** Message-passing rounds. Default 5 (values are discretised after each but the last). */
  rounds?: number;
  /** Dropout rate in the message MLP. Default 0.1. */
  dropout?: number;
  /**
   * Which positions a token may choose as its parent: `all` (every other token; the paper's setting)
   * or `before` (only earlier tokens, where every parent of a prefix expression lies). Default `all`.
   */
  parents?: 'all' | 'before';
  /**
   * Closing brackets: `choose` a parent like every other token (the paper's setting; the edge metric
   * ignores them) or stay `silent` (no parent, no message: a closing bracket is no argument). Default `choose`.
   */
  closing?: 'choose' | 'silent';
  /**
   * Token-embedding initialisation: `normal` (N(0, 1), PyTorch's `nn.Embedding` default, so the digit
   * embeddings a value node emits have norm ≈ √d) or `uniform` (U(−0.1, 0.1)). Default `uniform`.
   */
  embeddingInit?: 'normal' | 'uniform';
  /**
   * The activation after the message MLP's second layer: `relu` (the reference implementation's:
   * every message is `relu(W2·dropout(relu(W1·[emb(tok_i), x_j])) + b2)`, computed per pair) or `none`
   * (the second layer stays linear, so the A-weighted sum over senders is taken before it: an L·d²
   * instead of an L²·d² product). Default `none`.
   */
  messageActivation?: 'relu' | 'none';
  /**
   * Where the parse comes from: `learned` (the parent choice, a discrete node) or `given` (the true
   * parse tree; no parent node and no parser LSTMs: the upper bound of what a parser can give the GNN).
   * Default `learned`.
   */
  parse?: 'learned' | 'given';
  /**
   * One token embedding shared by the parser and the GNN (default), or two (`false`), as in the
   * reference implementation, where the encoder and the GNN embed the tokens separately and the value
   * centroids are the GNN's digit embeddings.
   */
  sharedEmbedding?: boolean;
  /**
   * The value nodes' logits: `head` (the value head d → d → 10, shared with the output; the paper's),
   * `tied` (`x·Eᵀ/√d` against the digit embeddings E that a value node emits, so a digit's own state
   * already scores its value; the output keeps the head). Default `head`.
   */
  valueLogits?: 'head' | 'tied';
  /**
   * The node update of each round: `accumulate` (`x ← x + msg`, the paper's) or `recompute`
   * (`x ← emb(tok) + msg`: a node's new state is its token plus what its children send now, so the value
   * a value node chose in an earlier round, from children not yet evaluated, does not persist; the
   * discrete values reach the rest of the graph only through the messages). Default `accumulate`.
   */
  update?: 'accumulate' | 'recompute';
}

/** Value classes 0..9. */
const CLASSES = 10;
/** Padding token id (one past the vocabulary: it has its own embedding row and is masked everywhere). */
export const LISTOPS_PAD_ID = LISTOPS_VOCAB_SIZE;
const NEG = -1e9;

/** Fills a `ListOpsModelConfig`'s defaults and checks it. */
export function resolveListOpsModelConfig(config: ListOpsModelConfig = {}): Required<ListOpsModelConfig> {
  const c = {
    kind: 'dccg' as ListOpsModelKind,
    d: 60,
    rounds: 5,
    dropout: 0.1,
    parents: 'all' as const,
    closing: 'choose' as const,
    embeddingInit: 'uniform' as const,
    messageActivation: 'none' as const,
    parse: 'learned' as const,
    sharedEmbedding: true,
    valueLogits: 'head' as const,
    update: 'accumulate' as const,
    ...config,
  };
  if (!['dccg', 'gnn', 'lstm'].includes(c.kind)) throw new Error(`listOpsModel: kind must be dccg, gnn or lstm, got ${String(c.kind)}`);
  if (!Number.isInteger(c.d) || c.d < 1) throw new Error(`listOpsModel: d must be an integer >= 1, got ${c.d}`);
  if (!Number.isInteger(c.rounds) || c.rounds < 1) throw new Error(`listOpsModel: rounds must be an integer >= 1, got ${c.rounds}`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new Error(`listOpsModel: dropout must be in [0, 1), got ${c.dropout}`);
  if (c.parents !== 'all' && c.parents !== 'before') throw new Error(`listOpsModel: parents must be 'all' or 'before', got ${String(c.parents)}`);
  if (c.embeddingInit !== 'normal' && c.embeddingInit !== 'uniform') throw new Error(`listOpsModel: embeddingInit must be 'normal' or 'uniform', got ${String(c.embeddingInit)}`);
  if (c.closing !== 'choose' && c.closing !== 'silent') throw new Error(`listOpsModel: closing must be 'choose' or 'silent', got ${String(c.closing)}`);
  if (c.messageActivation !== 'relu' && c.messageActivation !== 'none') throw new Error(`listOpsModel: messageActivation must be 'relu' or 'none', got ${String(c.messageActivation)}`);
  if (c.parse !== 'learned' && c.parse !== 'given') throw new Error(`listOpsModel: parse must be 'learned' or 'given', got ${String(c.parse)}`);
  if (c.valueLogits !== 'head' && c.valueLogits !== 'tied') throw new Error(`listOpsModel: valueLogits must be 'head' or 'tied', got ${String(c.valueLogits)}`);
  if (c.update !== 'accumulate' && c.update !== 'recompute') throw new Error(`listOpsModel: update must be 'accumulate' or 'recompute', got ${String(c.update)}`);
  if (typeof c.sharedEmbedding !== 'boolean') throw new Error(`listOpsModel: sharedEmbedding must be a boolean, got ${String(c.sharedEmbedding)}`);
  return c;
}

/** Discrete node names of the paper's model: the parent choice, then the value after rounds 1..rounds−1. */
export function listOpsNodeNames(rounds = 5): string[] {
  return ['parent', ...Array.from({ length: rounds - 1 }, (_, r) => `value${r + 1}`)];
}

/** A ListOps model: `TaskModel` plus a copy with another number of rounds sharing the weights. */
export interface ListOpsModel extends TaskModel<ListOpsBatch> {
  readonly config: Required<ListOpsModelConfig> & Record<string, unknown>;
  /** The same weights run with `rounds` message-passing rounds (extrapolation to deeper expressions). */
  withRounds(rounds: number): ListOpsModel;
}

interface Weights {
  embedding: tf.Variable;
  /** Queries and keys: two LSTMs of size d run as one of size 2d with a block-diagonal recurrent mask. */
  lstmQK: LstmWeights;
  lstm: LstmWeights;
  /** Message MLP: first layer split into the receiver's token part and the sender's state part. */
  mlpTok: tf.Variable;
  mlpState: tf.Variable;
  mlpB1: tf.Variable;
  mlpW2: tf.Variable;
  mlpB2: tf.Variable;
  /** Value head d → d → 10, shared by the discretisation and the output. */
  headW1: tf.Variable;
  headB1: tf.Variable;
  headW2: tf.Variable;
  headB2: tf.Variable;
  /** The GNN's own token embedding (`sharedEmbedding: false`), else null. */
  gnnEmbedding: tf.Variable | null;
}

/**
 * Creates a ListOps model from its config, initialised from `rng`.
 *
 * - `dccg` (the paper's): token embedding (vocabulary × d), two one-layer LSTMs give queries and keys
 *   (run as one LSTM of size 2d whose recurrent weights are masked block-diagonal: the same function),
 *   parent scores `A = q·kᵀ` (masked: no self, no padding; the root's row zeroed), a Gumbel-softmax per
 *   row (each token chooses its parent), then `rounds` rounds of message passing where node i receives
 *   `Σ_j A[j,i]·MLP([emb(tok_i), x_j])` and `x ← x + msg` (or `x ← emb(tok) + msg` with `update: 'recompute'`); after each round but the last, each node's
 *   state is discretised to a value 0..9 (the head d → d → 10, a Gumbel-softmax, times the digit tokens'
 *   embeddings) through DROPRES. The output is the head on the root.
 * - `gnn`: the same graph, no value discretisation (continuous states).
 * - `lstm`: one LSTM over the tokens, the head on the last state.
 *
 * Exact rewrites for speed: the MLP's first layer is linear in the concatenation, so it is computed
 * per node (`emb·W_tok` and `x·W_state`) and broadcast over pairs; its second layer is linear too, so the
 * A-weighted sum over senders is taken before it (`(Σ_j A_ji·relu(h_ij))·W2 + (Σ_j A_ji)·b2`), which
 * turns an L²·d² matmul into an L·d² one. Dropout acts on that aggregated hidden layer. The remaining
 * `Σ_j A_ji·relu(tok_i + sender_j)` runs as one fused kernel where the backend has it (`pairReluSum`),
 * which never stores the [B, L, L, d] pair activations. Both LSTMs'
 * input projections are one matmul over all time steps.
 *
 * @example
 * ```ts
 * const model = createListOpsModel({ kind: 'dccg', d: 60 }, createRng(0));
 * const { loss } = model.forward(batch, ctx);
 * ```
 */
export function createListOpsModel(config: ListOpsModelConfig, rng: Rng): ListOpsModel {
  const c = resolveListOpsModelConfig(config);
  const { d } = c;
  const vocab = LISTOPS_VOCAB_SIZE + 1;
  const embedding = (): tf.Variable =>
    tf.tidy(() => {
      if (c.embeddingInit === 'uniform') return tf.variable(tf.mul(tf.sub(tf.mul(rng.uniform([vocab, d]), 2), 1), 0.1), true);
      // Box–Muller: √(−2 ln u1)·cos(2π u2) is N(0, 1); u is strictly inside (0, 1), so no log(0).
      const u = rng.uniform([2, vocab, d]);
      const u1 = tf.squeeze(tf.slice(u, [0, 0, 0], [1, vocab, d]), [0]);
      const u2 = tf.squeeze(tf.slice(u, [1, 0, 0], [1, vocab, d]), [0]);
      return tf.variable(tf.mul(tf.sqrt(tf.mul(-2, tf.log(u1))), tf.cos(tf.mul(2 * Math.PI, u2))), true);
    });
  const w: Weights = {
    embedding: embedding(),
    lstmQK: createLstm(d, 2 * d, rng),
    lstm: createLstm(d, d, rng),
    mlpTok: glorotVariable([d, d], rng),
    mlpState: glorotVariable([d, d], rng),
    mlpB1: constantVariable([d], 0),
    mlpW2: glorotVariable([d, d], rng),
    mlpB2: constantVariable([d], 0),
    headW1: glorotVariable([d, d], rng),
    headB1: constantVariable([d], 0),
    headW2: glorotVariable([d, CLASSES], rng),
    headB2: constantVariable([CLASSES], 0),
    // Drawn last, so that the other weights are the same draws with or without it.
    gnnEmbedding: c.sharedEmbedding || c.kind === 'lstm' ? null : embedding(),
  };
  const all: Record<string, tf.Variable> = {
    embedding: w.embedding,
    'head/w1': w.headW1,
    'head/b1': w.headB1,
    'head/w2': w.headW2,
    'head/b2': w.headB2,
  };
  const lstm = (prefix: string, l: LstmWeights) => {
    all[`${prefix}/wx`] = l.wx;
    all[`${prefix}/wh`] = l.wh;
    all[`${prefix}/b`] = l.b;
  };
  const unused: tf.Variable[] = [];
  if (c.kind === 'lstm') {
    lstm('lstm', w.lstm);
    unused.push(w.lstmQK.wx, w.lstmQK.wh, w.lstmQK.b, w.mlpTok, w.mlpState, w.mlpB1, w.mlpW2, w.mlpB2);
  } else {
    if (c.parse === 'learned') lstm('lstmQK', w.lstmQK);
    else unused.push(w.lstmQK.wx, w.lstmQK.wh, w.lstmQK.b);
    if (w.gnnEmbedding) all['gnn/embedding'] = w.gnnEmbedding;
    Object.assign(all, { 'mlp/wTok': w.mlpTok, 'mlp/wState': w.mlpState, 'mlp/b1': w.mlpB1, 'mlp/w2': w.mlpW2, 'mlp/b2': w.mlpB2 });
    unused.push(w.lstm.wx, w.lstm.wh, w.lstm.b);
  }
  // Every kind draws the same initial weights from the key (so kinds differ only in what they use).
  for (const v of unused) v.dispose();
  const qkMask = c.kind === 'lstm' || c.parse === 'given' ? null : stackedLstmMask(2, d);
  return makeModel(c, w, all, qkMask);
}

function makeModel(c: Required<ListOpsModelConfig>, w: Weights, variables: Record<string, tf.Variable>, qkMask: tf.Tensor2D | null): ListOpsModel {
  const head = (x: tf.Tensor): tf.Tensor => dense(tf.relu(dense(x, w.headW1, w.headB1)), w.headW2, w.headB2);
  const head3 = (x: tf.Tensor3D): tf.Tensor3D => {
    const [b, l, d] = x.shape;
    return tf.reshape(head(tf.reshape(x, [b * l, d])), [b, l, CLASSES]);
  };
  const model: ListOpsModel = {
    variables,
    config: { ...c },
    withRounds(rounds: number): ListOpsModel {
      return makeModel(resolveListOpsModelConfig({ ...c, rounds }), w, variables, qkMask);
    },
    dispose(): void {
      for (const v of Object.values(variables)) v.dispose();
      qkMask?.dispose();
    },
    forward(batch: ListOpsBatch, ctx: StepContext): ForwardResult {
      const [B, L] = batch.ids.shape;
      const d = c.d;
      const emb = tf.reshape(tf.gather(w.embedding, tf.reshape(batch.ids, [B * L])), [B, L, d]) as tf.Tensor3D;
      const outputs: Record<string, tf.Tensor> = {};
      let logits: tf.Tensor2D;
      if (c.kind === 'lstm') {
        const h = runLstm(w.lstm, emb);
        const last = tf.gather(tf.reshape(h, [B * L, d]), batch.lastIndex);
        logits = head(last) as tf.Tensor2D;
      } else {
        let A: tf.Tensor3D;
        if (c.parse === 'given') {
          if (!batch.parentMatrix) throw new Error("listOpsModel: parse 'given' needs batches made with makeListOpsBatch(examples, { trueParse: true })");
          A = batch.parentMatrix;
        } else {
          const qk = runLstm(w.lstmQK, emb, { recurrentMask: qkMask! });
          const q = tf.slice(qk, [0, 0, 0], [B, L, d]);
          const k = tf.slice(qk, [0, 0, d], [B, L, d]);
          // scores[b, i, j]: how much token i wants token j as its parent.
          let scores = matMul(q, tf.transpose(k, [0, 2, 1])) as tf.Tensor3D;
          scores = tf.add(scores, tf.mul(tf.sub(1, batch.pairMask), NEG)) as tf.Tensor3D;
          scores = ctx.tap('parent', scores, { rowMask: batch.childMask }) as tf.Tensor3D;
          const noise = ctx.rng.split();
          A = gumbelSoftmax(scores, { tau: ctx.tau, beta: ctx.beta, hard: ctx.hard, rng: noise }) as tf.Tensor3D;
          // The root chooses no parent, and padding sends nothing.
          A = tf.mul(A, tf.expandDims(batch.childMask, 2)) as tf.Tensor3D;
          outputs.parents = tf.argMax(scores, 2);
        }
        const table = w.gnnEmbedding ?? w.embedding;
        const gemb = w.gnnEmbedding ? (tf.reshape(tf.gather(w.gnnEmbedding, tf.reshape(batch.ids, [B * L])), [B, L, d]) as tf.Tensor3D) : emb;
        const AT = tf.transpose(A, [0, 2, 1]); // AT[b, i, j] = A[b, j, i]: i receives from its children j
        const flat = (x: tf.Tensor) => tf.reshape(x, [B * L, d]);
        const tok = tf.reshape(dense(flat(gemb), w.mlpTok, w.mlpB1), [B, L, d]) as tf.Tensor3D;
        const digits = tf.slice(table, [LISTOPS_DIGIT_OFFSET, 0], [CLASSES, d]);
        const AT4 = c.messageActivation === 'relu' ? tf.expandDims(AT, 3) : null;
        // Tied value logits x·Eᵀ/√d (only built when used).
        const digitsT = c.valueLogits === 'tied' ? tf.transpose(digits) : null;
        const tied = (v: tf.Tensor3D) => tf.reshape(tf.div(matMul(flat(v), digitsT!), Math.sqrt(d)), [B, L, CLASSES]) as tf.Tensor3D;
        // Σ_j A[j,i]: how many senders each node has, for the second layer's bias after the sum.
        const degree = c.messageActivation === 'none' ? tf.sum(AT, 2, true) : null; // [B, L, 1]
        let x: tf.Tensor3D = gemb;
        let lastValueLogits: tf.Tensor3D | null = null;
        for (let r = 0; r < c.rounds; r++) {
          const sender = tf.reshape(matMul(flat(x), w.mlpState), [B, L, d]) as tf.Tensor3D;
          let msg: tf.Tensor;
          if (c.messageActivation === 'relu') {
            // The reference's message, per pair: relu(W2·dropout(h_ij) + b2), then the A-weighted sum.
            const hidden = tf.relu(tf.add(tf.expandDims(tok, 2), tf.expandDims(sender, 1))); // [B, L(receiver), L(sender), d]
            let h: tf.Tensor = tf.reshape(hidden, [B * L * L, d]);
            if (ctx.training && c.dropout > 0) h = dropout(h, c.dropout, ctx.rng.split());
            const m = tf.reshape(tf.relu(dense(h, w.mlpW2, w.mlpB2)), [B, L, L, d]);
            msg = tf.sum(tf.mul(m, AT4!), 2);
          } else {
            // Σ_j A[j,i]·relu(tok_i + sender_j): one fused kernel where the backend has it (wasm, cpu).
            let agg: tf.Tensor = tf.reshape(pairReluSum(tok, sender, AT), [B * L, d]);
            if (ctx.training && c.dropout > 0) agg = dropout(agg, c.dropout, ctx.rng.split());
            msg = tf.add(tf.reshape(matMul(agg, w.mlpW2), [B, L, d]), tf.mul(degree!, w.mlpB2));
          }
          // accumulate: x ← x + msg (the paper's); recompute: x ← emb(tok) + msg, so a node's value is
          // recomputed from its token and its children's current values, and no stale value persists.
          x = tf.add(c.update === 'recompute' ? gemb : x, msg) as tf.Tensor3D;
          if (c.kind === 'dccg' && r < c.rounds - 1) {
            const raw = c.valueLogits === 'tied' ? tied(x) : head3(x);
            const valueLogits = ctx.tap(`value${r + 1}`, raw, { rowMask: batch.mask }) as tf.Tensor3D;
            lastValueLogits = valueLogits;
            const sample = gumbelSoftmax(valueLogits, { tau: ctx.tau, beta: ctx.beta, hard: ctx.hard, rng: ctx.rng.split() });
            const xd = tf.reshape(matMul(tf.reshape(sample, [B * L, CLASSES]), digits), [B, L, d]);
            x = dropres(x, xd, { alpha: ctx.alpha, mode: ctx.dropresMode, rng: ctx.rng.split() }) as tf.Tensor3D;
          }
        }
        const nodeLogits = head3(x);
        // Each node's value (the intermediate-value metric): with the head, the head on the final state
        // (as the reference reads it); with tied value logits, the value the last value node chose.
        outputs.values = tf.argMax(c.valueLogits === 'tied' && lastValueLogits ? lastValueLogits : nodeLogits, 2);
        logits = tf.squeeze(tf.slice(nodeLogits, [0, 0, 0], [B, 1, CLASSES]), [1]) as tf.Tensor2D;
      }
      const labels = tf.oneHot(batch.labels, CLASSES);
      const loss = tf.mean(tf.neg(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1))) as tf.Scalar;
      const pred = tf.argMax(logits, 1);
      outputs.prediction = pred;
      const accuracy = tf.mean(tf.cast(tf.equal(pred, batch.labels), 'float32')) as tf.Scalar;
      return { loss, outputs, accuracy };
    },
  };
  return model;
}
