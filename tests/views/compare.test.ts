// The comparison page's data: sections a reader goes through, each difference with the line that makes it and its
// written reason — on a fixture repository, on FFE's own manifests, and on a model without files behind it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/infra/index.ts';
import { compareEnvironments, type DifferenceOrigin, type EnvironmentComparison } from '../../src/views/compare.ts';
import { environmentDifference } from '../../src/views/prose/environment-difference.ts';
import { fluxOverlays } from '../compare/fixture.ts';
import { realModel, shopModel } from './helpers.ts';

const where = (o: DifferenceOrigin) => `${o.env} ${o.path.split('/').slice(-3).join('/')}:${o.line} ${o.how}${o.reason ? ` « ${o.reason} »` : ''}`;

describe('a model without files behind it', () => {
  const diff = compareEnvironments(shopModel(), 'staging', 'production');

  it('lists resources present in one environment only, with their pages', () => {
    expect(diff.onlyLeft.map((r) => r.resource.label)).toEqual(['ConfigMap shop/staging-only']);
    expect(diff.onlyRight.map((r) => r.resource.hrefs)).toEqual([{ production: '/infra/production/shop/horizontalpodautoscaler/web/' }]);
  });

  it('pairs the rest and compares images as versions, replicas, and each route’s hosts', () => {
    expect(diff.versions).toEqual([
      expect.objectContaining({ what: 'conteneur web', subject: 'ghcr.io/example/shop', left: '1.4.0', right: '1.3.2', verdict: expect.objectContaining({ kind: 'promotion' }) }),
    ]);
    expect(diff.replicas).toEqual([expect.objectContaining({ left: '1', right: '2' })]);
    expect(diff.hosts).toEqual([expect.objectContaining({ left: ['staging.shop.example'], right: ['shop.example'], status: 'different' })]);
  });

  it('points at where each object is written, saying no overlay line was found', () => {
    expect(diff.versions[0].origins.every((o) => o.untraced)).toBe(true);
  });

  it('says which environment is unknown', () => {
    expect(() => compareEnvironments(shopModel(), 'staging', 'prod')).toThrow('Environnement « prod » inconnu (environnements : production, staging).');
  });
});

describe('a Flux repository with a staging and a production overlay', () => {
  let diff: EnvironmentComparison;
  let model: Model;
  beforeAll(async () => {
    model = await fluxOverlays();
    diff = compareEnvironments(model, 'staging', 'production');
  });

  it('puts what production runs untested first, then the promotions waiting', () => {
    expect(diff.versions.map((v) => `${v.what} ${v.left} → ${v.right} : ${v.verdict.kind}`)).toEqual(['conteneur web 1.4.0 → 1.5.0 : untested', 'chart podinfo 6.5.0 → 6.4.0 : promotion']);
    expect(diff.versions[0].verdict.text).toBe('non testé en staging : production fait tourner une version plus récente');
    expect(diff.versions[0].origins.map(where)).toEqual(['production apps/production/kustomization.yaml:9 images « Hotfix for the checkout, shipped straight to production. »']);
  });

  it('has one row per route, a route of one side alone', () => {
    expect(diff.hosts.map((h) => `${h.route.label} ${h.status} ${h.left?.join(',') ?? '—'} | ${h.right?.join(',') ?? '—'}`)).toEqual([
      'Ingress shop/preview left-only preview.shop.staging.example | —',
      'Ingress shop/web different shop.staging.example | shop.example',
    ]);
  });

  it('shows a generated ConfigMap once, with both generated names and what differs inside', () => {
    const [config, secret] = diff.configs;
    expect(config.resource.label).toBe('ConfigMap shop/shop-config');
    expect(Object.keys(config.generatedNames!)).toEqual(['staging', 'production']);
    expect(config.keys.map((k) => `${k.key} ${k.left ?? '—'} ${k.right ?? '—'}`)).toEqual(['DEBUG true —', 'PAYMENT_MODE sandbox live']);
    expect(secret).toMatchObject({ secret: true, keys: [{ key: 'SANDBOX_TOKEN', presence: 'left' }] });
    expect(JSON.stringify(diff)).not.toContain('AgPLACEHOLDER');
  });

  it('groups settings made by the same line, in the order of the overlays', () => {
    expect(diff.settings.map((s) => `${s.resources.map((r) => r.label).join(', ')} : ${s.fields.map((f) => `${f.what} ${f.left} | ${f.right}`).join(' ; ')}`)).toEqual([
      'Release Helm shop/podinfo : values.replicaCount 1 | 3',
      'Émetteur de cluster letsencrypt : acme.server https://acme-staging-v02.api.letsencrypt.org/directory | https://acme-v02.api.letsencrypt.org/directory',
    ]);
    expect(diff.builders.map((r) => r.label)).toEqual(['Kustomization Flux flux-system/apps', 'Kustomization Flux flux-system/flux-system', 'Kustomization Flux flux-system/infra-configs']);
  });

  it('counts the differences that come with a written reason', () => {
    // The hosts: staging's substitution says why, production's does not — half explained is not explained.
    expect(diff).toMatchObject({ differences: 9, explained: 5 });
    expect(environmentDifference(model, 'staging', 'production').sentence).toContain('1\u00a0version tourne en production sans être passée par staging.');
  });
});

