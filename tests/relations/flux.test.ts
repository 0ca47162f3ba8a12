import { describe, expect, it } from 'vitest';
import { buildRelations } from '../../src/infra/relations/index.ts';
import { fixtureEnvironment, key, ofType } from './helpers.ts';

describe('Flux Kustomization → source, dependencies and deployed resources', () => {
  const env = fixtureEnvironment('flux');
  const apps = key('kustomize.toolkit.fluxcd.io', 'Kustomization', 'flux-system', 'apps');
  const infrastructure = key('kustomize.toolkit.fluxcd.io', 'Kustomization', 'flux-system', 'infrastructure');
  const settings = key('', 'ConfigMap', 'ffe', 'app-settings');
  const result = buildRelations(env, { deployedBy: new Map([[apps, [settings]]]) });

  it('relates each Kustomization to its GitRepository', () => {
    expect(ofType(result, 'source').map((r) => [r.from, r.to, r.reason])).toEqual([
      [apps, key('source.toolkit.fluxcd.io', 'GitRepository', 'flux-system', 'flux-system'), 'récupère ses sources depuis le GitRepository flux-system'],
      [infrastructure, key('source.toolkit.fluxcd.io', 'GitRepository', 'flux-system', 'flux-system'), 'récupère ses sources depuis le GitRepository flux-system'],
    ]);
  });

  it('follows dependsOn and reports a dependency that does not exist', () => {
    expect(ofType(result, 'depends-on').map((r) => [r.from, r.to])).toEqual([[apps, infrastructure]]);
    expect(result.findings.map((f) => [f.code, f.resource])).toEqual([['FFE-E-DEPENDS-ON-MISSING', apps]]);
    expect(result.findings[0].message).toContain('databases');
  });

  it('deploys what the loader says its path renders to, and what carries its Flux labels', () => {
    expect(ofType(result, 'deploys')).toEqual([
      { type: 'deploys', from: apps, to: settings, reason: 'déploie le dossier ./apps/production', detail: { path: './apps/production' } },
      {
        type: 'deploys',
        from: infrastructure,
        to: key('', 'ConfigMap', 'ffe', 'labelled'),
        reason: 'déploie le dossier ./infrastructure',
        detail: { path: './infrastructure' },
      },
    ]);
  });
});
