import { describe, expect, it } from 'vitest';
import { relationsOf } from './helpers.ts';

describe('optional references to missing ConfigMaps and Secrets', () => {
  const result = relationsOf('optional-refs');

  it('are not reported', () => {
    expect(result.findings).toEqual([]);
  });

  it('are kept as optional, external edges', () => {
    expect(result.relations.map((r) => [r.type, r.to.split('/').pop(), r.detail])).toEqual([
      ['uses-configmap', 'feature-flags', { optional: 'true', external: 'true' }],
      ['uses-secret', 'extra-certs', { optional: 'true', external: 'true' }],
      ['uses-secret', 'local-overrides', { optional: 'true', external: 'true' }],
    ]);
  });
});
