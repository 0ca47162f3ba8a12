// Applications deployed by Helm are read from their values: the workloads, images, Services, routes, volumes and
// Secrets an app-template release makes (and, conservatively, a release of a chart that follows the common values
// convention) join the model like objects written in manifests — located at the values' lines, marked as deduced.
import { describe, expect, it } from 'vitest';
import { endpointsOf, imageSlotsOf, locationOf, modelFromYaml, storageOf } from '../../src/infra/index.ts';
import { FIXTURE, helmAppsEnvironment, helmAppsModel, lineOf } from './fixture.ts';

const key = (kind: string, namespace: string, name: string): string => {
  const group = { Deployment: 'apps', CronJob: 'batch', HTTPRoute: 'gateway.networking.k8s.io', Ingress: 'networking.k8s.io' }[kind] ?? 'core';
  return `default/${group}/${kind}/${namespace}/${name}`;
};
const RELEASE = (namespace: string, name: string) => `default/helm.toolkit.fluxcd.io/HelmRelease/${namespace}/${name}`;

describe('an app-template release', () => {
  it('makes its controllers’ workloads, named as the chart names them, with their images and tags', () => {
    const env = helmAppsEnvironment();
    const images = (k: string) => imageSlotsOf(env.byKey.get(k)!).map((s) => `${s.container}=${s.image}`);
    expect(images(key('Deployment', 'media', 'streamer'))).toEqual(['app=ghcr.io/example/streamer:10.11.2']);
    // Two controllers: each name gets its identifier; a cronjob controller is a CronJob.
    expect(images(key('CronJob', 'tools', 'notes-worker'))).toEqual(['sync=ghcr.io/example/notes-sync:1.2.0']);
    const streamer = env.byKey.get(key('Deployment', 'media', 'streamer'))!;
    expect(streamer.deduced).toEqual({ release: RELEASE('media', 'streamer'), chart: 'app-template', fidelity: 'chart' });
  });

  it('locates each deduced value at its line in the values', () => {
    const env = helmAppsEnvironment();
    const streamer = env.byKey.get(key('Deployment', 'media', 'streamer'))!;
    expect(streamer.source).toEqual({ path: `${FIXTURE}/media/helmrelease.yaml`, line: lineOf('media/helmrelease.yaml', '        containers:') });
    expect(locationOf(streamer, ['spec', 'template', 'spec', 'containers', 0, 'image']).line).toBe(lineOf('media/helmrelease.yaml', 'tag: 10.11.2'));
    const route = env.byKey.get(key('HTTPRoute', 'media', 'streamer'))!;
    expect(locationOf(route, ['spec', 'hostnames']).line).toBe(lineOf('media/helmrelease.yaml', '- streamer.example.org'));
  });

  it('merges valuesFrom ConfigMaps found in the repository under the release’s own values, as Helm does', () => {
    const env = helmAppsEnvironment();
    const web = env.byKey.get(key('Deployment', 'tools', 'notes-web'))!;
    expect(imageSlotsOf(web).map((s) => s.image)).toEqual(['ghcr.io/example/notes:2.5.1']);
    // The tag comes from the ConfigMap's text: the release's file has no line for it.
    expect(env.deductions.get(RELEASE('tools', 'notes'))?.unknown).toEqual([]);
    expect(env.deductions.get(RELEASE('media', 'streamer'))?.unknown).toEqual([]);
  });

  it('routes its hostnames through its Services to its workloads, ports and claims included', () => {
    const model = helmAppsModel();
    const env = model.environments[0];
    const hosts = endpointsOf(env).map((e) => `${e.host}${e.path} → ${e.service?.split('/').slice(-1)[0]}:${e.port}`);
    expect(hosts).toEqual(
      expect.arrayContaining(['streamer.example.org/ → streamer:8096', 'notes.example.org/ → notes:3000', 'notes.legacy.example.org/ → notes:3000', 'podinfo.example.org/ → podinfo:9898']),
    );
    const edges = (from: string) => model.relations.filter((r) => r.from === from).map((r) => `${r.type} ${r.to.split('/').slice(-2).join('/')}`);
    expect(edges(key('Service', 'media', 'streamer'))).toEqual(['selects media/streamer']);
    expect(edges(key('Deployment', 'media', 'streamer'))).toEqual(
      expect.arrayContaining(['uses-pvc media/streamer', 'uses-pvc media/streamer-cache', 'uses-secret media/streamer-secret']),
    );
    expect(edges(key('Deployment', 'tools', 'notes-web'))).toEqual(expect.arrayContaining(['uses-secret tools/notes-keys']));
    const claim = env.byKey.get(key('PersistentVolumeClaim', 'media', 'streamer-cache'))!;
    expect(storageOf(claim).map((s) => s.size)).toEqual(['5Gi']);
  });

  it('brings no finding of its own: the autoscaler finds the Deployment it scales', () => {
    expect(helmAppsModel().findings.filter((f) => f.severity !== 'notice')).toEqual([]);
  });
});

