/** Multi-hop knowledge-graph reasoning: ComplEx path queries with a discrete entity at every hop. */
export { complexProduct } from './complexProduct.js';
export { complexScores, entityMixture } from './complexScores.js';
export type { ComplexScoresOptions } from './complexScores.js';
export { createComplExModel } from './complexModel.js';
export type { ComplExModel, ComplExModelOptions } from './complexModel.js';
export { pathQueryForward } from './pathQueryForward.js';
export type { Composition, PathQueryBatch, PathQueryForwardOptions, PathQueryForwardResult } from './pathQueryForward.js';
export { oneVsAllCrossEntropy } from './oneVsAllCrossEntropy.js';
export { KgIndex } from './KgIndex.js';
export { filteredRank, guuRank, randomGuuBaseline, summarizeGuu, summarizeLinkPrediction } from './kgMetrics.js';
export type { GuuReport, GuuSummary, LinkPredictionSummary, QueryRank } from './kgMetrics.js';
export { KG_MODEL_KINDS, createKgModel, createKgTask, inverseRelation } from './kgTask.js';
export type { KgBatch, KgModelConfig, KgModelKind, KgQuery, KgTaskModel, KgTaskOptions } from './kgTask.js';
