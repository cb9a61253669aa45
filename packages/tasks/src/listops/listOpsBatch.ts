import * as tf from '@tensorflow/tfjs-core';
import type { ListOpsExample } from '@dccg/datasets';
import { LISTOPS_VOCAB_SIZE } from '@dccg/datasets';
import type { Batch } from '../engine/types.js';

/** ListOps examples as padded tensors (padding at the end of each row), plus the host arrays metrics read. */
export interface ListOpsBatch extends Batch {
  /** Token ids [B, L], int32; padding is `LISTOPS_VOCAB_SIZE`. */
  readonly ids: tf.Tensor2D;
  /** 1 on real tokens, 0 on padding [B, L]. */
  readonly mask: tf.Tensor2D;
  /** 1 on tokens that choose a parent (real, not the root at position 0) [B, L]. */
  readonly childMask: tf.Tensor2D;
  /** 1 where token i may choose token j as its parent [B, L, L]. */
  readonly pairMask: tf.Tensor3D;
  /**
   * The true parse: 1 at [b, i, parent of i] for every token but the root and the closing brackets
   * [B, L, L] (the `given` parse; a closing bracket carries no argument, so it sends nothing). Null
   * unless the batch was made with `trueParse: true`.
   */
  readonly parentMatrix: tf.Tensor3D | null;
  /** Expression values [B], int32. */
  readonly labels: tf.Tensor1D;
  /** Flat index `b·L + length_b − 1` of each row's last token [B], int32. */
  readonly lastIndex: tf.Tensor1D;
  /** Padded length L. */
  readonly length: number;
  /** The examples, in batch order. */
  readonly examples: readonly ListOpsExample[];
}

/** Options of `makeListOpsBatch`. */
export interface ListOpsBatchOptions {
  /** Allowed parents: `all` other real tokens or only those `before` the token. Default `all`. */
  parents?: 'all' | 'before';
  /**
   * Whether closing brackets choose a parent (`choose`, the paper's setting: the metric ignores them)
   * or, carrying no argument, choose none and send nothing (`silent`). Default `choose`.
   */
  closing?: 'choose' | 'silent';
  /** Also build `parentMatrix`, the true parse (for a model with `parse: 'given'`). Default false. */
  trueParse?: boolean;
}

/**
 * Pads ListOps examples into a `ListOpsBatch`. The masks are made on the host once per batch, so the
 * model's step has no data-dependent host work.
 *
 * @example
 * ```ts
 * const batch = makeListOpsBatch([listOpsExample('[MAX 2 3 ]')]);
 * batch.ids.shape; // [1, 4]
 * batch.dispose();
 * ```
 */
export function makeListOpsBatch(examples: readonly ListOpsExample[], options: ListOpsBatchOptions = {}): ListOpsBatch {
  const { parents = 'all', closing = 'choose', trueParse = false } = options;
  if (examples.length === 0) throw new Error('makeListOpsBatch: examples must not be empty');
  if (parents !== 'all' && parents !== 'before') throw new Error(`makeListOpsBatch: parents must be 'all' or 'before', got ${String(parents)}`);
  if (closing !== 'choose' && closing !== 'silent') throw new Error(`makeListOpsBatch: closing must be 'choose' or 'silent', got ${String(closing)}`);
  if (typeof trueParse !== 'boolean') throw new Error(`makeListOpsBatch: trueParse must be a boolean, got ${String(trueParse)}`);
  const B = examples.length;
  const L = Math.max(...examples.map((e) => e.ids.length));
  const ids = new Int32Array(B * L).fill(LISTOPS_VOCAB_SIZE);
  const mask = new Float32Array(B * L);
  const child = new Float32Array(B * L);
  const pair = new Float32Array(B * L * L);
  const truth = trueParse ? new Float32Array(B * L * L) : null;
  const labels = new Int32Array(B);
  const last = new Int32Array(B);
  examples.forEach((e, b) => {
    const n = e.ids.length;
    ids.set(e.ids, b * L);
    mask.fill(1, b * L, b * L + n);
    child.fill(1, b * L + 1, b * L + n);
    labels[b] = e.value;
    last[b] = b * L + n - 1;
    for (let i = 1; i < n; i++) {
      const row = (b * L + i) * L;
      const end = parents === 'before' ? i : n;
      pair.fill(1, row, row + end);
      if (parents === 'all') pair[row + i] = 0;
      const closes = e.tokens[i] === ']';
      if (closes && closing === 'silent') child[b * L + i] = 0;
      if (truth && !closes) truth[row + e.parents[i]!] = 1;
    }
  });
  const tensors = {
    ids: tf.tensor2d(ids, [B, L], 'int32'),
    mask: tf.tensor2d(mask, [B, L]),
    childMask: tf.tensor2d(child, [B, L]),
    // The root's row allows every other token so that its (discarded) softmax stays finite.
    pairMask: tf.tensor3d(fillRootRows(pair, examples, L), [B, L, L]),
    parentMatrix: truth ? tf.tensor3d(truth, [B, L, L]) : null,
    labels: tf.tensor1d(labels, 'int32'),
    lastIndex: tf.tensor1d(last, 'int32'),
  };
  return {
    ...tensors,
    size: B,
    length: L,
    examples,
    dispose() {
      for (const t of Object.values(tensors)) t?.dispose();
    },
  };
}

function fillRootRows(pair: Float32Array, examples: readonly ListOpsExample[], L: number): Float32Array {
  examples.forEach((e, b) => {
    const n = e.ids.length;
    // Root row (i = 0) and padding rows: any real token but the first, so no row is all −∞.
    for (const i of [0, ...Array.from({ length: L - n }, (_, k) => n + k)]) {
      const row = (b * L + i) * L;
      if (n > 1) pair.fill(1, row + 1, row + n);
      else pair[row] = 1;
    }
  });
  return pair;
}