describe('FFE’s own staging and production', () => {
  let diff: EnvironmentComparison;
  let model: Model;
  beforeAll(async () => {
    model = await realModel();
    diff = compareEnvironments(model, 'staging', 'production');
  });

  it('shows no generated object on one side only', () => {
    expect([...diff.onlyLeft, ...diff.onlyRight].map((r) => r.resource.label)).toEqual([]);
  });

  it('shows calcom-config once, with its three differing values and the line that merges each', () => {
    const calcom = diff.configs.find((c) => c.resource.label === 'ConfigMap booking/calcom-config')!;
    expect(calcom.keys.map((k) => `${k.key}: ${k.left} | ${k.right}`)).toEqual([
      'EMAIL_SERVER_HOST: smtp-sandbox.ffe.fr | smtp.ffe.fr',
      'NEXTAUTH_URL: https://rdv.staging.ffe.fr/api/auth | https://rdv.ffe.fr/api/auth',
      'NEXT_PUBLIC_WEBAPP_URL: https://rdv.staging.ffe.fr | https://rdv.ffe.fr',
    ]);
    expect(calcom.keys[0].origins.map(where)).toEqual(['staging apps/staging/kustomization.yaml:37 fusion de générateur « a catch-all inbox: staging never mails real clients »']);
  });

  it('has one row per route, each with a staging and a production host', () => {
    const ingresses = model.environments.find((e) => e.name === 'production')!.resources.filter((r) => r.id.kind === 'Ingress');
    expect(diff.hosts).toHaveLength(ingresses.length);
    for (const row of diff.hosts) expect([row.status, row.left?.length, row.right?.length]).toEqual(['different', 1, 1]);
  });

  it('gives every difference its overlay line, and its reason where one is written', () => {
    const all = [
      ...diff.versions.map((r) => r.origins),
      ...diff.replicas.map((r) => r.origins),
      ...diff.hosts.map((r) => r.origins),
      ...diff.configs.flatMap((c) => c.keys.map((k) => k.origins)),
      ...diff.settings.flatMap((r) => (r.origins.length > 0 ? [r.origins] : r.fields.map((f) => f.origins ?? []))),
    ];
    expect(all.filter((origins) => origins.length === 0 || origins.some((o) => o.untraced))).toEqual([]);
    const reasons = new Set(all.flat().flatMap((o) => o.reason ?? []));
    expect(reasons).toContain('Next release of the documentation site, tested here before production (production runs 1.4.0).');
    expect(reasons).toContain('One replica is enough without visitors; the PDBs use maxUnavailable so drains still pass.');
    expect(diff.versions.map((v) => v.verdict.kind)).toEqual(['promotion']);
  });
});
