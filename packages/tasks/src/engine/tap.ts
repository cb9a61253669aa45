import * as tf from '@tensorflow/tfjs-core';
import type { NodeDiagnostics, TapOptions } from './types.js';

/** Kept scalars a diagnostic tap collected during one step; read them after the backward pass. */
export interface TapRecord {
  gradSquares: tf.Scalar[];
  topProb: tf.Scalar[];
  entropy: tf.Scalar[];
}

/** The identity tap used when a step records nothing. */
export function identityTap(_name: string, logits: tf.Tensor): tf.Tensor {
  return logits;
}

/**
 * A tap that records, per node name, the saturation of `softmax(logits)` in the forward pass and the
 * squared L2 norm of the gradient that reaches the logits in the backward pass (through a `customGrad`
 * identity, so no second pass and no host round trip). The recorded scalars are `tf.keep`-ed; call
 * `readTapRecords` once after the step, which disposes them.
 *
 * @example
 * ```ts
 * const records = new Map<string, TapRecord>();
 * const tap = recordingTap(records);
 * const { grads } = tf.variableGrads(() => lossOf(tap('parent', logits)), vars);
 * readTapRecords(records); // { parent: { gradNorm, topProb, entropy } }
 * ```
 */
export function recordingTap(records: Map<string, TapRecord>) {
  return (name: string, logits: tf.Tensor, options: TapOptions = {}): tf.Tensor => {
    const { axis = -1, rowMask } = options;
    const rank = logits.rank;
    const ax = axis < 0 ? rank + axis : axis;
    if (!(ax >= 0 && ax < rank)) throw new Error(`tap: axis must be in [-${rank}, ${rank}), got ${axis} for node '${name}'`);
    let rec = records.get(name);
    if (!rec) {
      rec = { gradSquares: [], topProb: [], entropy: [] };
      records.set(name, rec);
    }
    const r = rec;
    tf.tidy(() => {
      const last = ax === rank - 1 ? logits : tf.transpose(logits, [...range(rank).filter((d) => d !== ax), ax]);
      const logp = tf.logSoftmax(last);
      const p = tf.exp(logp);
      const top = tf.max(p, -1);
      const ent = tf.neg(tf.sum(tf.mul(p, logp), -1));
      const mask = rowMask ? tf.cast(rowMask, 'float32') : tf.onesLike(top);
      const n = tf.maximum(tf.sum(mask), 1);
      r.topProb.push(tf.keep(tf.div(tf.sum(tf.mul(top, mask)), n) as tf.Scalar));
      r.entropy.push(tf.keep(tf.div(tf.sum(tf.mul(ent, mask)), n) as tf.Scalar));
    });
    const id = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
      value: tf.clone(args[0] as tf.Tensor),
      gradFunc: (dy: tf.Tensor) => {
        r.gradSquares.push(tf.keep(tf.sum(tf.square(dy)) as tf.Scalar));
        return dy;
      },
    }));
    return id(logits);
  };
}

/** Reads and disposes what a recording tap collected (a node tapped several times is averaged; its gradients add). */
export function readTapRecords(records: Map<string, TapRecord>): Record<string, NodeDiagnostics> {
  const out: Record<string, NodeDiagnostics> = {};
  for (const [name, r] of records) {
    const read = (xs: tf.Scalar[]) => xs.map((x) => x.dataSync()[0]!);
    const g = read(r.gradSquares);
    const t = read(r.topProb);
    const e = read(r.entropy);
    out[name] = {
      gradNorm: Math.sqrt(g.reduce((a, b) => a + b, 0)),
      topProb: t.length ? t.reduce((a, b) => a + b, 0) / t.length : NaN,
      entropy: e.length ? e.reduce((a, b) => a + b, 0) / e.length : NaN,
    };
    for (const x of [...r.gradSquares, ...r.topProb, ...r.entropy]) x.dispose();
  }
  records.clear();
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
