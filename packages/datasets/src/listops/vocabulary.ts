/** The ListOps operators: the paper uses MIN, MAX, MED; Nangia & Bowman add SM (sum mod 10). */
export type ListOpsOperator = 'MIN' | 'MAX' | 'MED' | 'SM';

/** `'paper'`: MIN, MAX, MED (Friede & Niepert); `'nangia'`: MIN, MAX, MED, SM (Nangia & Bowman 2018). */
export type ListOpsVariant = 'paper' | 'nangia';

/**
 * The fixed token vocabulary, index = token id. The first 14 ids are the paper's `vocab.json`
 * (`]` 0, `[MIN` 1, `[MAX` 2, `[MED` 3, digits `0`..`9` at 4..13), so ids and the paper's files agree;
 * `[SM` (Nangia's SUM_MOD) is appended as 14. A digit's id is `LISTOPS_DIGIT_OFFSET + value`, which is
 * also how the paper turns an intermediate value into a class.
 *
 * @example
 * LISTOPS_TOKENS[LISTOPS_TOKEN_IDS['[MAX']]; // '[MAX'
 */
export const LISTOPS_TOKENS: readonly string[] = Object.freeze([
  ']',
  '[MIN',
  '[MAX',
  '[MED',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '[SM',
]);

/** Token → id, the inverse of {@link LISTOPS_TOKENS}. */
export const LISTOPS_TOKEN_IDS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(LISTOPS_TOKENS.map((t, i) => [t, i])),
);

/** Number of token ids (15). */
export const LISTOPS_VOCAB_SIZE = LISTOPS_TOKENS.length;
/** Id of the closing bracket `]` (0). */
export const LISTOPS_CLOSE_ID = 0;
/** Id of the digit `0` (4); digit v has id 4 + v. */
export const LISTOPS_DIGIT_OFFSET = 4;
/** The operators of each variant, in the order the generator draws from. */
export const LISTOPS_OPERATORS: Readonly<Record<ListOpsVariant, readonly ListOpsOperator[]>> = Object.freeze({
  paper: Object.freeze(['MIN', 'MAX', 'MED'] as ListOpsOperator[]),
  nangia: Object.freeze(['MIN', 'MAX', 'MED', 'SM'] as ListOpsOperator[]),
});

/** The token that opens an operator: `[MIN`, `[MAX`, `[MED`, `[SM`. */
export function operatorToken(op: ListOpsOperator): string {
  return `[${op}`;
}

/**
 * Applies one operator to its argument values. MED is Nangia's rule, the integer part of the
 * statistical median (the mean of the two middle values when there is an even count); SM is the sum
 * mod 10.
 *
 * @example
 * applyListOpsOperator('MED', [3, 6, 0, 6]); // 4 (median 4.5)
 */
export function applyListOpsOperator(op: ListOpsOperator, args: readonly number[]): number {
  if (args.length === 0) throw new Error(`applyListOpsOperator: ${op} needs at least one argument, got none`);
  switch (op) {
    case 'MIN':
      return Math.min(...args);
    case 'MAX':
      return Math.max(...args);
    case 'SM': {
      let s = 0;
      for (const a of args) s += a;
      return s % 10;
    }
    case 'MED': {
      const s = [...args].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 === 1 ? (s[m] as number) : Math.floor(((s[m - 1] as number) + (s[m] as number)) / 2);
    }
    default:
      throw new Error(`applyListOpsOperator: unknown operator ${String(op)}`);
  }
}
