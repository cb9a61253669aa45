import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dccg/gumbel';

/**
 * A Glorot-uniform initialised variable of `shape` (fan-in and fan-out from the last two dims), drawn
 * from `rng`: the same seed gives the same weights on every backend. Variables are not given tfjs
 * names (those are process-global and would clash between two models); a model names them by the keys
 * of its `variables` record.
 *
 * @example
 * ```ts
 * const w = glorotVariable([60, 60], createRng(0));
 * ```
 */
export function glorotVariable(shape: number[], rng: Rng): tf.Variable {
  if (shape.length < 1 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`glorotVariable: shape must be positive integers, got [${shape.join(', ')}]`);
  }
  const fanIn = shape.length > 1 ? shape[shape.length - 2]! : shape[0]!;
  const fanOut = shape[shape.length - 1]!;
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.tidy(() => tf.variable(tf.mul(tf.sub(tf.mul(rng.uniform(shape), 2), 1), limit), true));
}

/**
 * A variable of `shape` filled with `value` (biases).
 *
 * @example
 * ```ts
 * const b = constantVariable([60], 0);
 * ```
 */
export function constantVariable(shape: number[], value = 0): tf.Variable {
  return tf.tidy(() => tf.variable(tf.fill(shape, value), true));
}

/**
 * Inverted dropout with a key: zeroes each entry with probability `rate` and scales the rest by
 * 1/(1 − rate). `rate = 0` returns `x` itself.
 *
 * @example
 * ```ts
 * const y = dropout(x, 0.1, rng.split());
 * ```
 */
export function dropout(x: tf.Tensor, rate: number, rng: Rng): tf.Tensor {
  if (!(rate >= 0 && rate < 1)) throw new Error(`dropout: rate must be in [0, 1), got ${rate}`);
  if (rate === 0) return x;
  return tf.tidy(() => {
    const keep = tf.cast(tf.greaterEqual(rng.uniform(x.shape), rate), 'float32');
    return tf.mul(x, tf.mul(keep, 1 / (1 - rate)));
  });
}

/** Weights of an LSTM layer (gates in the order input, forget, cell, output). */
export interface LstmWeights {
  /** [inputSize, 4·hidden] */
  wx: tf.Variable;
  /** [hidden, 4·hidden] */
  wh: tf.Variable;
  /** [4·hidden] */
  b: tf.Variable;
}

/**
 * Creates an LSTM layer's variables (forget-gate bias 1, the usual start).
 *
 * @example
 * ```ts
 * const lstm = createLstm(60, 60, createRng(1));
 * ```
 */
export function createLstm(inputSize: number, hidden: number, rng: Rng): LstmWeights {
  if (!Number.isInteger(inputSize) || inputSize < 1) throw new Error(`createLstm: inputSize must be an integer >= 1, got ${inputSize}`);
  if (!Number.isInteger(hidden) || hidden < 1) throw new Error(`createLstm: hidden must be an integer >= 1, got ${hidden}`);
  const bias = new Float32Array(4 * hidden);
  bias.fill(1, hidden, 2 * hidden);
  return {
    wx: glorotVariable([inputSize, 4 * hidden], rng),
    wh: glorotVariable([hidden, 4 * hidden], rng),
    b: tf.tidy(() => tf.variable(tf.tensor1d(bias), true)),
  };
}

/**
 * Runs an LSTM over `x` [batch, time, input] and returns every hidden state [batch, time, hidden].
 * The input projection of all time steps is one matmul (an exact rewrite of the per-step one), so each
 * step only multiplies the recurrent state. Padding must come at the end of each row (`lengths` are
 * not needed for a left-to-right LSTM whose padded outputs are masked downstream). `recurrentMask`
 * (the shape of `wh`) zeroes recurrent connections: a block-diagonal mask runs several independent
 * LSTMs as one, with a fraction of the kernel launches (see `stackedLstmMask`).
 *
 * The backward pass is written out (backpropagation through time, the same gradients as tfjs's
 * autodiff of the forward; `handGradient: false` runs that autodiff instead): the gate derivatives of
 * all steps are computed in one go after the forward loop, each step back is a handful of [batch, 4h]
 * ops and one matmul, and the weight gradients are one matmul each over all steps instead of one per
 * step.
 *
 * @example
 * ```ts
 * const h = runLstm(lstm, tf.randomNormal([2, 5, 60])); // [2, 5, 60]
 * ```
 */
