export type {
  AnyTask,
  Batch,
  Checkpoint,
  ForwardResult,
  MetricSum,
  MetricSums,
  Metrics,
  MetricsRecord,
  NodeDiagnostics,
  ScheduleFn,
  StepContext,
  StoredTensor,
  TapOptions,
  Task,
  TaskData,
  TaskModel,
  TrainConfig,
  TrainResult,
  VariantName,
  VariantOptions,
  VariantSchedules,
} from './engine/types.js';
export { VARIANTS } from './engine/types.js';
export { variantSchedules, parseVariant } from './engine/variants.js';
export { train, DEFAULT_TRAIN_CONFIG, checkConfig, getWeights, setWeights } from './engine/train.js';
export type { TrainOptions, TrainOutcome, TrainProgress } from './engine/train.js';
export { evaluate, evaluationContext, evaluationBatches, addMetricSums, metricValues } from './engine/evaluate.js';
export type { EvaluateOptions } from './engine/evaluate.js';
export { Adam } from './engine/adam.js';
export type { AdamOptions, AdamState } from './engine/adam.js';
export { lengthGroupedBatches, batchCount } from './engine/batches.js';
export { encodeTensor, decodeTensor } from './engine/storedTensor.js';
export { recordingTap, identityTap, readTapRecords } from './engine/tap.js';
export type { TapRecord } from './engine/tap.js';
export { glorotVariable, constantVariable, dropout, createLstm, runLstm, pairReluSum, PAIR_RELU_SUM_KERNELS } from './engine/layers.js';
export type { LstmWeights } from './engine/layers.js';
export { listOpsTask, listOpsMetrics, listOpsData } from './listops/listOpsTask.js';
export type { ListOpsTask, ListOpsTaskOptions, ListOpsSample, ListOpsDataOptions } from './listops/listOpsTask.js';
export { createListOpsModel, resolveListOpsModelConfig, listOpsNodeNames, LISTOPS_PAD_ID } from './listops/listOpsModel.js';
export type { ListOpsModel, ListOpsModelConfig, ListOpsModelKind } from './listops/listOpsModel.js';
export { makeListOpsBatch } from './listops/listOpsBatch.js';
export type { ListOpsBatch, ListOpsBatchOptions } from './listops/listOpsBatch.js';
export * from './kg/index.js';
export * from './mnist/index.js';
