import { summarizeMnistMetrics } from '@dccg/tasks';
import type { MnistAdditionSample } from '@dccg/tasks';
import { greyPng } from './mnistPng.js';
import type { ReportSection, RunData } from './types.js';

const fmt = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : (100 * v).toFixed(2) + '%');

function isSample(s: unknown): s is MnistAdditionSample {
  return typeof s === 'object' && s !== null && 'images' in s && 'predictedSum' in s && Array.isArray((s as MnistAdditionSample).images);
}

/**
 * The MNIST-addition sections of `report.html`: the headline figures (sum accuracy, digit accuracy
 * under the best assignment of states to digits, macro F1), the confusion matrix of the digit
 * classifier read off the discrete node, and a grid of test images with the digit each was read as.
 */
export function mnistReportSections(run: RunData): ReportSection[] {
  const results = run.results;
  if (!results) return [];
  const s = summarizeMnistMetrics(results.test);
  const sections: ReportSection[] = [
    {
      title: 'MNIST addition: test figures',
      html: `<table>
<tr><th>sum accuracy</th><td>${fmt(s.sumAccuracy)}</td></tr>
<tr><th>digit accuracy (best state ↔ digit assignment)</th><td>${fmt(s.digitAccuracy)}</td></tr>
<tr><th>digit accuracy (state k read as digit k)</th><td>${fmt(results.test['digitAccuracyInOrder'])}</td></tr>
<tr><th>sum-digit accuracy</th><td>${fmt(results.test['sumDigitAccuracy'])}</td></tr>
<tr><th>macro F1 over sum classes</th><td>${fmt(s.macroF1)}</td></tr>
</table>
<p>Training saw the sums only; the digit labels are read for these figures alone.</p>`,
    },
  ];
  if (s.confusion.length === 10) {
    const states = s.confusion[0]!.length;
    const max = Math.max(...s.confusion.flat(), 1e-12);
    const head = Array.from({ length: states }, (_, k) => `<th>${k}</th>`).join('');
    const rows = s.confusion
      .map((row, d) => {
        const cells = row
          .map((v, k) => {
            const shade = Math.round(255 - 200 * (v / max));
            const mark = s.stateOfDigit[d] === k ? ' style="outline:2px solid #c00;background:rgb(' : ' style="background:rgb(';
            return `<td${mark}${shade},${shade},255)">${v > 0 ? (100 * v).toFixed(1) : ''}</td>`;
          })
          .join('');
        return `<tr><th>${d}</th>${cells}</tr>`;
      })
      .join('\n');
    sections.push({
      title: 'Digit classifier: confusion matrix (true digit × chosen state, % of test images)',
      html: `<table style="border-collapse:collapse;font-size:11px"><tr><th>digit \\ state</th>${head}</tr>
${rows}</table>
<p>Outlined: the state read as each digit under the best one-to-one assignment (Hungarian).</p>`,
    });
  }
  const samples = results.samples.filter(isSample);
  if (samples.length > 0) {
    const digitOfState = new Map<number, number>(s.stateOfDigit.map((state, digit) => [state, digit]));
    const cells = samples
      .map((e) => {
        const imgs = e.images
          .map((img) => {
            const png = greyPng(Uint8Array.from(atob(img.pixels), (c) => c.charCodeAt(0)), e.rows, e.cols).toString('base64');
            const read = img.state < 0 ? '' : String(digitOfState.get(img.state) ?? `s${img.state}`);
            const colour = read === String(img.label) ? '#070' : '#c00';
            return `<figure style="display:inline-block;margin:2px;text-align:center"><img width="42" height="42" style="image-rendering:pixelated" src="data:image/png;base64,${png}"><figcaption style="color:${colour}">${read}</figcaption></figure>`;
          })
          .join('');
        const ok = e.predictedSum === e.sum;
        return `<div style="margin:6px 0">${imgs} <span style="color:${ok ? '#070' : '#c00'}">→ ${e.predictedSum}</span> (true ${e.a} + ${e.b} = ${e.sum})</div>`;
      })
      .join('\n');
    sections.push({
      title: 'Test images with the digits the discrete node read',
      html: `${cells}<p>Green: read correctly; red: not. The arrow gives the predicted sum.</p>`,
    });
  }
  return sections;
}
