// Manifests are read before an API server validates them: one set of readers decides, for relations, views, checks
// and Helm components alike, what counts as a name, a mapping or a list.
import { describe, expect, it } from 'vitest';
import { asArray, asRecord, asRecords, asString } from '../../src/infra/fields.ts';

describe('reading a scalar field as text', () => {
  it('keeps an unquoted number (`port: 80`, `version: 1.2`) as its text', () => {
    expect(asString(80)).toBe('80');
    expect(asString(1.2)).toBe('1.2');
  });

  it('treats an empty string as not set, so that a default applies', () => {
    expect(asString('') ?? 'défaut').toBe('défaut');
  });

  it('does not turn a boolean, a mapping or a list into a name', () => {
    expect([asString(true), asString({ name: 'web' }), asString(['web']), asString(null)]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('reading mappings and lists', () => {
  it('accepts only a mapping as a mapping', () => {
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect([asRecord([]), asRecord(null), asRecord('a'), asRecord(0)]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('skips list items that are not mappings (a `null` or a string among containers)', () => {
    expect(asRecords([{ name: 'web' }, null, 'sidecar', ['x'], { name: 'db' }])).toEqual([{ name: 'web' }, { name: 'db' }]);
  });

  it('reads a missing or malformed list as empty, and keeps scalar items where a list of strings is expected', () => {
    expect([asArray(undefined), asArray('Ingress'), asRecords({ name: 'web' })]).toEqual([[], [], []]);
    expect(asArray(['Ingress', 'Egress'])).toEqual(['Ingress', 'Egress']);
  });
});
