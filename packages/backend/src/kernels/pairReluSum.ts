import { getKernel, registerKernel, util } from '@tensorflow/tfjs-core';
import type { DataType, KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { PAIR_RELU_SUM_WASM } from '../../generated/pair-relu-sum-wasm.js';
import { writeOutput } from './wasmHost.js';
import type { WasmHost } from './wasmHost.js';

/**
 * Kernel name of the fused pair aggregation `out[b, i] = Σ_j w[b, i, j]·relu(tok[b, i] + snd[b, j])`
 * (inputs `tok`, `snd` [B, L, d] and `w` [B, L, L], float32). `@dccg/tasks` runs it where it is
 * registered for the active backend and falls back to tfjs ops elsewhere.
 */
export const PAIR_RELU_SUM = 'DccgPairReluSum';
/** Kernel name of its gradient: inputs `tok`, `snd`, `w`, `dy` [B, L, d]; outputs `[dTok, dSnd, dW]`. */
export const PAIR_RELU_SUM_GRAD = 'DccgPairReluSumGrad';

interface PairExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  forward(tok: number, snd: number, w: number, out: number, B: number, L: number, d: number): void;
  backward(tok: number, snd: number, w: number, g: number, dTok: number, dSnd: number, dW: number, B: number, L: number, d: number): void;
}

/**
 * What the kernels use of a backend whose tensors live in CPU memory: the wasm backend's heap views
 * (see `WasmHost`), or the cpu backend's `readSync` and `makeTensorInfo`. Typed structurally, so that
 * this module needs only tfjs-core.
 */
type HostBackend = Partial<WasmHost> & {
  readSync(dataId: object): ArrayLike<number>;
  makeTensorInfo(shape: number[], dtype: DataType, values: Float32Array): TensorInfo;
};

let instance: PairExports | null = null;

/** The compiled kernels (AssemblyScript, SIMD; about 1 KB, so compiling synchronously is allowed everywhere). */
function pairModule(): PairExports {
  if (instance == null) {
    const bytes = Uint8Array.from(atob(PAIR_RELU_SUM_WASM), (c) => c.charCodeAt(0));
    instance = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as PairExports;
  }
  return instance;
}

/** Whether this JavaScript engine runs WebAssembly with SIMD (the kernels need it). */
export function pairReluSumSupported(): boolean {
  try {
    pairModule();
    return true;
  } catch {
    return false;
  }
}

/** Lays out float32 buffers of the given sizes in the module's memory (growing it), 16-byte aligned. */
function layout(m: PairExports, sizes: number[]): number[] {
  let at = (m.heapBase() + 15) & ~15;
  const offsets = sizes.map((n) => {
    const o = at;
    at += (n * 4 + 15) & ~15;
    return o;
  });
  const missing = at - m.memory.buffer.byteLength;
  if (missing > 0) m.memory.grow(Math.ceil(missing / 65536));
  return offsets;
}

/** A tensor's float32 values without a copy where the backend allows (wasm: a view of its heap, used at once). */
function values(kernel: string, host: HostBackend, t: TensorInfo, name: string): ArrayLike<number> {
  if (t.dtype !== 'float32') throw new Error(`${kernel}: ${name} must be float32, got ${t.dtype}`);
  return host.typedArrayFromHeap ? host.typedArrayFromHeap(t) : host.readSync(t.dataId);
}

/** A new float32 tensor of the backend holding a copy of `data` (a view of this module's memory). */
function output(host: HostBackend, shape: number[], data: Float32Array): TensorInfo {
  if (host.makeOutput && host.typedArrayFromHeap) return writeOutput(host as WasmHost, shape, 'float32', data);
  return host.makeTensorInfo(shape, 'float32', data.slice());
}

function dims(kernel: string, tok: TensorInfo, snd: TensorInfo, w: TensorInfo, dy?: TensorInfo): [number, number, number] {
  if (tok.shape.length !== 3) throw new Error(`${kernel}: tok must be [B, L, d], got [${tok.shape.join(', ')}]`);
  const [B, L, d] = tok.shape as [number, number, number];
  if (!util.arraysEqual(snd.shape, tok.shape)) throw new Error(`${kernel}: snd must have tok's shape [${tok.shape.join(', ')}], got [${snd.shape.join(', ')}]`);
  if (!util.arraysEqual(w.shape, [B, L, L])) throw new Error(`${kernel}: w must be [${B}, ${L}, ${L}], got [${w.shape.join(', ')}]`);
  if (dy && !util.arraysEqual(dy.shape, tok.shape)) throw new Error(`${kernel}: dy must have tok's shape [${tok.shape.join(', ')}], got [${dy.shape.join(', ')}]`);
  return [B, L, d];
}

