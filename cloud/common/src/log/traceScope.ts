import { AsyncLocalStorage } from 'node:async_hooks';

// The trace id of the work in progress, carried across awaits so every log line of that work names it.

const scope = new AsyncLocalStorage<{ traceId: string }>();

export function withTrace<T>(traceId: string, work: () => T): T {
  return scope.run({ traceId }, work);
}

export function currentTraceId(): string | undefined {
  return scope.getStore()?.traceId;
}