export function runLstm(weights: LstmWeights, x: tf.Tensor3D, options: { recurrentMask?: tf.Tensor; handGradient?: boolean } = {}): tf.Tensor3D {
  const [, , input] = x.shape;
  const { recurrentMask } = options;
  if (input !== weights.wx.shape[0]) {
    throw new Error(`runLstm: x's last dim must be ${weights.wx.shape[0]}, got ${input}`);
  }
  if (recurrentMask && !tf.util.arraysEqual(recurrentMask.shape, weights.wh.shape)) {
    throw new Error(`runLstm: recurrentMask must have wh's shape [${weights.wh.shape.join(', ')}], got [${recurrentMask.shape.join(', ')}]`);
  }
  if (options.handGradient !== undefined && typeof options.handGradient !== 'boolean') {
    throw new Error(`runLstm: handGradient must be a boolean, got ${String(options.handGradient)}`);
  }
  if (options.handGradient === false) return tf.tidy(() => lstmAutodiff(weights, x, recurrentMask));
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xs, wx, wh, b] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const save = args[4] as tf.GradSaveFunc;
    const [batch, time, inputSize] = xs.shape;
    const hidden = wh.shape[0]!;
    const xt = tf.reshape(tf.transpose(xs, [1, 0, 2]), [time * batch, inputSize]);
    const proj = tf.add(tf.matMul(xt, wx), b);
    const whm = recurrentMask ? tf.mul(wh, recurrentMask) : wh;
    let h: tf.Tensor2D = tf.zeros([batch, hidden]);
    let c: tf.Tensor2D = tf.zeros([batch, hidden]);
    const hs: tf.Tensor2D[] = [];
    const cs: tf.Tensor2D[] = [];
    const acts: tf.Tensor[] = [];
    for (let t = 0; t < time; t++) {
      const z = tf.add(tf.slice(proj, [t * batch, 0], [batch, 4 * hidden]), tf.matMul(h, whm));
      const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const i = tf.sigmoid(zi);
      const fg = tf.sigmoid(zf);
      const g = tf.tanh(zg);
      const o = tf.sigmoid(zo);
      c = tf.add(tf.mul(fg, c), tf.mul(i, g));
      h = tf.mul(o, tf.tanh(c));
      hs.push(h);
      cs.push(c);
      acts.push(tf.concat([i, fg, g, o], 1));
    }
    const H = tf.stack(hs, 0); // [time, batch, hidden]
    const C = tf.stack(cs, 0);
    const A = tf.stack(acts, 0); // [time, batch, 4·hidden]: the gates after their nonlinearities
    save([xt, wx, whm, H, C, A]);
    return {
      value: tf.transpose(H, [1, 0, 2]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sxt, swx, swhm, sH, sC, sA] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
        const gate = (k: number) => tf.slice(sA, [0, 0, k * hidden], [time, batch, hidden]);
        const [I, F, G, O] = [0, 1, 2, 3].map(gate) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
        const Cprev = tf.concat([tf.zeros([1, batch, hidden]), tf.slice(sC, [0, 0, 0], [time - 1, batch, hidden])], 0);
        const TC = tf.tanh(sC);
        // d h_t / d c_t = o·(1 − tanh²c); the partners of dc in di, df, dg; each gate's own derivative.
        const odTC = tf.mul(O, tf.sub(1, tf.square(TC)));
        const partners = tf.concat([G, Cprev, I], 2);
        const sig = (a: tf.Tensor) => tf.mul(a, tf.sub(1, a));
        const dAct = tf.concat([sig(I), sig(F), tf.sub(1, tf.square(G)), sig(O)], 2);
        const [dHs, odTCs, TCs, Ps, dActs, Fs] = [tf.transpose(dy, [1, 0, 2]), odTC, TC, partners, dAct, F].map((t) => tf.unstack(t, 0));
        const whT = tf.transpose(swhm);
        let dhNext: tf.Tensor | null = null;
        let dcNext: tf.Tensor | null = null;
        const dzs: tf.Tensor[] = new Array(time);
        for (let t = time - 1; t >= 0; t--) {
          const dh: tf.Tensor = dhNext ? tf.add(dHs[t]!, dhNext) : dHs[t]!;
          const dcHere = tf.mul(dh, odTCs[t]!);
          const dc: tf.Tensor = dcNext ? tf.add(dcHere, dcNext) : dcHere;
          const dA: tf.Tensor = tf.concat([tf.mul(tf.concat([dc, dc, dc], 1), Ps[t]!), tf.mul(dh, TCs[t]!)], 1);
          const dz: tf.Tensor = tf.mul(dA, dActs[t]!);
          dzs[t] = dz;
          if (t > 0) {
            dhNext = tf.matMul(dz, whT);
            dcNext = tf.mul(dc, Fs[t]!);
          }
        }
        const DZ = tf.concat(dzs, 0); // [time·batch, 4·hidden]
        const Hprev = tf.reshape(tf.concat([tf.zeros([1, batch, hidden]), tf.slice(sH, [0, 0, 0], [time - 1, batch, hidden])], 0), [time * batch, hidden]);
        let dwh = tf.matMul(tf.transpose(Hprev), DZ);
        if (recurrentMask) dwh = tf.mul(dwh, recurrentMask);
        const dwx = tf.matMul(tf.transpose(sxt), DZ);
        const db = tf.sum(DZ, 0);
        const dx = tf.transpose(tf.reshape(tf.matMul(DZ, tf.transpose(swx)), [time, batch, inputSize]), [1, 0, 2]);
        return [dx, dwx, dwh, db];
      },
    };
  });
  return f(x, weights.wx, weights.wh, weights.b) as tf.Tensor3D;
}

