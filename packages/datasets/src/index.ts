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

// Knowledge graphs and path queries
export type { KgSplit, KnowledgeGraph, ParseTriplesOptions, KnowledgeGraphTexts } from './kg/knowledgeGraph.js';
export {
  KG_SPLITS,
  parseTriples,
  buildKnowledgeGraph,
  relationName,
  relationId,
  withReciprocals,
  concatTriples,
  writeTriples,
} from './kg/knowledgeGraph.js';
export type { TarEntry } from './kg/tar.js';
export { readTar, isGzip, maybeGunzip } from './kg/tar.js';
export { loadKnowledgeGraphArchive } from './kg/loadKnowledgeGraphArchive.js';
export type { GraphIndexOptions } from './kg/GraphIndex.js';
export { GraphIndex } from './kg/GraphIndex.js';
export type { PathQuery, ReadPathQueriesOptions } from './kg/pathQueries.js';
export { readPathQueries, writePathQueries } from './kg/pathQueries.js';
export type { GeneratePathQueriesOptions } from './kg/generatePathQueries.js';
export { generatePathQueries } from './kg/generatePathQueries.js';
export type { PathQueryEvaluation } from './kg/pathQueryEvaluation.js';
export { pathAnswers, pathQueryEvaluation, filteredAnswers } from './kg/pathQueryEvaluation.js';

// MNIST and MNIST addition
export type { IdxType, IdxArray, ParseIdxOptions, MnistImages, NormalizeImagesOptions } from './mnist/parseIdx.js';
export { parseIdx, mnistFromIdx, normalizeImages } from './mnist/parseIdx.js';
export type {
  AdditionExample,
  GenerateAdditionPairsOptions,
  ReadAdditionPairsOptions,
  AdditionSplitsOptions,
} from './mnist/additionPairs.js';
export { generateAdditionPairs, writeAdditionPairs, readAdditionPairs, additionSplits, numberOf } from './mnist/additionPairs.js';
