import * as tf from '@tensorflow/tfjs-core';
import { decodeTensor, encodeTensor } from './storedTensor.js';
import type { StoredTensor } from './types.js';

/** Options of `Adam`. */
export interface AdamOptions {
  /** Learning rate > 0. Default 1e-3. */
  lr?: number;
  /** First-moment decay in [0, 1). Default 0.9. */
  beta1?: number;
  /** Second-moment decay in [0, 1). Default 0.999. */
  beta2?: number;
  /** Denominator constant > 0. Default 1e-8. */
  epsilon?: number;
  /** Global gradient-norm clip; 0 = none. Default 0. */
  clipNorm?: number;
}

/** Serialisable state of `Adam`. */
export interface AdamState {
  t: number;
  m: Record<string, StoredTensor>;
  v: Record<string, StoredTensor>;
}

/**
 * Adam over named variables, with state that serialises exactly (so a resumed run takes the same
 * steps). Unlike `tf.train.adam` its moments are addressed by the variables' names, not by tfjs'
 * internal ids, which differ between processes.
 *
 * @example
 * ```ts
 * const w = tf.variable(tf.scalar(3));
 * const opt = new Adam({ w }, { lr: 0.1 });
 * const { grads } = tf.variableGrads(() => tf.square(w) as tf.Scalar, [w]);
 * opt.apply({ w: grads[w.name]! });
 * ```
 */
export class Adam {
  readonly lr: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly clipNorm: number;
  private t = 0;
  private readonly m: Record<string, tf.Variable> = {};
  private readonly v: Record<string, tf.Variable> = {};

  constructor(
    private readonly variables: Record<string, tf.Variable>,
    { lr = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, clipNorm = 0 }: AdamOptions = {},
  ) {
    if (!(lr > 0)) throw new Error(`Adam: lr must be > 0, got ${lr}`);
    if (!(beta1 >= 0 && beta1 < 1)) throw new Error(`Adam: beta1 must be in [0, 1), got ${beta1}`);
    if (!(beta2 >= 0 && beta2 < 1)) throw new Error(`Adam: beta2 must be in [0, 1), got ${beta2}`);
    if (!(epsilon > 0)) throw new Error(`Adam: epsilon must be > 0, got ${epsilon}`);
    if (!(clipNorm >= 0)) throw new Error(`Adam: clipNorm must be >= 0, got ${clipNorm}`);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.clipNorm = clipNorm;
    for (const [name, variable] of Object.entries(variables)) {
      this.m[name] = tf.tidy(() => tf.variable(tf.zerosLike(variable), false));
      this.v[name] = tf.tidy(() => tf.variable(tf.zerosLike(variable), false));
    }
  }

  /** Number of updates applied so far. */
  get steps(): number {
    return this.t;
  }

  /**
   * Applies one update from gradients keyed by variable name (a missing gradient means zero: the
   * variable did not take part in this step). Disposes nothing it is given.
   */
  apply(grads: Record<string, tf.Tensor>): void {
    this.t += 1;
    const { beta1, beta2, epsilon } = this;
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    tf.tidy(() => {
      let scale: tf.Tensor | null = null;
      if (this.clipNorm > 0) {
        const squares = Object.values(grads).map((g) => tf.sum(tf.square(g)));
        const norm = tf.sqrt(tf.addN(squares));
        scale = tf.minimum(tf.scalar(1), tf.div(tf.scalar(this.clipNorm), tf.add(norm, tf.scalar(1e-12))));
      }
      for (const [name, variable] of Object.entries(this.variables)) {
        let g = grads[name];
        if (!g) continue;
        if (scale) g = tf.mul(g, scale);
        const m = this.m[name]!;
        const v = this.v[name]!;
        const m1 = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const v1 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
        m.assign(m1);
        v.assign(v1);
        const step = tf.div(tf.mul(m1, this.lr / c1), tf.add(tf.sqrt(tf.div(v1, c2)), epsilon));
        variable.assign(tf.sub(variable, step));
      }
    });
  }

  /** The moments and step count as JSON (reads the moments from the backend). */
  getState(): AdamState {
    const m: Record<string, StoredTensor> = {};
    const v: Record<string, StoredTensor> = {};
    for (const name of Object.keys(this.m)) {
      m[name] = encodeTensor(this.m[name]!.dataSync() as Float32Array, this.m[name]!.shape);
      v[name] = encodeTensor(this.v[name]!.dataSync() as Float32Array, this.v[name]!.shape);
    }
    return { t: this.t, m, v };
  }

  /** Restores `getState()`'s output; every variable's moments must be present with its shape. */
  setState(state: AdamState): void {
    if (!state || !Number.isInteger(state.t) || state.t < 0) {
      throw new Error(`Adam.setState: state.t must be an integer >= 0, got ${state?.t}`);
    }
    for (const name of Object.keys(this.m)) {
      for (const [key, store] of [['m', this.m], ['v', this.v]] as const) {
        const stored = state[key][name];
        if (!stored) throw new Error(`Adam.setState: state.${key} lacks variable '${name}'`);
        const { values, shape } = decodeTensor(stored);
        const target = store[name]!;
        if (shape.join(',') !== target.shape.join(',')) {
          throw new Error(`Adam.setState: state.${key}['${name}'] has shape [${shape}], expected [${target.shape}]`);
        }
        tf.tidy(() => target.assign(tf.tensor(values, shape, 'float32')));
      }
    }
    this.t = state.t;
  }

  /** Frees the moments. */
  dispose(): void {
    for (const x of [...Object.values(this.m), ...Object.values(this.v)]) x.dispose();
  }
}
