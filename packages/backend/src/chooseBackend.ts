import * as tf from '@tensorflow/tfjs-core';
import type { BackendAttempt, BackendChoice, BackendName } from './BackendChoice.js';

/** What a candidate's `prepare` found: why it cannot run, or how to describe it once it runs. */
export type Preparation =
  | { ok: false; reason: string }
  | {
      ok: true;
      /** Called after `tf.setBackend` succeeded: what the backend is. */
      describe: () => Promise<{ reason: string; details: BackendChoice['details'] }>;
      /** Undoes temporary changes `prepare` made for the initialisation. */
      cleanup?: () => void;
      /** Runs right after `tf.setBackend` succeeded, before anything is computed. */
      afterInit?: () => void;
    };

/** One backend `chooseBackend` can try. */
export interface Candidate {
  name: BackendName;
  /** Loads what the backend needs (its package, flags) without activating it. */
  prepare: () => Promise<Preparation>;
}

/** The first line of an error or warning, for a one-line reason. */
export function firstLine(text: unknown): string {
  const s = text instanceof Error ? text.message : String(text);
  const line = s.split('\n').find((l) => l.trim() !== '')?.trim() ?? s;
  // A stack trace's first line repeats the class name ("Error: …"); the reason needs the message.
  return line.replace(/^Error: /, '');
}

async function withWarningsCaptured<T>(fn: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
  // tfjs reports a failed backend initialisation with console.warn; while probing, a failure is an
  // expected outcome that belongs in the attempt's reason, not on the user's terminal.
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
  };
  try {
    return { value: await fn(), warnings };
  } finally {
    console.warn = original;
  }
}

async function smokeTest(): Promise<string | null> {
  const t = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.scalar(3)));
  try {
    const v = await t.data();
    return v[0] === 4 && v[1] === 5 ? null : `computed 1+3, 2+3 as ${v[0]}, ${v[1]}`;
  } finally {
    t.dispose();
  }
}

/**
 * Tries `candidates` in order and activates the first that loads, initialises and computes 1 + 3
 * correctly. Warnings of failed attempts go into their reasons; warnings of the chosen one are
 * printed, since they concern the backend in use. Throws, listing every attempt, when none works.
 */
export async function chooseBackend(candidates: Candidate[]): Promise<BackendChoice> {
  const tried: BackendAttempt[] = [];
  for (const { name, prepare } of candidates) {
    let prep: Preparation;
    try {
      prep = await prepare();
    } catch (err) {
      prep = { ok: false, reason: `could not be prepared: ${firstLine(err)}` };
    }
    if (!prep.ok) {
      tried.push({ name, ok: false, reason: prep.reason });
      continue;
    }
    if (tf.findBackendFactory(name) == null) {
      prep.cleanup?.();
      tried.push({ name, ok: false, reason: `no '${name}' backend is registered with tfjs-core` });
      continue;
    }
    let outcome: { value: boolean; warnings: string[] };
    try {
      outcome = await withWarningsCaptured(async () => (await tf.setBackend(name)) && tf.getBackend() === name);
    } catch (err) {
      outcome = { value: false, warnings: [firstLine(err)] };
    } finally {
      prep.cleanup?.();
    }
    if (!outcome.value) {
      const why = outcome.warnings.filter((w) => !w.startsWith('Initialization of backend')).map(firstLine)[0];
      tried.push({ name, ok: false, reason: `failed to initialise${why ? `: ${why}` : ''}` });
      continue;
    }
    prep.afterInit?.();
    const wrong = await smokeTest().catch((err: unknown) => `a first computation threw: ${firstLine(err)}`);
    if (wrong != null) {
      tried.push({ name, ok: false, reason: `initialised but ${wrong}` });
      continue;
    }
    for (const w of outcome.warnings) console.warn(w);
    const { reason, details } = await prep.describe();
    const skipped = tried.map((t) => t.name);
    const chosen = skipped.length === 0 ? reason : `${reason}; ${skipped.join(', ')} unavailable`;
    tried.push({ name, ok: true, reason });
    return { name, reason: chosen, tried, details };
  }
  throw new Error(
    `selectBackend: no backend could be set up; tried ${tried.map((t) => `${t.name} (${t.reason})`).join('; ')}`,
  );
}
