// Two environments paired object by object, and each difference traced to the overlay line that makes it, with the
// comment written there — on a Flux repository with a base, a staging and a production overlay.
import { beforeAll, describe, expect, it } from 'vitest';
import { compareEnvironmentPair, traceDifference, traceInclusion, type Model, type OverlayLine, type PairComparison, type PairDifference, type ResourcePair } from '../../src/infra/index.ts';
import { AT, fluxOverlays } from './fixture.ts';

let model: Model;
let comparison: PairComparison;

beforeAll(async () => {
  model = await fluxOverlays();
  comparison = compareEnvironmentPair(model, 'staging', 'production')!;
});

const pair = (identity: string): ResourcePair => {
  const found = comparison.pairs.find((p) => p.identity === identity);
  if (!found) throw new Error(`no pair ${identity}`);
  return found;
};
const line = (l: OverlayLine) => `${l.path.replace(`${AT}/`, '')}:${l.line} ${l.how}${l.reason ? ` « ${l.reason} »` : ''}`;
const trace = (p: ResourcePair, d: PairDifference) => {
  const t = traceDifference(model, comparison, p, d);
  return { left: t.left.map(line), right: t.right.map(line) };
};

describe('pairing by identity', () => {
  it('pairs a generated ConfigMap by its generator name, whatever hash each side gets', () => {
    const config = pair('core/ConfigMap/shop/shop-config');
    expect(config.generated).toBe(true);
    expect(config.left!.id.name).toMatch(/^shop-config-[a-z0-9]{10}$/);
    expect(config.right!.id.name).toMatch(/^shop-config-[a-z0-9]{10}$/);
    expect(config.left!.id.name).not.toBe(config.right!.id.name);
    const alone = comparison.pairs.filter((p) => !p.left || !p.right).map((p) => p.identity);
    expect(alone).toEqual(['networking.k8s.io/Ingress/shop/preview', 'policy/PodDisruptionBudget/shop/web']);
  });

  it('does not take the hashed name a workload refers to for a difference', () => {
    const web = pair('apps/Deployment/shop/web');
    expect(web.differences.map((d) => d.type)).toEqual(['image', 'replicas']);
  });

  it('reads a ConfigMap key by key, with values, and a sealed Secret by key names only', () => {
    expect(pair('core/ConfigMap/shop/shop-config').differences).toMatchObject([
      { type: 'data', key: 'DEBUG', presence: 'left', secret: false, left: 'true' },
      { type: 'data', key: 'PAYMENT_MODE', presence: 'both', left: 'sandbox', right: 'live' },
    ]);
    const sealed = pair('bitnami.com/SealedSecret/shop/payment').differences;
    // STRIPE_KEY's ciphertexts differ, as they always do between clusters: not a difference.
    expect(sealed).toEqual([expect.objectContaining({ type: 'data', key: 'SANDBOX_TOKEN', presence: 'left', secret: true })]);
    expect(JSON.stringify(sealed)).not.toContain('AgPLACEHOLDER');
  });

  it('tells which side runs the newer image and the newer chart', () => {
    const [image] = pair('apps/Deployment/shop/web').differences;
    expect(image).toMatchObject({ type: 'image', left: 'ghcr.io/example/shop:1.4.0', right: 'ghcr.io/example/shop:1.5.0', version: { order: 'right-ahead' } });
    const [chart] = pair('helm.toolkit.fluxcd.io/HelmRelease/shop/podinfo').differences;
    expect(chart).toMatchObject({ type: 'chart', chart: 'podinfo', left: '6.5.0', right: '6.4.0', version: { order: 'left-ahead' } });
  });

  it('leaves what each Flux Kustomization builds to the objects it builds', () => {
    const apps = pair('kustomize.toolkit.fluxcd.io/Kustomization/flux-system/apps');
    expect(apps.differences).toEqual([]);
    expect(apps.buildDiffers).toBe(true);
  });
});

