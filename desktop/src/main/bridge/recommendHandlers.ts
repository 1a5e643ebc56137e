import type {
  DesktopBridgeHandlers,
  recommendBridgeMethods,
  RecommendSubject,
  VoiceProfile,
} from '@orak/core';
import type { SongCatalogue } from '../analysis/songCatalogue';
import { analysesOf, combineAnalyses } from '../analysis/singerProfile';
import { voiceProfileFromAnalysis } from '../analysis/voiceProfile';
import type { LibraryHost } from '../library/libraryHost';

// Song recommendations for a take or for the singer, with the catalogue's filters, and a song's guide melody.

export function createRecommendHandlers(
  catalogue: SongCatalogue,
  library: LibraryHost,
): Pick<DesktopBridgeHandlers, keyof typeof recommendBridgeMethods> {
  function profileOf(subject: RecommendSubject): VoiceProfile {
    if ('takeId' in subject) {
      const take = library.require().getTake(subject.takeId);
      if (!take) throw new Error(`no take ${subject.takeId}`);
      if (!take.analysis) throw new Error(`take ${subject.takeId} has not been analysed yet`);
      return voiceProfileFromAnalysis(take.analysis.result);
    }
    const singer = combineAnalyses(analysesOf(library.require().allTakes()));
    if (!singer) throw new Error('no take has been analysed yet');
    return voiceProfileFromAnalysis(singer);
  }
  return {
    'recommend.songs': async ({ subject, top, filters }) => {
      const profile = profileOf(subject);
      return { profile, recommendations: await catalogue.recommend(profile, top, filters) };
    },
    'recommend.facets': () => catalogue.facets(),
    'recommend.guide': ({ songId, keyShift, octave }) => catalogue.guide(songId, keyShift, octave),
  };
}
