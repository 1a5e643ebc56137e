import type { analysisBridgeMethods, DesktopBridgeHandlers } from '@orak/core';
import type { LocalAnalysisService } from '../analysis/localAnalysisService';
import { analysesOf, combineAnalyses } from '../analysis/singerProfile';
import type { LibraryHost } from '../library/libraryHost';
import type { SettingsStore } from '../settings/settingsStore';

// The local analysis service's bridge methods: start, poll, cancel, and the singer over all analysed takes.

export function createAnalysisHandlers(
  analysis: LocalAnalysisService,
  library: LibraryHost,
  settings: SettingsStore,
): Pick<DesktopBridgeHandlers, keyof typeof analysisBridgeMethods> {
  const singerVoice = async () => (await settings.get()).singerVoice;
  return {
    'analysis.start': async ({ takeId, tessituraWindows }) =>
      analysis.start(takeId, {
        ...(tessituraWindows ? { tessituraWindows } : {}),
        singerVoice: await singerVoice(),
      }),
    'analysis.status': async ({ jobId }) => analysis.status(jobId),
    'analysis.cancel': async ({ jobId }) => analysis.cancel(jobId),
    'analysis.result': async ({ takeId }) => {
      const take = library.require().getTake(takeId);
      if (!take) throw new Error(`no take ${takeId}`);
      return take.analysis;
    },
    'analysis.singer': async () =>
      combineAnalyses(analysesOf(library.require().allTakes()), await singerVoice()),
  };
}
