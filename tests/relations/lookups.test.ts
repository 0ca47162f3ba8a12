import { describe, expect, it } from 'vitest';
import { relationsFrom, relationsTo } from '../../src/infra/relations/index.ts';
import { key, relationsOf } from './helpers.ts';

describe('relation lookups and ordering', () => {
  const result = relationsOf('workload-config');

  it('sorts relations by from, type, then to', () => {
    const ids = result.relations.map((r) => [r.from, r.type, r.to].join(' '));
    expect(ids).toEqual([...ids].sort());
  });

  it('finds what a resource uses and what uses it', () => {
    const settings = key('', 'ConfigMap', 'ffe', 'settings');
    expect(relationsTo(result.relations, settings).map((r) => r.from)).toEqual([
      key('apps', 'Deployment', 'ffe', 'web'),
      key('batch', 'CronJob', 'ffe', 'cleanup'),
    ]);
    expect(relationsFrom(result.relations, key('batch', 'CronJob', 'ffe', 'cleanup')).map((r) => r.to)).toEqual([settings]);
  });
});
