import { describe, expect, it } from 'vitest';
import { envContext, into, out } from '../../src/views/context.ts';
import { ENV, fixtureModel, key } from './helpers.ts';

describe('relation lookups and ordering', () => {
  const model = fixtureModel('workload-config');

  it('sorts relations by from, type, then to', () => {
    const ids = model.relations.map((r) => [r.from, r.type, r.to].join(' '));
    expect(ids).toEqual([...ids].sort());
  });

  it('finds what a resource uses and what uses it', () => {
    const settings = key('', 'ConfigMap', 'ffe', 'settings');
    const ctx = envContext(model, ENV);
    expect(into(ctx, settings).map((r) => r.from)).toEqual([
      key('apps', 'Deployment', 'ffe', 'web'),
      key('batch', 'CronJob', 'ffe', 'cleanup'),
    ]);
    expect(out(ctx, key('batch', 'CronJob', 'ffe', 'cleanup')).map((r) => r.to)).toEqual([settings]);
  });
});
