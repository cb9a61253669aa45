/**
 * The error every parser throws for malformed input. Its message names the function, the file (when
 * there is one), the line (or record) and what was wrong, e.g.
 * `readNangiaTsv: train.tsv line 3: label 4 disagrees with the expression's value 7`;
 * the same parts are fields, so a caller can report them its own way.
 *
 * @example
 * try { readNangiaTsv('4\t[MAX 7 ]', { source: 'a.tsv' }); } catch (e) { if (e instanceof DatasetError) e.line; }
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly fn: string;
  readonly source: string | undefined;
  readonly line: number | undefined;
  readonly detail: string;

  constructor(fn: string, detail: string, where: { source?: string | undefined; line?: number | undefined } = {}) {
    const place = [where.source, where.line !== undefined ? `line ${where.line}` : undefined].filter((x) => x).join(' ');
    super(`${fn}: ${place ? `${place}: ` : ''}${detail}`);
    this.fn = fn;
    this.source = where.source;
    this.line = where.line;
    this.detail = detail;
  }
}
