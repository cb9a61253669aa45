import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MetricsRecord } from '@dccg/tasks';
import type { ReportSection, RunData } from '../tasks/types.js';

const require = createRequire(import.meta.url);

let uplotCache: { js: string; css: string } | null = null;

/** uPlot's built files, inlined so the report needs no network when it is viewed. */
function uplotAssets(): { js: string; css: string } {
  if (!uplotCache) {
    const js = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
    const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
    uplotCache = { js, css };
  }
  return uplotCache;
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Series {
  label: string;
  values: (number | null)[];
}

interface ChartSpec {
  id: string;
  title: string;
  xLabel: string;
  x: number[];
  series: Series[];
  log?: boolean;
}

function eventCharts(events: Extract<MetricsRecord, { kind: 'event' }>[], evals: Extract<MetricsRecord, { kind: 'eval' }>[]): ChartSpec[] {
  const x = events.map((e) => e.step);
  const nodes = [...new Set(events.flatMap((e) => Object.keys(e.nodes)))];
  const charts: ChartSpec[] = [
    {
      id: 'loss',
      title: 'Training loss (mean since the previous update event)',
      xLabel: 'step',
      x,
      series: [{ label: 'loss', values: events.map((e) => e.loss) }],
    },
    {
      id: 'accuracy',
      title: 'Training accuracy',
      xLabel: 'step',
      x,
      series: [{ label: 'train accuracy', values: events.map((e) => e.accuracy ?? null) }],
    },
    {
      id: 'schedules',
      title: 'Schedules: α (DROPRES) and β (noise scale)',
      xLabel: 'step',
      x,
      series: [
        { label: 'α', values: events.map((e) => e.alpha) },
        { label: 'β', values: events.map((e) => e.beta) },
      ],
    },
  ];
  if (nodes.length) {
    charts.push(
      {
        id: 'gradnorm',
        title: 'Gradient norm reaching each discrete node’s logits (log scale)',
        xLabel: 'step',
        x,
        log: true,
        series: nodes.map((n) => ({ label: n, values: events.map((e) => positive(e.nodes[n]?.gradNorm)) })),
      },
      {
        id: 'topprob',
        title: 'Saturation: mean top probability of each discrete node',
        xLabel: 'step',
        x,
        series: nodes.map((n) => ({ label: n, values: events.map((e) => e.nodes[n]?.topProb ?? null) })),
      },
      {
        id: 'entropy',
        title: 'Mean entropy of each discrete node (nats)',
        xLabel: 'step',
        x,
        series: nodes.map((n) => ({ label: n, values: events.map((e) => e.nodes[n]?.entropy ?? null) })),
      },
    );
  }
  const dev = evals.filter((e) => e.set === 'dev');
  if (dev.length) {
    const keys = ['accuracy', 'parentAccuracy', 'intermediateAccuracy'].filter((k) => dev.some((e) => k in e.metrics));
    const primary = keys.length ? keys : Object.keys(dev[0]!.metrics).filter((k) => !k.includes('/')).slice(0, 4);
    charts.splice(2, 0, {
      id: 'dev',
      title: 'Dev metrics after each epoch',
      xLabel: 'epoch',
      x: dev.map((e) => e.epoch + 1),
      series: primary.map((k) => ({ label: `dev ${k}`, values: dev.map((e) => e.metrics[k] ?? null) })),
    });
  }
  return charts;
}

function positive(v: number | undefined): number | null {
  return v !== undefined && v > 0 && Number.isFinite(v) ? v : null;
}

function metricsTable(title: string, metrics: Record<string, number>): string {
  const rows = Object.entries(metrics)
    .map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${(v * 100).toFixed(2)}%</td></tr>`)
    .join('');
  return `<div class="table"><h3>${escapeHtml(title)}</h3><table>${rows}</table></div>`;
}

function fmtNumber(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

/**
 * Builds a self-contained `report.html` for a run: the run's settings and results, uPlot charts of
 * the loss, accuracy, α/β schedules and per-node gradient norms and saturation over training (uPlot's
 * built file is inlined), then the task's own sections (for ListOps, predicted and true parse trees).
 *
 * @example
 * ```ts
 * writeFileSync('report.html', buildReport(readRun('runs/x'), []));
 * ```
 */
export function buildReport(run: RunData, sections: readonly ReportSection[]): string {
  const { config, metrics, results } = run;
  const events = metrics.filter((m): m is Extract<MetricsRecord, { kind: 'event' }> => m.kind === 'event');
  const evals = metrics.filter((m): m is Extract<MetricsRecord, { kind: 'eval' }> => m.kind === 'eval');
  const charts = eventCharts(events, evals);
  const { js, css } = uplotAssets();
  const t = config.train;
  const settings: [string, string][] = [
    ['task', config.task],
    ['preset', config.preset],
    ['variant', t.variant],
    ['model', String(config.options.model ?? '')],
    ['seed', String(t.seed)],
    ['epochs', String(t.epochs)],
    ['batch size', String(t.batchSize)],
    ['learning rate', String(t.lr)],
    ['τ', String(t.tau)],
    ['γ', String(t.gamma)],
    ['α step', fmtNumber(t.alphaStep)],
    ['backend', `${config.backend.name} (${config.backend.reason})`],
  ];
  const resultBlocks = results
    ? [
        `<p>Best dev epoch: ${results.bestEpoch + 1}. Training: ${results.trainSeconds.toFixed(0)} s, ${results.examplesPerSecond.toFixed(0)} examples/s on ${escapeHtml(results.backend)}.</p>`,
        '<div class="tables">',
        metricsTable('test', results.test),
        ...Object.entries(results.extra).map(([k, v]) => metricsTable(k, v)),
        metricsTable('dev (best epoch)', results.dev),
        '</div>',
      ].join('\n')
    : `<p class="warn">No results yet: the run has not finished${run.checkpoint ? ` (checkpoint at epoch ${run.checkpoint.epoch + 1}, step ${run.checkpoint.globalStep})` : ''}.</p>`;
  const chartDivs = charts.map((c) => `<div class="chart"><h3>${escapeHtml(c.title)}</h3><div id="chart-${c.id}"></div></div>`).join('\n');
  const data = JSON.stringify(charts).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>dccg ${escapeHtml(config.task)} · ${escapeHtml(t.variant)} · seed ${t.seed}</title>
<style>${css}</style>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1180px; color: #1d2330; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #dde; } h3 { font-size: 14px; margin: 8px 0; }
.settings { display: flex; flex-wrap: wrap; gap: 6px 18px; color: #445; } .settings b { color: #111; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; } .chart { min-width: 0; }
.tables { display: flex; flex-wrap: wrap; gap: 16px; } .table table { border-collapse: collapse; } .table td { padding: 1px 10px; border-bottom: 1px solid #eef; font-variant-numeric: tabular-nums; }
.table { max-height: 360px; overflow: auto; } .warn { color: #a40; }
</style>
</head>
<body>
<h1>dccg · ${escapeHtml(config.task)} · ${escapeHtml(t.variant)}</h1>
<div class="settings">${settings.map(([k, v]) => `<span>${escapeHtml(k)}: <b>${escapeHtml(v)}</b></span>`).join('')}</div>
<h2>Results</h2>
${resultBlocks}
<h2>Training</h2>
<div class="charts">
${chartDivs || '<p>No update events recorded yet.</p>'}
</div>
${sections.map((s) => `<h2>${escapeHtml(s.title)}</h2>\n${s.html}`).join('\n')}
<script>${js}</script>
<script>
const charts = ${data};
const palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
for (const c of charts) {
  const el = document.getElementById('chart-' + c.id);
  const width = Math.max(320, el.parentElement.clientWidth - 8);
  new uPlot({
    width, height: 240,
    scales: { x: { time: false }, y: c.log ? { distr: 3 } : {} },
    // On a log scale uPlot's default tick labels round small values to 0: label them as powers of ten.
    axes: [{ label: c.xLabel }, c.log ? { size: 56, values: (u, vals) => vals.map((v) => (v == null ? '' : Number(v).toExponential(0))) } : {}],
    series: [{ label: c.xLabel }, ...c.series.map((s, i) => ({ label: s.label, stroke: palette[i % palette.length], width: 1.5, spanGaps: true, points: { show: c.x.length < 40 } }))],
  }, [c.x, ...c.series.map((s) => s.values)], el);
}
</script>
</body>
</html>
`;
}
