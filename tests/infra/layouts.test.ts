// The three public GitOps layouts (Flux clusters/<env>/, plain YAML, kustomize overlays) and Argo CD Applications,
// loaded from disk with the real kustomize.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkSchemas, loadModel, locationOf, type Model, resolveManifestsRoot } from '../../src/infra/index.ts';

const LAYOUTS = 'tests/fixtures/infra/layouts';
// These layouts are other people's repositories as they are: what is asserted here is how they load. The platform
// rules they do not follow (FFE house rules, default-deny network) are proven on their own in tests/policy and
// tests/infra/checks.test.ts.
const load = (name: string) => loadModel({ root: `${LAYOUTS}/${name}`, checks: [checkSchemas] });
const keys = (model: Model, env: string) => model.environments.find((e) => e.name === env)!.resources.map((r) => r.key);
const resource = (model: Model, key: string) => model.environments.flatMap((e) => e.resources).find((r) => r.key === key)!;

describe('a Flux repository with clusters/<env>/', () => {
  it('makes one environment per cluster folder, following Kustomization paths into the repository', async () => {
    const model = await load('flux');
    expect(model.findings).toEqual([]);
    expect(model.environments.map((e) => e.name)).toEqual(['production', 'staging']);
    expect(keys(model, 'production')).toEqual(
      expect.arrayContaining([
        'production/apps/Deployment/shop/shop',
        'production/helm.toolkit.fluxcd.io/HelmRelease/ingress-nginx/ingress-nginx',
        'production/kustomize.toolkit.fluxcd.io/Kustomization/flux-system/flux-system',
      ]),
    );
  });

  it('renders each overlay with kustomize, so environments differ where the overlays do', async () => {
    const model = await load('flux');
    expect(resource(model, 'production/apps/Deployment/shop/shop').object.spec).toMatchObject({ replicas: 3 });
    expect(resource(model, 'staging/apps/Deployment/shop/shop').object.spec).toMatchObject({ replicas: 1 });
    expect(keys(model, 'staging').some((k) => k.startsWith('staging/core/ConfigMap/shop/shop-settings-'))).toBe(true);
    expect(keys(model, 'production').some((k) => k.includes('shop-settings'))).toBe(false);
  });

  it('locates rendered objects in the file and on the line they were written', async () => {
    const model = await load('flux');
    const shop = resource(model, 'production/apps/Deployment/shop/shop');
    expect(shop.source).toEqual({ path: `${LAYOUTS}/flux/apps/base/shop.yaml`, line: 2 });
    expect(resource(model, 'production/core/Service/shop/shop').source).toEqual({ path: `${LAYOUTS}/flux/apps/base/shop.yaml`, line: 39 });
    const generated = model.environments[1].resources.find((r) => r.id.name.startsWith('shop-settings-'))!;
    expect(generated.source).toEqual({ path: `${LAYOUTS}/flux/apps/staging/kustomization.yaml`, line: 7 });
  });

  it('locates each field of a rendered object in its origin file, unless an overlay changed it there', async () => {
    const model = await load('flux');
    const base = readFileSync(`${LAYOUTS}/flux/apps/base/shop.yaml`, 'utf8').split('\n');
    const lineOf = (pattern: RegExp): number => base.findIndex((l) => pattern.test(l)) + 1;
    const image = ['spec', 'template', 'spec', 'containers', 0, 'image'];
    const staging = resource(model, 'staging/apps/Deployment/shop/shop');
    expect(locationOf(staging, ['spec', 'replicas'])).toEqual({ path: `${LAYOUTS}/flux/apps/base/shop.yaml`, line: lineOf(/^  replicas: 1$/) });
    expect(locationOf(staging, image).line).toBe(lineOf(/image: ghcr.io\/demo\/shop/));
    // Production's overlay patches the replicas to 3: the base's `replicas: 1` is not where 3 is written.
    const production = resource(model, 'production/apps/Deployment/shop/shop');
    expect(locationOf(production, ['spec', 'replicas'])).toEqual(production.source);
    expect(locationOf(production, image).line).toBe(lineOf(/image: ghcr.io\/demo\/shop/));
  });

  it('removes the origin annotations it asked kustomize for', async () => {
    const model = await load('flux');
    const shop = resource(model, 'production/apps/Deployment/shop/shop');
    expect(shop.annotations).toEqual({});
    expect(shop.object.metadata?.annotations).toBeUndefined();
  });

  it('relates each Flux Kustomization to what its path deploys, after what it depends on', async () => {
    const model = await load('flux');
    const apps = 'production/kustomize.toolkit.fluxcd.io/Kustomization/flux-system/apps';
    const deployed = model.relations.filter((r) => r.from === apps && r.type === 'deploys').map((r) => r.to);
    expect(deployed).toContain('production/apps/Deployment/shop/shop');
    expect(deployed).not.toContain('production/helm.toolkit.fluxcd.io/HelmRelease/ingress-nginx/ingress-nginx');
    expect(model.relations).toContainEqual(
      expect.objectContaining({ from: apps, type: 'depends-on', to: 'production/kustomize.toolkit.fluxcd.io/Kustomization/flux-system/infrastructure' }),
    );
  });

  it('documents the HelmRelease as a component with its repository URL', async () => {
    const model = await load('flux');
    expect(model.components.filter((c) => c.env === 'production')).toEqual([
      expect.objectContaining({ chart: 'ingress-nginx', version: '4.11.3', repository: 'https://kubernetes.github.io/ingress-nginx' }),
    ]);
  });
});

