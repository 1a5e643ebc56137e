export * from './serviceRegistry';
export * from './httpMetrics';
export * from './uploadMetrics';
export * from './apiMetrics';
export * from './bridgeMetrics';
export * from './analyzerMetrics';
export * from './reconcilerMetrics';
export * from './metricsEndpoint';
