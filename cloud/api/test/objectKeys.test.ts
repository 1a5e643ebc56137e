import { describe, expect, it } from 'vitest';
import { safeFileName, uploadObjectKey, userPrefix } from '../src/services/objectKeys';

describe('object keys', () => {
  it('put every upload under its owner prefix', () => {
    const key = uploadObjectKey('u1', 'up1', 'take.wav');
    expect(key).toBe('users/u1/up1/take.wav');
    expect(key.startsWith(userPrefix('u1'))).toBe(true);
  });

  it('reduce file names to characters that need no escaping', () => {
    expect(safeFileName('red flower+ 노래.wav')).toBe('red_flower_.wav');
    expect(safeFileName('..hidden.wav')).toBe('hidden.wav');
    expect(safeFileName('노래')).toBe('take');
    expect(safeFileName(`${'a'.repeat(300)}.wav`)).toHaveLength(100);
  });
});