/** The forward of {@link runLstm}, differentiated by tfjs (the reference for its written-out backward). */
function lstmAutodiff(weights: LstmWeights, x: tf.Tensor3D, recurrentMask: tf.Tensor | undefined): tf.Tensor3D {
  const [batch, time, input] = x.shape;
  const hidden = weights.wh.shape[0]!;
  // Time-major, so each step's slice of the one big input projection is contiguous (cheap to cut).
  const xt = tf.reshape(tf.transpose(x, [1, 0, 2]), [time * batch, input]);
  const proj = dense(xt, weights.wx, weights.b);
  const wh = recurrentMask ? tf.mul(weights.wh, recurrentMask) : weights.wh;
  let h: tf.Tensor2D = tf.zeros([batch, hidden]);
  let c: tf.Tensor2D = tf.zeros([batch, hidden]);
  const outs: tf.Tensor2D[] = [];
  for (let t = 0; t < time; t++) {
    const z = tf.add(tf.slice(proj, [t * batch, 0], [batch, 4 * hidden]), matMul(h, wh));
    const [i, f, g, o] = tf.split(z, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
    h = tf.mul(tf.sigmoid(o), tf.tanh(c));
    outs.push(h);
  }
  return tf.transpose(tf.stack(outs, 0), [1, 0, 2]) as tf.Tensor3D;
}

function swapLastTwo(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  perm[perm.length - 1] = perm.length - 2;
  perm[perm.length - 2] = perm.length - 1;
  return tf.transpose(x, perm);
}

/**
 * `a · b` (rank 2, or rank 3 with equal batch) whose backward pass multiplies explicitly transposed
 * copies instead of using matMul's `transposeA`/`transposeB` flags: on tfjs-backend-wasm a flagged
 * matmul is about ten times slower than a plain one plus a transpose, and tfjs' own matMul gradient
 * uses the flags. Same values and gradients as `tf.matMul(a, b)`.
 *
 * @example
 * ```ts
 * const y = matMul(x, w); // [n, k] · [k, m] → [n, m]
 * ```
 */
export function matMul(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  if (a.rank !== b.rank || (a.rank !== 2 && a.rank !== 3)) {
    throw new Error(`matMul: a and b must both be rank 2 or both rank 3, got ranks ${a.rank} and ${b.rank}`);
  }
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, y] = args as [tf.Tensor, tf.Tensor];
    const save = args[2] as tf.GradSaveFunc;
    save([x, y]);
    return {
      value: tf.matMul(x, y),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sy] = saved as [tf.Tensor, tf.Tensor];
        return [tf.matMul(dy, swapLastTwo(sy)), tf.matMul(swapLastTwo(sx), dy)];
      },
    };
  });
  return f(a, b);
}

/**
 * `x · w + b` over the last axis of `x` (any rank ≥ 2), through the wasm-friendly `matMul`.
 *
 * @example
 * ```ts
 * const y = dense(x, w, b); // [..., k] → [..., m]
 * ```
 */
export function dense(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const k = x.shape[x.rank - 1]!;
  if (w.rank !== 2 || w.shape[0] !== k) throw new Error(`dense: w must be [${k}, m], got [${w.shape.join(', ')}]`);
  const m = w.shape[1]!;
  const flat = x.rank === 2 ? x : tf.reshape(x, [-1, k]);
  let y = matMul(flat, w);
  if (b) y = tf.add(y, b);
  return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), m]);
}

