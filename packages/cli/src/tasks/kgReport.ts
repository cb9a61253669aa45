import type { ReportSection, RunData } from './types.js';

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const fmt = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(3));

/** The lengths that have `hits10/lenK` in a metrics record, ascending. */
function lengths(metrics: Record<string, number>): number[] {
  return Object.keys(metrics)
    .map((k) => /^hits10\/len(\d+)$/.exec(k)?.[1])
    .filter((k): k is string => k !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function table(title: string, metrics: Record<string, number>): string {
  const ls = lengths(metrics);
  const head = ls.map((l) => `<th>len ${l}</th>`).join('');
  const row = (name: string, key: (l: number) => string, all: string): string =>
    `<tr><th>${name}</th>${ls.map((l) => `<td>${fmt(metrics[key(l)])}</td>`).join('')}<td>${fmt(metrics[all])}</td></tr>`;
  const lp =
    metrics['lp/mrr'] === undefined
      ? ''
      : `<p>Length-1 link prediction (filtered, both directions): MRR ${fmt(metrics['lp/mrr'])}, Hits@1 ${fmt(
          metrics['lp/hits1'],
        )}, Hits@3 ${fmt(metrics['lp/hits3'])}, Hits@10 ${fmt(metrics['lp/hits10'])}.</p>`;
  return `<h3>${escape(title)}</h3>
<table><tr><th></th>${head}<th>all</th></tr>
${row('H@10', (l) => `hits10/len${l}`, 'hits10')}
${row('MQ', (l) => `mq/len${l}`, 'mq')}
</table>
<p>A random ranking of the same candidate negatives would score H@10 ${fmt(metrics['hits10Random'])} and MQ 0.5.</p>${lp}`;
}

interface KgSample {
  query: string;
  answer: string;
  hops: string[];
  top5: string[];
  rank: number;
  negatives: number;
}

function isSample(s: unknown): s is KgSample {
  return typeof s === 'object' && s !== null && 'query' in s && 'hops' in s && 'top5' in s;
}

/**
 * The KG sections of `report.html`: H@10 and mean quantile per path length (Guu et al.'s protocol)
 * on dev and test, filtered link prediction of length-1 queries, and a few test queries with the
 * entity chosen at each hop.
 */
export function kgReportSections(run: RunData): ReportSection[] {
  const results = run.results;
  if (!results) return [];
  const sections: ReportSection[] = [
    {
      title: 'Path queries: H@10 and mean quantile per length',
      html: `${table('test', results.test)}${table('dev (best epoch)', results.dev)}${Object.entries(results.extra)
        .map(([name, m]) => table(name, m))
        .join('')}`,
    },
  ];
  const samples = results.samples.filter(isSample);
  if (samples.length > 0) {
    const rows = samples
      .map(
        (s) =>
          `<tr><td>${escape(s.query)}</td><td>${escape(s.hops.join(' → ') || '–')}</td><td>${escape(s.answer)}</td><td>${escape(
            s.top5.join(', '),
          )}</td><td>${s.rank} / ${s.negatives + 1}</td></tr>`,
      )
      .join('\n');
    sections.push({
      title: 'Test queries: the entity chosen at each hop',
      html: `<table><tr><th>query</th><th>entities at the hops</th><th>answer</th><th>top 5</th><th>rank among negatives</th></tr>
${rows}</table>`,
    });
  }
  return sections;
}
