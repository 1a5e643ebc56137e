import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AnalysisFailureCodeSchema, UPLOAD_STATES, VoiceTypeLabelSchema } from '@orak/core';

// Every UI catalogue has a real Korean string for every key: not empty, and not English left in place.

const folder = fileURLToPath(new URL('../src/renderer/i18n/messages/', import.meta.url));
const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
const hangul = /[\uac00-\ud7a3]/;
/** An English word a translator would have changed (plain symbols, units and note names pass). */
const englishWord = /\b[A-Za-z]{4,}\b/;

type Catalogue = { en: Record<string, unknown>; ko: Record<string, unknown> };
const isCatalogue = (value: unknown): value is Catalogue =>
  typeof value === 'object' && value !== null && 'en' in value && 'ko' in value;

/** Arguments to probe formatted messages with: numbers, text, and the enums messages switch on. */
const PROBES: unknown[] = [
  1,
  'x',
  true,
  ...UPLOAD_STATES,
  ...['queued', 'signing', 'sending', 'retrying', 'paused', 'processing', 'completed', 'failed', 'cancelled'],
  ...['no-server', 'signed-out', 'unreachable'],
  ...['sing', 'range', 'record', 'library', 'uploads', 'results', 'settings'],
  ...['comfortable', 'low', 'high', 'phrase'],
  ...VoiceTypeLabelSchema.options,
  ...AnalysisFailureCodeSchema.options,
];

function korean(en: string, ko: unknown, where: string): void {
  expect(typeof ko, where).toBe('string');
  expect((ko as string).trim(), where).not.toBe('');
  if (!hangul.test(ko as string))
    expect(englishWord.test(en) && ko === en, `${where}: "${ko}" is not Korean`).toBe(false);
}

describe('i18n catalogues', () => {
  it('finds the catalogues', () => {
    expect(files).toEqual(
      expect.arrayContaining(['singMessages.ts', 'uploadsMessages.ts', 'settingsMessages.ts']),
    );
  });

  for (const file of files) {
    it(`${file}: every key has a non-empty Korean string`, async () => {
      const module = (await import(`${folder}${file}`)) as Record<string, unknown>;
      const catalogues = Object.entries(module).filter((entry): entry is [string, Catalogue] =>
        isCatalogue(entry[1]),
      );
      expect(catalogues.length, file).toBeGreaterThan(0);
      for (const [name, catalogue] of catalogues) {
        expect(Object.keys(catalogue.ko).sort(), name).toEqual(Object.keys(catalogue.en).sort());
        for (const [key, en] of Object.entries(catalogue.en)) {
          const ko = catalogue.ko[key];
          const where = `${name}.${key}`;
          if (typeof en === 'string') {
            korean(en, ko, where);
            continue;
          }
          expect(typeof ko, where).toBe('function');
          const enFn = en as (...args: unknown[]) => unknown;
          const koFn = ko as (...args: unknown[]) => unknown;
          let probed = 0;
          for (const probe of PROBES) {
            const args = Array.from({ length: Math.max(1, enFn.length) }, () => probe);
            let english: unknown;
            try {
              english = enFn(...args);
            } catch {
              continue; // not an argument this message takes
            }
            // A message that only echoes its argument (a take title) has nothing to translate.
            if (typeof english !== 'string' || english === '' || english === String(probe)) continue;
            probed++;
            korean(english, koFn(...args), `${where}(${String(probe)})`);
          }
          const echoes = PROBES.some((probe) => {
            try {
              return enFn(probe) === String(probe);
            } catch {
              return false;
            }
          });
          if (!echoes) expect(probed, `${where} was never probed`).toBeGreaterThan(0);
        }
      }
    });
  }
});
