import { describe, expect, it } from 'vitest';
import { filteredRank, guuRank, randomGuuBaseline, summarizeGuu, summarizeLinkPrediction } from './kgMetrics.js';

describe('guuRank', () => {
  it('ranks the answer among the candidates minus the true answers', () => {
    //            e0   e1   e2   e3   e4   e5
    const s = [0.9, 0.1, 0.5, 0.7, 0.6, 0.95];
    // Candidates {0,1,2,3,4}; true answers {2,3}: negatives {0,1,4}; above 0.5: e0, e4 → rank 3.
    expect(guuRank(s, 2, [0, 1, 2, 3, 4], [2, 3])).toEqual({ rank: 3, quantile: 1 / 3, negatives: 3 });
    // e5 is not a candidate, so its higher score does not count.
    expect(guuRank(s, 0, [0, 1, 2, 3, 4], new Set([0]))).toEqual({ rank: 1, quantile: 1, negatives: 4 });
  });

  it('counts ties against the answer and ignores duplicate candidates', () => {
    expect(guuRank([1, 1, 1], 0, [0, 1, 2, 2])).toEqual({ rank: 3, quantile: 0, negatives: 2 });
  });

  it('gives quantile 1 when there are no negatives', () => {
    expect(guuRank([0, 0], 1, [1], [1])).toEqual({ rank: 1, quantile: 1, negatives: 0 });
  });

  it('rejects an answer outside the scores', () => {
    expect(() => guuRank([0, 1], 2, [0])).toThrow(/guuRank: answer must be an integer in \[0, 2\), got 2/);
  });
});

describe('filteredRank', () => {
  it('skips the filtered true answers', () => {
    const s = [0.9, 0.1, 0.5, 0.7];
    expect(filteredRank(s, 2)).toBe(3);
    expect(filteredRank(s, 2, [0])).toBe(2);
    expect(filteredRank(s, 2, new Set([0, 3]))).toBe(1);
    expect(filteredRank(s, 0)).toBe(1);
  });
});

describe('summaries', () => {
  it('aggregates H@10 and mean quantile per length and overall', () => {
    const report = summarizeGuu([
      { length: 2, rank: 12, quantile: 0.4, negatives: 20 },
      { length: 1, rank: 1, quantile: 1, negatives: 5 },
      { length: 1, rank: 10, quantile: 0.5, negatives: 30 },
      { length: 1, rank: 11, quantile: 0.6, negatives: 30 },
    ]);
    expect(Object.keys(report.byLength)).toEqual(['1', '2']);
    expect(report.byLength[1]!.count).toBe(3);
    expect(report.byLength[1]!.hits10).toBeCloseTo(2 / 3, 12);
    expect(report.byLength[1]!.meanQuantile).toBeCloseTo(0.7, 12);
    expect(report.byLength[2]).toEqual({ count: 1, hits10: 0, meanQuantile: 0.4 });
    expect(report.overall.count).toBe(4);
    expect(report.overall.hits10).toBeCloseTo(0.5, 12);
    expect(report.overall.meanQuantile).toBeCloseTo(0.625, 12);
  });

  it('computes filtered MRR and Hits@k', () => {
    const r = summarizeLinkPrediction([1, 2, 4, 20]);
    expect(r.count).toBe(4);
    expect(r.mrr).toBeCloseTo((1 + 0.5 + 0.25 + 0.05) / 4, 12);
    expect([r.hits1, r.hits3, r.hits10]).toEqual([0.25, 0.5, 0.75]);
    expect(() => summarizeLinkPrediction([0])).toThrow(/ranks\[0\] must be an integer >= 1, got 0/);
  });

  it('gives the expectation of a random ranking', () => {
    expect(randomGuuBaseline([9, 99])).toEqual({ count: 2, hits10: 0.55, meanQuantile: 0.5 });
    expect(randomGuuBaseline([0]).meanQuantile).toBe(1);
  });
});
