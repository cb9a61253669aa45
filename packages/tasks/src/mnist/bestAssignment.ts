/** What {@link bestAssignment} returns. */
export interface Assignment {
  /** `assignment[row]` = the column given to that row (all distinct). */
  assignment: number[];
  /** Sum of the chosen cells. */
  total: number;
}

/**
 * The one-to-one assignment of rows to columns that maximises the sum of the chosen cells of a
 * `rows × cols` matrix with `rows ≤ cols` (Hungarian algorithm, O(rows² · cols)). Used to read a digit
 * classifier off a discrete node whose states need not be in digit order: rows are true digits,
 * columns states, cells counts.
 *
 * Throws for an empty or ragged matrix, more rows than columns, or a non-finite cell.
 *
 * @example
 * ```ts
 * bestAssignment([[0, 5], [4, 1]]); // { assignment: [1, 0], total: 9 }
 * ```
 */
export function bestAssignment(matrix: readonly (readonly number[])[]): Assignment {
  const n = matrix.length;
  if (n === 0) throw new Error('bestAssignment: matrix must have at least one row, got 0');
  const m = matrix[0]!.length;
  if (m < n) throw new Error(`bestAssignment: matrix must have rows <= cols, got ${n} x ${m}`);
  for (let i = 0; i < n; i++) {
    const row = matrix[i]!;
    if (row.length !== m) throw new Error(`bestAssignment: row ${i} has ${row.length} cells, expected ${m}`);
    for (let j = 0; j < m; j++) {
      if (!Number.isFinite(row[j])) throw new Error(`bestAssignment: cell [${i}][${j}] must be finite, got ${row[j]}`);
    }
  }
  // Classic potentials formulation on costs = −cells, 1-based with a virtual column 0.
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1); // p[j] = row matched to column j
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(INF);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = -matrix[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const assignment = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j]! > 0) assignment[p[j]! - 1] = j - 1;
  let total = 0;
  for (let i = 0; i < n; i++) total += matrix[i]![assignment[i]!]!;
  return { assignment, total };
}