/**
 * The recurrent mask that makes one LSTM of hidden size `count·hidden` compute `count` independent
 * LSTMs of size `hidden` over the same input (gates laid out gate-major: i, f, g, o, each `count·hidden`
 * wide, LSTM k owning the k-th `hidden` columns of every gate and the k-th `hidden` rows).
 *
 * @example
 * ```ts
 * const lstm = createLstm(60, 120, rng);  // queries and keys side by side
 * const h = runLstm(lstm, x, { recurrentMask: stackedLstmMask(2, 60) }); // h[..., :60] queries, h[..., 60:] keys
 * ```
 */
export function stackedLstmMask(count: number, hidden: number): tf.Tensor2D {
  if (!Number.isInteger(count) || count < 1) throw new Error(`stackedLstmMask: count must be an integer >= 1, got ${count}`);
  if (!Number.isInteger(hidden) || hidden < 1) throw new Error(`stackedLstmMask: hidden must be an integer >= 1, got ${hidden}`);
  const H = count * hidden;
  const m = new Float32Array(H * 4 * H);
  for (let r = 0; r < H; r++) {
    const k = Math.floor(r / hidden);
    for (let gate = 0; gate < 4; gate++) {
      const start = gate * H + k * hidden;
      m.fill(1, r * 4 * H + start, r * 4 * H + start + hidden);
    }
  }
  return tf.tensor2d(m, [H, 4 * H]);
}

/**
 * Kernel names of the fused pair aggregation, as `@dccg/backend` registers them (for wasm and cpu).
 * The same strings as its `PAIR_RELU_SUM` and `PAIR_RELU_SUM_GRAD` (a test checks).
 */
export const PAIR_RELU_SUM_KERNELS = { forward: 'DccgPairReluSum', gradient: 'DccgPairReluSumGrad' } as const;

const fusedPairReluSum = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [tok, snd, w] = args as [tf.Tensor, tf.Tensor, tf.Tensor];
  const save = args[3] as tf.GradSaveFunc;
  save([tok, snd, w]);
  return {
    value: tf.engine().runKernel(PAIR_RELU_SUM_KERNELS.forward, { tok, snd, w }, {}) as tf.Tensor,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [t, s, ws] = saved as [tf.Tensor, tf.Tensor, tf.Tensor];
      return tf.engine().runKernel(PAIR_RELU_SUM_KERNELS.gradient, { tok: t, snd: s, w: ws, dy }, {}) as unknown as tf.Tensor[];
    },
  };
});

/**
 * `out[b, i] = Σ_j w[b, i, j] · relu(tok[b, i] + snd[b, j])` for `tok`, `snd` [B, L, d] and `w`
 * [B, L, L]: a GNN's message aggregation when the message MLP's first layer is split into the
 * receiver's and the sender's part. Where the active backend has the fused kernels
 * ({@link PAIR_RELU_SUM_KERNELS}; `@dccg/backend` registers them for wasm and cpu) it runs them, which
 * never store the [B, L, L, d] pair activations (forward and backward about 9× faster than the ops on wasm at
 * B = 50, L = 30, d = 60); elsewhere, or with `fused: false`, it runs the same function as tfjs ops.
 *
 * @example
 * ```ts
 * const agg = pairReluSum(tokPart, senderPart, tf.transpose(A, [0, 2, 1])); // [B, L, d]
 * ```
 */
export function pairReluSum(tok: tf.Tensor3D, snd: tf.Tensor3D, w: tf.Tensor3D, options: { fused?: boolean } = {}): tf.Tensor3D {
  if (tok.rank !== 3 || !tf.util.arraysEqual(tok.shape, snd.shape)) {
    throw new Error(`pairReluSum: tok and snd must both be [B, L, d], got [${tok.shape.join(', ')}] and [${snd.shape.join(', ')}]`);
  }
  if (options.fused !== undefined && typeof options.fused !== 'boolean') throw new Error(`pairReluSum: fused must be a boolean, got ${String(options.fused)}`);
  const [B, L] = tok.shape;
  if (!tf.util.arraysEqual(w.shape, [B, L, L])) throw new Error(`pairReluSum: w must be [${B}, ${L}, ${L}], got [${w.shape.join(', ')}]`);
  const backend = tf.getBackend();
  const fused =
    (options.fused ?? true) && tf.getKernel(PAIR_RELU_SUM_KERNELS.forward, backend) != null && tf.getKernel(PAIR_RELU_SUM_KERNELS.gradient, backend) != null;
  if (fused) return fusedPairReluSum(tok, snd, w) as tf.Tensor3D;
  const hidden = tf.relu(tf.add(tf.expandDims(tok, 2), tf.expandDims(snd, 1))); // [B, L(i), L(j), d]
  return tf.sum(tf.mul(hidden, tf.expandDims(w, 3)), 2) as tf.Tensor3D;
}
