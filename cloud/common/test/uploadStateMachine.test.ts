import { describe, expect, it } from 'vitest';
import { UPLOAD_STATES, TERMINAL_UPLOAD_STATES, type UploadState } from '@orak/core';
import {
  HAPPY_PATH,
  NON_TERMINAL_STATES,
  UPLOAD_TRANSITIONS,
  canTransition,
  isTerminal,
  requiresFailure,
} from '../src/uploads/uploadStateMachine';

const rank = (state: UploadState) => HAPPY_PATH.indexOf(state);

describe('upload state machine', () => {
  it('has twelve states, four of them terminal', () => {
    expect(UPLOAD_STATES).toHaveLength(12);
    expect(Object.keys(UPLOAD_TRANSITIONS).sort()).toEqual([...UPLOAD_STATES].sort());
    expect([...TERMINAL_UPLOAD_STATES].sort()).toEqual(['COMPLETED', 'EXPIRED', 'FAILED', 'REJECTED']);
  });

  it('lets nothing leave a terminal state', () => {
    for (const state of TERMINAL_UPLOAD_STATES) {
      expect(UPLOAD_TRANSITIONS[state]).toEqual([]);
      for (const to of UPLOAD_STATES) expect(canTransition(state, to)).toBe(false);
    }
  });

  it('walks the happy path one step at a time', () => {
    for (let i = 0; i + 1 < HAPPY_PATH.length; i++) {
      expect(canTransition(HAPPY_PATH[i]!, HAPPY_PATH[i + 1]!)).toBe(true);
    }
    expect(canTransition('REQUESTED', 'COMPLETED')).toBe(false);
    expect(canTransition('UPLOADED', 'ANALYZING')).toBe(false);
  });

  it('never goes backwards along the happy path and never self-loops', () => {
    for (const from of UPLOAD_STATES) {
      for (const to of UPLOAD_TRANSITIONS[from]) {
        expect(to).not.toBe(from);
        if (rank(to) >= 0 && rank(from) >= 0) expect(rank(to)).toBeGreaterThan(rank(from));
      }
    }
  });

  it('can fail from every live state, and only REQUESTED can expire', () => {
    for (const state of NON_TERMINAL_STATES) expect(canTransition(state, 'FAILED')).toBe(true);
    expect(UPLOAD_STATES.filter((state) => canTransition(state, 'EXPIRED'))).toEqual(['REQUESTED']);
  });

  it('reaches every state from REQUESTED', () => {
    const seen = new Set<UploadState>(['REQUESTED']);
    const queue: UploadState[] = ['REQUESTED'];
    while (queue.length > 0) {
      for (const next of UPLOAD_TRANSITIONS[queue.shift()!]) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    expect(seen.size).toBe(12);
  });

  it('asks for a failure reason exactly on the failure states', () => {
    expect(UPLOAD_STATES.filter(requiresFailure).sort()).toEqual(['EXPIRED', 'FAILED', 'REJECTED']);
    expect(NON_TERMINAL_STATES.some(isTerminal)).toBe(false);
    expect(NON_TERMINAL_STATES).toHaveLength(8);
  });
});
