import type { DesktopSettings } from '@orak/core';

// The UI language as reactive state: every screen reads it, Settings writes it through App.

export type Language = DesktopSettings['language'];

const current = $state<{ language: Language }>({ language: 'en' });

export function currentLanguage(): Language {
  return current.language;
}

export function setLanguage(language: Language): void {
  current.language = language;
  document.documentElement.lang = language;
}
