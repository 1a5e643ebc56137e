export * from './analysisPort';
export * from './analyzerRuntime';
export { AnalyzerWorker } from './analyzerWorker';
export { DeadLetterReplayer } from './deadLetterReplay';
export { CatalogueRecommender, EngineTakeAnalyzer } from './engineAdapter';
export { UploadPipeline } from './uploadPipeline';
