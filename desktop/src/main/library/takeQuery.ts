import type { Take, TakePage, TakeQuery } from '@orak/core';

export type { TakePage, TakeQuery } from '@orak/core';

// Search, filter, sort and page takes in memory: linear in the number of takes, a few ms at 10,000.

const collator = new Intl.Collator(['ko', 'en'], { sensitivity: 'base', numeric: true });

export function queryTakes(takes: readonly Take[], query: TakeQuery = {}): TakePage {
  const words = (query.search ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matches = takes.filter((take) => {
    if (query.albumId !== undefined && take.albumId !== query.albumId) return false;
    if (words.length === 0) return true;
    const haystack = `${take.title}\n${take.notes}\n${take.tags.join('\n')}`.toLocaleLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const sort = query.sort ?? 'recordedAt';
  const sign = (query.direction ?? (sort === 'title' ? 'asc' : 'desc')) === 'asc' ? 1 : -1;
  matches.sort((a, b) => {
    const order =
      sort === 'title'
        ? collator.compare(a.title, b.title)
        : sort === 'durationSec'
          ? a.durationSec - b.durationSec
          : a.recordedAt < b.recordedAt
            ? -1
            : a.recordedAt > b.recordedAt
              ? 1
              : 0;
    return sign * order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.max(0, query.limit ?? 100);
  return { total: matches.length, items: matches.slice(offset, offset + limit) };
}