describe('each difference, traced to its line', () => {
  it('names the images entry of the production overlay, and its comment', () => {
    const web = pair('apps/Deployment/shop/web');
    expect(trace(web, web.differences[0])).toEqual({ left: [], right: ['apps/production/kustomization.yaml:9 images « Hotfix for the checkout, shipped straight to production. »'] });
    expect(trace(web, web.differences[1])).toEqual({ left: ['apps/staging/kustomization.yaml:9 replicas « One pod is enough to try a release. »'], right: [] });
  });

  it('names each literal of a generator merge, with the comment at the end of its line or « sans raison »', () => {
    const config = pair('core/ConfigMap/shop/shop-config');
    expect(config.differences.map((d) => trace(config, d).left)).toEqual([
      ['apps/staging/kustomization.yaml:17 generator-merge'],
      ['apps/staging/kustomization.yaml:16 generator-merge « test cards only: staging never charges anyone »'],
    ]);
  });

  it('follows a patch into its own file, and reads the comment above the field', () => {
    const release = pair('helm.toolkit.fluxcd.io/HelmRelease/shop/podinfo');
    const [chart, replicas] = release.differences;
    expect(trace(release, chart)).toEqual({ left: ['apps/staging/podinfo-values.yaml:10 patch « The next chart, tried here first. »'], right: [] });
    // Both overlays set the value: both lines make the difference.
    expect(trace(release, replicas)).toEqual({ left: ['apps/staging/podinfo-values.yaml:12 patch'], right: ['apps/production/podinfo-values.yaml:8 patch'] });
  });

  it('names the operation of a Flux Kustomization’s inline patch, with the comment opening the patch', () => {
    const issuer = pair('cert-manager.io/ClusterIssuer/_cluster/letsencrypt');
    const t = traceDifference(model, comparison, issuer, issuer.differences[0]);
    expect(t.left.map(line)).toEqual(["clusters/staging/infrastructure.yaml:16 patch « Let's Encrypt's test authority: staging is rebuilt often and would hit the real one's limits. »"]);
    expect(t.left[0].flux).toBe(true);
  });

  it('names the variable a Flux substitution puts in a route’s host, on each side', () => {
    const route = pair('networking.k8s.io/Ingress/shop/web');
    const [hosts] = route.differences;
    expect(hosts).toMatchObject({ type: 'hosts', left: ['shop.staging.example'], right: ['shop.example'] });
    expect(trace(route, hosts)).toEqual({
      left: ['clusters/staging/apps.yaml:18 substitution « Its own name: staging never answers for the shop. »'],
      right: ['clusters/production/apps.yaml:17 substitution'],
    });
  });

  it('names the manifest line of a key one sealed Secret has and the other lacks', () => {
    const sealed = pair('bitnami.com/SealedSecret/shop/payment');
    expect(trace(sealed, sealed.differences[0])).toEqual({ left: ['apps/staging/sealed-secrets.yaml:9 manifest'], right: [] });
  });

  it('names the resources entry that brings in an object present on one side only', () => {
    const preview = pair('networking.k8s.io/Ingress/shop/preview');
    expect(line(traceInclusion(model, 'staging', preview.left!))).toBe('apps/staging/kustomization.yaml:5 resources');
    const pdb = pair('policy/PodDisruptionBudget/shop/web');
    expect(line(traceInclusion(model, 'production', pdb.right!))).toBe('apps/production/kustomization.yaml:6 resources');
  });
});

describe('a comparison without files behind it', () => {
  it('says where each object is written rather than inventing a line', async () => {
    const { shopModel } = await import('../views/helpers.ts');
    const shop = shopModel();
    const shopComparison = compareEnvironmentPair(shop, 'staging', 'production')!;
    const web = shopComparison.pairs.find((p) => p.identity === 'apps/Deployment/shop/web')!;
    const t = traceDifference(shop, shopComparison, web, web.differences[0]);
    expect(t.untraced).toBe(true);
    expect(t.left.map((l) => `${l.path}:${l.line}`)).toEqual([`${web.left!.source.path}:${web.left!.source.line}`]);
  });
});

describe('a Flux Kustomization whose folder is not followed', () => {
  it('shows its own differences, since nothing else on the page does', async () => {
    const { modelFromYaml } = await import('../../src/infra/index.ts');
    const kustomization = (env: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 1h
  path: ./${env}
  prune: true
  sourceRef:
    kind: ExternalArtifact
    name: apps
`;
    const unfollowed = modelFromYaml(['staging', 'production'].map((env) => ({ env, path: `clusters/${env}/apps.yaml`, text: kustomization(env) })), { checks: [] });
    const apps = compareEnvironmentPair(unfollowed, 'staging', 'production')!.pairs[0];
    expect(apps.differences).toMatchObject([{ type: 'field', path: ['spec', 'path'], left: './staging', right: './production' }]);
    expect(apps.buildDiffers).toBeUndefined();
  });
});
