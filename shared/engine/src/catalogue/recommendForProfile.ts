import {
  buildRecommendIndex,
  recommend,
  type RecommendIndex,
  type RecommendOptions,
  type Recommendation,
  type VoiceProfile,
} from '@orak/core';
import { loadCatalogue, userCatalogueFile } from './userCatalogueStore';

// The engine's entry point for recommendations: the default catalogue plus the user's imports, indexed
// once per catalogue file and reused for every query.

const indexes = new Map<string, Promise<RecommendIndex>>();

export function catalogueIndex(file = userCatalogueFile()): Promise<RecommendIndex> {
  let index = indexes.get(file);
  if (!index) {
    index = loadCatalogue(file).then(buildRecommendIndex);
    indexes.set(file, index);
  }
  return index;
}

/** Call after importing songs so the next query sees them. */
export function forgetCatalogueIndex(): void {
  indexes.clear();
}

export async function recommendForProfile(
  profile: VoiceProfile | readonly VoiceProfile[],
  options: RecommendOptions,
): Promise<Recommendation[]> {
  return recommend(await catalogueIndex(), profile, options);
}
