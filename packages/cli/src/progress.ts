import cliProgress from 'cli-progress';
import type { MetricsRecord, TrainProgress } from '@dccg/tasks';

/** What `dccg train` shows while training. */
export interface Progress {
  startEpoch(info: { epoch: number; steps: number; stepInEpoch: number }): void;
  update(p: TrainProgress): void;
  evaluation(record: Extract<MetricsRecord, { kind: 'eval' }>): void;
  stop(): void;
}

function fmt(v: number, digits = 3): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '-';
}

/**
 * A live `cli-progress` bar per epoch (loss, accuracy, α, β, steps/s, ETA) on a terminal, or one
 * plain line per epoch elsewhere (logs, CI). Both write to stderr, so stdout carries only results.
 */
export function createProgress({ live, epochs }: { live: boolean; epochs: number }): Progress {
  let bar: cliProgress.SingleBar | null = null;
  let last: TrainProgress | null = null;
  let epochStart = 0;
  const line = (s: string) => process.stderr.write(`${s}\n`);
  const payload = (p: TrainProgress | null, epoch: number) => ({
    epoch: epoch + 1,
    epochs,
    loss: fmt(p?.loss ?? NaN),
    acc: p && Number.isFinite(p.accuracy) ? `${(p.accuracy * 100).toFixed(1)}%` : '-',
    alpha: fmt(p?.alpha ?? NaN, 2),
    beta: fmt(p?.beta ?? NaN, 2),
    sps: fmt(p?.stepsPerSecond ?? NaN, 1),
  });
  const stopBar = () => {
    if (bar) {
      bar.stop();
      bar = null;
    }
  };
  return {
    startEpoch({ epoch, steps, stepInEpoch }) {
      stopBar();
      last = null;
      epochStart = performance.now();
      if (live) {
        bar = new cliProgress.SingleBar(
          {
            format: 'epoch {epoch}/{epochs} {bar} {value}/{total} | loss {loss} | acc {acc} | α {alpha} β {beta} | {sps} steps/s | ETA {eta_formatted}',
            barsize: 24,
            hideCursor: true,
            clearOnComplete: false,
            etaBuffer: 30,
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(steps, stepInEpoch, payload(null, epoch));
      }
    },
    update(p) {
      last = p;
      if (bar) bar.update(p.step, payload(p, p.epoch));
      else if (p.step === p.steps) {
        const s = (performance.now() - epochStart) / 1000;
        const q = payload(p, p.epoch);
        line(`epoch ${q.epoch}/${epochs} · ${p.steps} steps · loss ${q.loss} · acc ${q.acc} · α ${q.alpha} β ${q.beta} · ${q.sps} steps/s · ${s.toFixed(0)} s`);
      }
    },
    evaluation(r) {
      stopBar();
      const keys = Object.keys(r.metrics).filter((k) => !k.includes('/'));
      const parts = keys.map((k) => `${k} ${(r.metrics[k]! * 100).toFixed(1)}%`).join(' · ');
      line(`  ${r.set}${r.set === 'dev' ? ` after epoch ${r.epoch + 1}` : ''}: ${parts}${r.best ? ' (best so far)' : ''}`);
      void last;
    },
    stop: stopBar,
  };
}
