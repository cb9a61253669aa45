/**
 * @dccg/datasets: ListOps, MNIST addition and knowledge-graph data as plain typed arrays and objects.
 * No tfjs and nothing Node-only here; file readers (paths, gzip, tar) live in `@dccg/datasets/node`.
 */
export { DatasetError } from './DatasetError.js';
export type { RandomSource, SeedOrRandom } from './random.js';
export { createRandom } from './random.js';

// ListOps
export type { ListOpsOperator, ListOpsVariant } from './listops/vocabulary.js';
export {
  LISTOPS_TOKENS,
  LISTOPS_TOKEN_IDS,
  LISTOPS_VOCAB_SIZE,
  LISTOPS_CLOSE_ID,
  LISTOPS_DIGIT_OFFSET,
  LISTOPS_OPERATORS,
  applyListOpsOperator,
} from './listops/vocabulary.js';
export type { ListOpsExample, ListOpsContext } from './listops/listOpsExample.js';
export { listOpsExample, evaluateListOps, listOpsExpression } from './listops/listOpsExample.js';
export type { GenerateListOpsOptions } from './listops/generateListOps.js';
export { generateListOps } from './listops/generateListOps.js';
export type { ListOpsSplitsOptions, ListOpsSplits } from './listops/listOpsSplits.js';
export { listOpsSplits } from './listops/listOpsSplits.js';
export type { LengthBatchesOptions, ListOpsBatch } from './listops/batching.js';
export { groupByLength, lengthBatches, stackListOps } from './listops/batching.js';
export type { PaperJsonRecord, ReadListOpsOptions } from './listops/paperJson.js';
export { readPaperJson, writePaperJson } from './listops/paperJson.js';
export type { WriteNangiaTsvOptions } from './listops/nangiaTsv.js';
export { readNangiaTsv, writeNangiaTsv } from './listops/nangiaTsv.js';
