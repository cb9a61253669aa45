// AssemblyScript source of the PairReluSum kernels (compiled by scripts/build-wasm.mjs to
// generated/pair-relu-sum-wasm.js; see src/kernels/pairReluSum.ts for the tfjs side).
//
//   out[b, i, :] = Σ_j w[b, i, j] · relu(tok[b, i, :] + snd[b, j, :])
//
// is the message aggregation of a GNN whose message MLP's first layer is split into a receiver and a
// sender part: the [B, L, L, d] tensor of pair activations is never stored. Every pointer is a byte
// offset into this module's memory; tensors are dense row-major float32. SIMD over the last axis,
// four lanes at a time, with a scalar tail when d is not a multiple of 4.

/** First free byte of memory: the host lays its buffers out from here. */
export function heapBase(): usize {
  return __heap_base;
}

/** out = Σ_j w[:, :, j] · relu(tok + snd[:, j]) for tok, snd, out [B, L, d] and w [B, L, L]. */
export function forward(tok: usize, snd: usize, w: usize, out: usize, B: i32, L: i32, d: i32): void {
  const zero = f32x4.splat(0);
  const d4 = d & ~3;
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < L; i++) {
      const row = <usize>((b * L + i) * d) << 2;
      const t = tok + row;
      const o = out + row;
      memory.fill(o, 0, <usize>d << 2);
      const wrow = w + (<usize>((b * L + i) * L) << 2);
      for (let j = 0; j < L; j++) {
        const a = load<f32>(wrow + (<usize>j << 2));
        if (a == 0) continue;
        const av = f32x4.splat(a);
        const s = snd + (<usize>((b * L + j) * d) << 2);
        let e = 0;
        for (; e < d4; e += 4) {
          const k = <usize>e << 2;
          const p = f32x4.max(f32x4.add(v128.load(t + k), v128.load(s + k)), zero);
          v128.store(o + k, f32x4.add(v128.load(o + k), f32x4.mul(av, p)));
        }
        for (; e < d; e++) {
          const k = <usize>e << 2;
          const p = max<f32>(load<f32>(t + k) + load<f32>(s + k), 0);
          store<f32>(o + k, load<f32>(o + k) + a * p);
        }
      }
    }
  }
}

/**
 * The gradients of `forward` for its output gradient g [B, L, d], with relu'(0) = 0 as tfjs has it:
 * with m = g · [tok_i + snd_j > 0],
 * dTok[b, i] = Σ_j w[b, i, j]·m, dSnd[b, j] = Σ_i w[b, i, j]·m, dW[b, i, j] = Σ_e m·(tok_i + snd_j).
 */
export function backward(tok: usize, snd: usize, w: usize, g: usize, dTok: usize, dSnd: usize, dW: usize, B: i32, L: i32, d: i32): void {
  const zero = f32x4.splat(0);
  const d4 = d & ~3;
  const n = <usize>(B * L * d) << 2;
  memory.fill(dTok, 0, n);
  memory.fill(dSnd, 0, n);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < L; i++) {
      const row = <usize>((b * L + i) * d) << 2;
      const t = tok + row;
      const gi = g + row;
      const dt = dTok + row;
      const wrow = w + (<usize>((b * L + i) * L) << 2);
      const dwrow = dW + (<usize>((b * L + i) * L) << 2);
      for (let j = 0; j < L; j++) {
        const a = load<f32>(wrow + (<usize>j << 2));
        const av = f32x4.splat(a);
        const srow = <usize>((b * L + j) * d) << 2;
        const s = snd + srow;
        const ds = dSnd + srow;
        let acc = zero;
        let e = 0;
        for (; e < d4; e += 4) {
          const k = <usize>e << 2;
          const p = f32x4.add(v128.load(t + k), v128.load(s + k));
          const gm = v128.and(v128.load(gi + k), f32x4.gt(p, zero));
          acc = f32x4.add(acc, f32x4.mul(gm, p));
          const ga = f32x4.mul(gm, av);
          v128.store(dt + k, f32x4.add(v128.load(dt + k), ga));
          v128.store(ds + k, f32x4.add(v128.load(ds + k), ga));
        }
        let sum: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
        for (; e < d; e++) {
          const k = <usize>e << 2;
          const p = load<f32>(t + k) + load<f32>(s + k);
          if (p > 0) {
            const gv = load<f32>(gi + k);
            sum += gv * p;
            store<f32>(dt + k, load<f32>(dt + k) + gv * a);
            store<f32>(ds + k, load<f32>(ds + k) + gv * a);
          }
        }
        store<f32>(dwrow + (<usize>j << 2), sum);
      }
    }
  }
}