/** Forward kernel (any backend whose tensors live in CPU memory: wasm, cpu). */
export const pairReluSum: KernelFunc = ({ inputs, backend: kernelBackend }) => {
  const { tok, snd, w } = inputs as { tok: TensorInfo; snd: TensorInfo; w: TensorInfo };
  const backend = kernelBackend as unknown as HostBackend;
  const [B, L, d] = dims(PAIR_RELU_SUM, tok, snd, w);
  const m = pairModule();
  const n = B * L * d;
  const [oTok, oSnd, oW, oOut] = layout(m, [n, n, B * L * L, n]);
  const view = (o: number, size: number) => new Float32Array(m.memory.buffer, o, size);
  view(oTok, n).set(values(PAIR_RELU_SUM, backend, tok, 'tok'));
  view(oSnd, n).set(values(PAIR_RELU_SUM, backend, snd, 'snd'));
  view(oW, B * L * L).set(values(PAIR_RELU_SUM, backend, w, 'w'));
  m.forward(oTok, oSnd, oW, oOut, B, L, d);
  return output(backend, [B, L, d], view(oOut, n));
};

/** Gradient kernel: `[dTok, dSnd, dW]` for the output gradient `dy` (relu'(0) = 0, as tfjs's relu). */
export const pairReluSumGrad: KernelFunc = ({ inputs, backend: kernelBackend }) => {
  const { tok, snd, w, dy } = inputs as { tok: TensorInfo; snd: TensorInfo; w: TensorInfo; dy: TensorInfo };
  const backend = kernelBackend as unknown as HostBackend;
  const [B, L, d] = dims(PAIR_RELU_SUM_GRAD, tok, snd, w, dy);
  const m = pairModule();
  const n = B * L * d;
  const [oTok, oSnd, oW, oG, oDTok, oDSnd, oDW] = layout(m, [n, n, B * L * L, n, n, n, B * L * L]);
  const view = (o: number, size: number) => new Float32Array(m.memory.buffer, o, size);
  view(oTok, n).set(values(PAIR_RELU_SUM_GRAD, backend, tok, 'tok'));
  view(oSnd, n).set(values(PAIR_RELU_SUM_GRAD, backend, snd, 'snd'));
  view(oW, B * L * L).set(values(PAIR_RELU_SUM_GRAD, backend, w, 'w'));
  view(oG, n).set(values(PAIR_RELU_SUM_GRAD, backend, dy, 'dy'));
  m.backward(oTok, oSnd, oW, oG, oDTok, oDSnd, oDW, B, L, d);
  return [output(backend, [B, L, d], view(oDTok, n)), output(backend, [B, L, d], view(oDSnd, n)), output(backend, [B, L, L], view(oDW, B * L * L))];
};

/** The backends the fused kernels serve: those whose tensors live in CPU memory. */
export const FUSED_KERNEL_BACKENDS = ['wasm', 'cpu'] as const;

/** Registration records of the fused kernels, for each of {@link FUSED_KERNEL_BACKENDS}. */
export const FUSED_KERNELS: readonly KernelConfig[] = FUSED_KERNEL_BACKENDS.flatMap((backendName) => [
  { kernelName: PAIR_RELU_SUM, backendName, kernelFunc: pairReluSum },
  { kernelName: PAIR_RELU_SUM_GRAD, backendName, kernelFunc: pairReluSumGrad },
]);

/**
 * Registers the fused kernels ({@link PAIR_RELU_SUM} and its gradient) for the wasm and cpu backends,
 * where this JavaScript engine runs WebAssembly SIMD. Idempotent; `selectBackend` calls it. Returns
 * the `kernel/backend` pairs it registered by this call.
 *
 * ```ts
 * registerFusedKernels();
 * // @dccg/tasks' pairReluSum now runs one fused kernel on wasm and cpu instead of ten [B, L, L, d] ops.
 * ```
 */
export function registerFusedKernels(): string[] {
  if (!pairReluSumSupported()) return [];
  const added: string[] = [];
  for (const config of FUSED_KERNELS) {
    if (getKernel(config.kernelName, config.backendName) != null) continue;
    registerKernel(config);
    added.push(`${config.kernelName}/${config.backendName}`);
  }
  return added;
}
