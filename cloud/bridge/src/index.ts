export { BridgeService, type BridgeOutcome } from './bridgeService';
export { buildBridgeApp, BRIDGE_TOKEN_HEADER, senderIsAuthentic } from './bridgeHttp';
export { s3EventMessageHandler } from './s3EventConsumer';
export * from './s3EventNormalizer';