describe('a release of another chart', () => {
  it('built on app-template’s library (its values shaped alike) is read as app-template reads them, named after its chart', () => {
    const model = modelFromYaml(`
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: memo
  namespace: ai
spec:
  chart:
    spec:
      chart: memo
      sourceRef:
        kind: HelmRepository
        name: memo
  values:
    controllers:
      main:
        containers:
          main:
            image:
              repository: registry.example.org/memo
              tag: v0.7.18
`);
    const env = model.environments[0];
    const deployment = env.byKey.get('default/apps/Deployment/ai/memo')!;
    expect(imageSlotsOf(deployment).map((s) => s.image)).toEqual(['registry.example.org/memo:v0.7.18']);
    expect(deployment.deduced).toMatchObject({ chart: 'memo', fidelity: 'chart' });
    expect(deployment.labels['app.kubernetes.io/name']).toBe('memo');
  });

  it('built on that library, whose image is in its own defaults: the rest is read, the image said unknown', () => {
    const model = modelFromYaml(`
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: memo
  namespace: ai
spec:
  chart:
    spec:
      chart: memo
      sourceRef:
        kind: HelmRepository
        name: memo
  values:
    controllers:
      main:
        containers:
          main:
            env:
              LOG_FORMAT: json
    route:
      ui:
        hostnames: [memo.example.org]
`, { checks: [] });
    const env = model.environments[0];
    expect(endpointsOf(env).map((e) => e.host)).toEqual(['memo.example.org']);
    expect(env.deductions.get('default/helm.toolkit.fluxcd.io/HelmRelease/ai/memo')?.unknown).toEqual([
      'image du conteneur main : non écrite ou calculée par un modèle',
      'route ui : Service non dit par les values',
    ]);
  });

  it('is read by the common values convention when its values follow it, marked as such', () => {
    const env = helmAppsEnvironment();
    const podinfo = env.byKey.get(key('Deployment', 'web', 'podinfo'))!;
    expect(imageSlotsOf(podinfo).map((s) => s.image)).toEqual(['ghcr.io/stefanprodan/podinfo:6.9.2']);
    expect(podinfo.deduced?.fidelity).toBe('convention');
  });

  it('whose values say nothing readable makes nothing that is guessed, and says so', () => {
    const env = helmAppsEnvironment();
    const deduction = env.deductions.get(RELEASE('platform-system', 'cilium'))!;
    expect(deduction.chart).toBe('cilium');
    expect(deduction.reader).toBeUndefined();
    expect(deduction.objects).toEqual([]);
    expect(env.resources.filter((r) => r.deduced?.release === RELEASE('platform-system', 'cilium'))).toEqual([]);
  });
});

describe('checks on what the values say', () => {
  const texts = new WeakMap<object, string>();
  const lineIn = (model: object, text: string): number => (texts.get(model) ?? '').split('\n').findIndex((l) => l.includes(text)) + 1;
  const build = (yaml: string) => {
    const model = modelFromYaml(yaml, { checks: [] });
    texts.set(model, yaml);
    return model;
  };
  const release = (values: string) => `
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: shop
  namespace: shop
spec:
  chart:
    spec:
      chart: app-template
      sourceRef:
        kind: HelmRepository
        name: bjw-s
  values:
${values}`;

  it('reports a route to a port the values do not declare, at the route’s line in the values', () => {
    const model = build(
      release(`    controllers:
      shop:
        containers:
          app:
            image:
              repository: ghcr.io/example/shop
              tag: 1.0.0
    service:
      app:
        ports:
          http:
            port: 8080
    route:
      app:
        hostnames: [shop.example.org]
        rules:
          - backendRefs:
              - identifier: app
                port: 9999`),
    );
    const found = model.findings.map((f) => `${f.code} ${f.location?.line}`);
    expect(found).toEqual([`FFE-E-SERVICE-PORT-MISSING ${lineIn(model, 'identifier: app')}`]);
  });

  it('warns of an existing claim no manifest makes, at the persistence entry that names it', () => {
    const model = build(
      release(`    controllers:
      shop:
        containers:
          app:
            image:
              repository: ghcr.io/example/shop
              tag: 1.0.0
    persistence:
      data:
        existingClaim: shop-data`),
    );
    expect(model.findings.map((f) => `${f.code} ${f.location?.line}`)).toEqual([`FFE-W-EXISTING-CLAIM-MISSING ${lineIn(model, 'existingClaim: shop-data')}`]);
  });
});

describe('an Argo CD Application of app-template', () => {
  it('is read from its helm.valuesObject like a Flux release', () => {
    const model = modelFromYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: wiki
  namespace: argocd
spec:
  destination:
    namespace: wiki
  source:
    repoURL: https://bjw-s-labs.github.io/helm-charts
    chart: app-template
    targetRevision: 4.4.0
    helm:
      valuesObject:
        controllers:
          wiki:
            containers:
              app:
                image:
                  repository: ghcr.io/example/wiki
                  tag: 2.5.0
        service:
          app:
            ports:
              http:
                port: 3000
        route:
          app:
            hostnames: [wiki.example.org]
`, { checks: [] });
    const env = model.environments[0];
    expect(imageSlotsOf(env.byKey.get('default/apps/Deployment/wiki/wiki')!).map((s) => s.image)).toEqual(['ghcr.io/example/wiki:2.5.0']);
    expect(endpointsOf(env).map((e) => `${e.host} ${e.service}`)).toEqual(['wiki.example.org default/core/Service/wiki/wiki']);
  });
});

describe('values the repository cannot show', () => {
  it('are said, never guessed: a valuesFrom Secret absent from the repository, an image without a tag', () => {
    const model = modelFromYaml(`
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: vault
  namespace: tools
spec:
  chart:
    spec:
      chart: app-template
      sourceRef:
        kind: HelmRepository
        name: bjw-s
  valuesFrom:
    - kind: Secret
      name: vault-values
  values:
    controllers:
      vault:
        containers:
          app:
            image:
              repository: ghcr.io/example/vault
`, { checks: [] });
    const env = model.environments[0];
    expect(env.deductions.get('default/helm.toolkit.fluxcd.io/HelmRelease/tools/vault')?.unknown).toEqual([
      'Secret vault-values : absent du dépôt',
      'image du conteneur app : sans tag',
    ]);
    expect(imageSlotsOf(env.byKey.get('default/apps/Deployment/tools/vault')!).map((s) => s.image)).toEqual(['ghcr.io/example/vault']);
  });
});
