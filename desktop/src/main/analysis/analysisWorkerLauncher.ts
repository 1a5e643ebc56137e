import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Starts one analysis worker process. From sources (tests, `tsx`) the worker is TypeScript run through tsx;
// in the built app it is out/main/analysisWorker.js beside the bundle, run by Electron as plain Node.

export type AnalysisWorkerLauncher = () => ChildProcess;

export const launchAnalysisWorker: AnalysisWorkerLauncher = () => {
  const here = fileURLToPath(import.meta.url);
  const fromSources = here.endsWith('.ts');
  const script = join(dirname(here), fromSources ? 'analysisWorker.ts' : 'analysisWorker.js');
  return fork(script, [], {
    execArgv: fromSources ? ['--import', 'tsx'] : [],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
};