describe('a folder of plain YAML files', () => {
  it('is one environment named default, values files skipped with a notice', async () => {
    const model = await load('plain');
    expect(model.environments.map((e) => e.name)).toEqual(['default']);
    expect(keys(model, 'default')).toContain('default/apps/Deployment/blog/blog');
    expect(keys(model, 'default')).toContain('default/networking.k8s.io/NetworkPolicy/blog/default-deny');
    expect(model.findings.map((f) => [f.code, f.location?.path])).toEqual([['FFE-N-NOT-KUBERNETES', `${LAYOUTS}/plain/charts-values/values.yaml`]]);
  });

  it('reads a file saved with a BOM and CRLF line endings', async () => {
    const model = await load('plain');
    expect(resource(model, 'default/core/ConfigMap/blog/blog-settings').object.data).toEqual({ url: 'https://blog.example.org' });
  });
});

describe('a kustomize repository with base/ and overlays/<env>/', () => {
  it('makes one environment per overlay with the overlay’s names and namespaces', async () => {
    const model = await load('overlays');
    expect(model.findings).toEqual([]);
    expect(keys(model, 'staging')).toEqual([
      'staging/apps/Deployment/wiki-staging/staging-wiki',
      'staging/core/Namespace/_cluster/wiki-staging',
      'staging/networking.k8s.io/NetworkPolicy/wiki-staging/staging-wiki',
    ]);
    expect(resource(model, 'production/apps/Deployment/wiki-production/production-wiki').source).toEqual({
      path: `${LAYOUTS}/overlays/base/wiki.yaml`,
      line: 1,
    });
  });
});

describe('Argo CD Applications', () => {
  it('follow source paths of this repository, with the destination namespace as default', async () => {
    const model = await load('argo');
    expect(keys(model, 'main')).toContain('main/core/ConfigMap/guestbook/guestbook');
  });

  it('leave paths that do not exist here with a notice at the Application', async () => {
    const model = await load('argo');
    expect(model.findings).toEqual([
      expect.objectContaining({ code: 'FFE-N-PATH-NOT-FOLLOWED', location: { path: `${LAYOUTS}/argo/clusters/main/applications.yaml`, line: 16 } }),
    ]);
  });
});

describe('the manifests root', () => {
  it('is the folder given, relative or absolute, else ./manifests (FFE_MANIFESTS is the settings’ business)', () => {
    expect(resolveManifestsRoot({ cwd: '/repo' })).toBe('/repo/manifests');
    expect(resolveManifestsRoot({ root: 'infra/k8s', cwd: '/repo' })).toBe('/repo/infra/k8s');
    expect(resolveManifestsRoot({ root: '/srv/gitops', cwd: '/repo' })).toBe('/srv/gitops');
  });

  it('reports a missing root as an error that says how to point elsewhere', async () => {
    const model = await loadModel({ root: resolve('tests/fixtures/infra/does-not-exist') });
    expect(model.environments).toEqual([]);
    expect(model.findings).toEqual([expect.objectContaining({ code: 'FFE-E-MANIFESTS-ROOT', severity: 'error' })]);
    expect(model.findings[0].hint).toContain('FFE_MANIFESTS');
  });
});
