// The `history` option of ffe.config.ts (the window a first build reads) and FFE_HISTORY=off, which turns the history
// off for one build: a window that cannot be read the same way tomorrow (« last week ») is refused, in French.
import { describe, expect, it } from 'vitest';
import { resolveFfeOptions } from '../../src/site/options.ts';
import { resolveSettings } from '../../src/site/settings.ts';

const resolve = (input: unknown) => resolveFfeOptions(input, '/project', {});

function refusal(input: unknown): string {
  try {
    resolve(input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the options to be refused');
}

describe('the history option', () => {
  it('reads 50 commits by default, a window when given, nothing when false', () => {
    expect(resolve({}).history).toEqual({ maxCommits: 50 });
    expect(resolve({ history: { since: '2025-01-01', maxCommits: 200 } }).history).toEqual({ since: '2025-01-01', maxCommits: 200 });
    expect(resolve({ history: false }).history).toBe(false);
  });

  it('refuses a relative date or an empty window, naming the option', () => {
    expect(refusal({ history: { since: 'last week' } })).toContain('option « history.since »');
    expect(refusal({ history: { since: '2025-02-30' } })).toContain('option « history.since »');
    expect(refusal({ history: { maxCommits: 0 } })).toContain('option « history.maxCommits »');
  });

  it('is turned off for one build by FFE_HISTORY=off, whatever the file says; another value is refused', () => {
    const history = (env: Record<string, string>, options: unknown = { history: { maxCommits: 20 } }) =>
      resolveSettings(options, { projectRoot: '/project', env }).options.history;
    expect(history({ FFE_HISTORY: 'off' })).toBe(false);
    expect(history({ FFE_HISTORY: 'OFF' })).toBe(false);
    expect(history({})).toEqual({ maxCommits: 20 });
    expect(history({ FFE_HISTORY: ' ' })).toEqual({ maxCommits: 20 });
    expect(history({ FFE_HISTORY: 'off' }, { history: false })).toBe(false);
    expect(() => history({ FFE_HISTORY: 'of' })).toThrow(/FFE_HISTORY ne connaît qu’une valeur, « off »/);
  });
});
