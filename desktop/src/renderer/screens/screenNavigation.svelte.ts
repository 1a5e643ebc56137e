import type { SongGuide } from '@orak/core';

// What one screen hands the next when it sends the singer there: a take to show, a song to sing along to.

const handoff = $state<{ resultsTakeId: string | null; singGuide: SongGuide | null }>({
  resultsTakeId: null,
  singGuide: null,
});

/** Results for one take (null: the singer overall). */
export function openResults(takeId: string | null): void {
  handoff.resultsTakeId = takeId;
  window.location.hash = '#/results';
}

export function resultsTakeId(): string | null {
  return handoff.resultsTakeId;
}

/** The Sing screen with a song's melody as a guide under the live pitch. */
export function openSingGuide(guide: SongGuide): void {
  handoff.singGuide = guide;
  window.location.hash = '#/sing';
}

export function singGuide(): SongGuide | null {
  return handoff.singGuide;
}

export function clearSingGuide(): void {
  handoff.singGuide = null;
}
