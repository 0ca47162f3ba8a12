import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('a StorageClass the cluster provides (k3s local-path)', () => {
  const result = relationsOf('storage-class');

  it('is kept as an external target and never reported', () => {
    const edge = result.relations.find((r) => r.to === key('storage.k8s.io', 'StorageClass', undefined, 'local-path'));
    expect(edge?.detail?.external).toBe('true');
    expect(result.findings).toEqual([]);
  });

  it('is not reported for StatefulSet claim templates either', () => {
    const result = relationsOf('workload-config');
    const edge = result.relations.find((r) => r.type === 'uses-storage-class');
    expect(edge).toMatchObject({ from: key('apps', 'StatefulSet', 'ffe', 'redis'), detail: { external: 'true', volumeClaimTemplate: 'data' } });
    expect(result.findings).toEqual([]);
  });
});
