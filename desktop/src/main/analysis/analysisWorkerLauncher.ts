import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Starts one worker process. From sources (tests, `tsx`) the worker is TypeScript run through tsx;
// in the built app it is out/main/analysisWorker.js beside the bundle, run by Electron as plain Node.

export type AnalysisWorkerLauncher = () => ChildProcess;

/** What a worker needs of the environment; nothing else (tokens, proxies, NODE_OPTIONS) crosses over. */
const PASSED_ENV = [
  'PATH',
  'HOME',
  'USERPROFILE',
  'TMPDIR',
  'TMP',
  'TEMP',
  'SystemRoot',
  'LANG',
  'LC_ALL',
  'ORAK_EXECUTION_PROVIDER',
  'ORAK_MODEL_PERMITS',
] as const;

export function workerEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const passed: NodeJS.ProcessEnv = { ELECTRON_RUN_AS_NODE: '1' };
  for (const name of PASSED_ENV) if (env[name] !== undefined) passed[name] = env[name];
  return passed;
}

export const launchAnalysisWorker: AnalysisWorkerLauncher = () => {
  const here = fileURLToPath(import.meta.url);
  const fromSources = here.endsWith('.ts');
  const script = join(dirname(here), fromSources ? 'analysisWorker.ts' : 'analysisWorker.js');
  return fork(script, [], {
    execArgv: fromSources ? ['--import', 'tsx'] : [],
    env: workerEnv(),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
};
