import type { Language } from './locale.svelte';

// One catalogue per screen or component, English and Korean side by side; the types make a missing translation a compile error.

export type MessageValue = string | ((...args: never[]) => string);
export type Messages = Record<string, MessageValue>;
export type MessageCatalogue<T extends Messages> = Readonly<Record<Language, T>>;

export function defineMessages<T extends Messages>(en: T, ko: NoInfer<T>): MessageCatalogue<T> {
  return { en, ko };
}

export function messagesFor<T extends Messages>(catalogue: MessageCatalogue<T>, language: Language): T {
  return catalogue[language];
}
