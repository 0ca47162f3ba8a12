import { describe, expect, it } from 'vitest';
import { compareEnvironments } from '../../src/views/compare.ts';
import { shopModel } from './helpers.ts';

describe('comparing staging and production', () => {
  const diff = compareEnvironments(shopModel(), 'staging', 'production');

  it('lists resources present in one environment only', () => {
    expect(diff.onlyLeft.map((r) => `${r.kind} ${r.name}`)).toEqual(['ConfigMap staging-only']);
    expect(diff.onlyRight.map((r) => `${r.kind} ${r.name}`)).toEqual(['HorizontalPodAutoscaler web']);
    expect(diff.onlyRight[0].hrefs).toEqual({ production: '/infra/production/shop/horizontalpodautoscaler/web/' });
  });

  it('matches the rest by group, kind, namespace and name and shows image and replica differences', () => {
    expect(diff.images).toEqual([expect.objectContaining({ name: 'web', what: 'image du conteneur web', left: 'ghcr.io/example/shop:1.4.0', right: 'ghcr.io/example/shop:1.3.2' })]);
    expect(diff.replicas).toEqual([expect.objectContaining({ name: 'web', left: '1', right: '2' })]);
  });

  it('shows hosts published in one environment only', () => {
    expect(diff.hosts).toEqual([
      { host: 'shop.example', right: 'Ingress shop/web' },
      { host: 'staging.shop.example', left: 'Ingress shop/web' },
    ]);
  });

  it('says which environment is unknown', () => {
    expect(() => compareEnvironments(shopModel(), 'staging', 'prod')).toThrow('Environnement « prod » inconnu (environnements : production, staging).');
  });
});
