import { z } from 'zod';
import { accountBridgeMethods } from './bridge/accountBridgeMethods';
import { appBridgeMethods } from './bridge/appBridgeMethods';
import { libraryBridgeMethods } from './bridge/libraryBridgeMethods';
import { uploadBridgeMethods } from './bridge/uploadBridgeMethods';
import { analysisBridgeMethods } from './bridge/analysisBridgeMethods';
import { recommendBridgeMethods } from './bridge/recommendBridgeMethods';
import { recordingBridgeMethods } from './bridge/recordingBridgeMethods';
import { takeMediaBridgeMethods } from './bridge/takeMediaBridgeMethods';

// The one message bus between the desktop renderer and its main process: every method's request and
// response schema lives here, and both the preload client and the main-process dispatcher derive from it.

export * from './bridge/accountBridgeMethods';
export * from './bridge/appBridgeMethods';
export * from './bridge/libraryBridgeMethods';
export * from './bridge/analysisBridgeMethods';
export * from './bridge/recommendBridgeMethods';
export * from './bridge/recordingBridgeMethods';
export * from './bridge/uploadBridgeMethods';
export * from './bridge/takeMediaBridgeMethods';

export const DESKTOP_BRIDGE_CHANNEL = 'orak:bridge';

/** Every bridge method, one area per file: add a method there and both sides must follow. */
export const desktopBridgeMethods = {
  ...appBridgeMethods,
  ...libraryBridgeMethods,
  ...accountBridgeMethods,
  ...uploadBridgeMethods,
  ...analysisBridgeMethods,
  ...recommendBridgeMethods,
  ...recordingBridgeMethods,
  ...takeMediaBridgeMethods,
} as const;

export type DesktopBridgeMethod = keyof typeof desktopBridgeMethods;
export type BridgeRequest<M extends DesktopBridgeMethod> = z.input<
  (typeof desktopBridgeMethods)[M]['request']
>;
export type BridgeResponse<M extends DesktopBridgeMethod> = z.output<
  (typeof desktopBridgeMethods)[M]['response']
>;

const methodNames = Object.keys(desktopBridgeMethods) as [DesktopBridgeMethod, ...DesktopBridgeMethod[]];

export const BridgeRequestEnvelopeSchema = z.object({
  method: z.enum(methodNames),
  payload: z.unknown(),
});
export type BridgeRequestEnvelope = z.infer<typeof BridgeRequestEnvelopeSchema>;

export const BridgeErrorCodeSchema = z.enum(['bad-request', 'bad-response', 'failed']);
export const BridgeResponseEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), payload: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: BridgeErrorCodeSchema, message: z.string() }) }),
]);
export type BridgeResponseEnvelope = z.infer<typeof BridgeResponseEnvelopeSchema>;

/** What carries an envelope across the process boundary (ipcRenderer.invoke, or a test's page binding). */
export type BridgeTransport = (envelope: BridgeRequestEnvelope) => Promise<unknown>;

export interface DesktopBridge {
  invoke<M extends DesktopBridgeMethod>(method: M, request: BridgeRequest<M>): Promise<BridgeResponse<M>>;
}

export class BridgeError extends Error {
  constructor(
    readonly code: z.infer<typeof BridgeErrorCodeSchema>,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** The typed client: validates the request before it leaves and the response when it arrives. */
export function createDesktopBridge(transport: BridgeTransport): DesktopBridge {
  return {
    async invoke(method, request) {
      const schemas = desktopBridgeMethods[method];
      const parsedRequest = schemas.request.safeParse(request);
      if (!parsedRequest.success)
        throw new BridgeError('bad-request', `${method}: ${parsedRequest.error.message}`);
      const envelope = BridgeResponseEnvelopeSchema.parse(
        await transport({ method, payload: parsedRequest.data }),
      );
      if (!envelope.ok) throw new BridgeError(envelope.error.code, envelope.error.message);
      const parsedResponse = schemas.response.safeParse(envelope.payload);
      if (!parsedResponse.success)
        throw new BridgeError('bad-response', `${method}: ${parsedResponse.error.message}`);
      return parsedResponse.data as BridgeResponse<typeof method>;
    },
  };
}

export type DesktopBridgeHandlers = {
  [M in DesktopBridgeMethod]: (
    request: z.output<(typeof desktopBridgeMethods)[M]['request']>,
  ) => Promise<BridgeResponse<M>>;
};

/** The serving side: parses an untrusted envelope, runs the handler, checks what it returns. */
export function createDesktopBridgeDispatcher(
  handlers: DesktopBridgeHandlers,
): (envelope: unknown) => Promise<BridgeResponseEnvelope> {
  return async (raw) => {
    const envelope = BridgeRequestEnvelopeSchema.safeParse(raw);
    if (!envelope.success) return failure('bad-request', envelope.error.message);
    const { method, payload } = envelope.data;
    const schemas = desktopBridgeMethods[method];
    const request = schemas.request.safeParse(payload);
    if (!request.success) return failure('bad-request', `${method}: ${request.error.message}`);
    let result: unknown;
    try {
      const handler = handlers[method] as (request: unknown) => Promise<unknown>;
      result = await handler(request.data);
    } catch (error) {
      return failure('failed', `${method}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const response = schemas.response.safeParse(result);
    if (!response.success) return failure('bad-response', `${method}: ${response.error.message}`);
    return { ok: true, payload: response.data };
  };
}

function failure(code: z.infer<typeof BridgeErrorCodeSchema>, message: string): BridgeResponseEnvelope {
  return { ok: false, error: { code, message } };
}
