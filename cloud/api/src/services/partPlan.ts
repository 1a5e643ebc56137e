import type { PlannedPart } from '@orak/core';

// How a declared size splits into parts: all of partSizeBytes except a shorter last one.

export function planParts(sizeBytes: number, partSizeBytes: number): PlannedPart[] {
  const count = Math.max(1, Math.ceil(sizeBytes / partSizeBytes));
  return Array.from({ length: count }, (_, index) => ({
    partNumber: index + 1,
    sizeBytes: index < count - 1 ? partSizeBytes : sizeBytes - partSizeBytes * (count - 1),
  }));
}
