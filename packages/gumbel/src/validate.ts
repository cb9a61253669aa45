import * as tf from '@tensorflow/tfjs-core';

/** Throws unless `logits` is a float32 tensor of rank ≥ 1; returns its rank. */
export function checkLogits(fn: string, name: string, logits: unknown): number {
  if (!(logits instanceof tf.Tensor)) {
    throw new Error(`${fn}: ${name} must be a tf.Tensor, got ${logits === null ? 'null' : typeof logits}`);
  }
  if (logits.dtype !== 'float32') {
    throw new Error(
      `${fn}: ${name} must be a float32 tensor, got dtype ${logits.dtype} (cast integer logits with tf.cast(x, 'float32'))`,
    );
  }
  if (logits.rank === 0) {
    throw new Error(`${fn}: ${name} must have rank >= 1 (categories on an axis), got a scalar`);
  }
  return logits.rank;
}

/** Resolves a possibly negative axis against `rank`, throwing when it is out of range. */
export function normalizeAxis(fn: string, axis: unknown, rank: number): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new Error(`${fn}: axis must be an integer in [${-rank}, ${rank - 1}] for rank ${rank}, got ${String(axis)}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Throws unless `tau` is a finite number > 0. */
export function checkTau(fn: string, tau: unknown): number {
  if (typeof tau !== 'number' || !Number.isFinite(tau) || tau <= 0) {
    throw new Error(`${fn}: tau must be a finite number > 0, got ${String(tau)}`);
  }
  return tau;
}

/** Throws unless `beta` is a finite number ≥ 0. */
export function checkBeta(fn: string, beta: unknown): number {
  if (typeof beta !== 'number' || !Number.isFinite(beta) || beta < 0) {
    throw new Error(`${fn}: beta must be a finite number >= 0, got ${String(beta)}`);
  }
  return beta;
}

/** Throws unless `noise` is a float32 tensor of exactly `shape`. */
export function checkNoise(fn: string, noise: unknown, shape: readonly number[]): tf.Tensor {
  if (!(noise instanceof tf.Tensor) || noise.dtype !== 'float32') {
    throw new Error(`${fn}: noise must be a float32 tf.Tensor, got ${noise instanceof tf.Tensor ? noise.dtype : typeof noise}`);
  }
  if (noise.shape.length !== shape.length || noise.shape.some((d: number, i: number) => d !== shape[i])) {
    throw new Error(`${fn}: noise must have the logits' shape [${shape.join(', ')}], got [${noise.shape.join(', ')}]`);
  }
  return noise;
}

/** Throws unless `hard` is a boolean. */
export function checkBoolean(fn: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new Error(`${fn}: ${name} must be a boolean, got ${String(value)}`);
  }
  return value;
}

/** The permutation that swaps `axis` with the last axis (its own inverse). */
export function swapLast(axis: number, rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[axis] = rank - 1;
  perm[rank - 1] = axis;
  return perm;
}

/**
 * One-hot of the argmax along `axis`, float32, same shape as `y`. Made as int32 and cast, because
 * tfjs-backend-wasm 4.22's OneHot ignores a float32 dtype and writes integer bit patterns
 * (1 reads back as 1.4e-45).
 */
export function oneHotArgmax(y: tf.Tensor, axis: number): tf.Tensor {
  const rank = y.rank;
  const depth = y.shape[axis]!;
  if (axis === rank - 1) {
    return tf.cast(tf.oneHot(tf.argMax(y, axis), depth), 'float32');
  }
  const perm = swapLast(axis, rank);
  const moved = tf.transpose(y, perm);
  return tf.transpose(tf.cast(tf.oneHot(tf.argMax(moved, rank - 1), depth), 'float32'), perm);
}
