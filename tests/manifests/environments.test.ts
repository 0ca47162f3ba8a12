import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { workloadOf, type KubeObject } from '../../src/infra/index.ts';
import { REPO_ROOT, renderEnvironment, type RenderedEnvironment } from './render.ts';

const ENVS = ['production', 'staging'] as const;
const rendered = new Map<string, RenderedEnvironment>();

beforeAll(() => {
  for (const env of ENVS) rendered.set(env, renderEnvironment(env));
});

function env(name: string): RenderedEnvironment {
  return rendered.get(name)!;
}

function find(objects: KubeObject[], kind: string, namespace: string | undefined, name: string): KubeObject {
  const found = objects.find((o) => o.kind === kind && o.metadata?.namespace === namespace && o.metadata?.name === name);
  if (!found) throw new Error(`${kind} ${namespace}/${name} absent`);
  return found;
}

function fluxKustomizations(objects: KubeObject[]) {
  return objects.filter((o) => o.kind === 'Kustomization' && o.apiVersion?.startsWith('kustomize.toolkit.fluxcd.io/'));
}

describe.each(ENVS)('the %s cluster, rendered the way Flux applies it', (name) => {
  it('follows every Flux Kustomization of the entry point, infrastructure before applications', () => {
    const e = env(name);
    expect(e.paths.map((p) => p.path).sort()).toEqual(
      [
        `manifests/apps/${name}`,
        `manifests/clusters/${name}`,
        `manifests/infrastructure/configs/${name}`,
        `manifests/infrastructure/controllers/${name}`,
        `manifests/infrastructure/monitoring/${name}`,
      ].sort(),
    );
    const ks = fluxKustomizations(e.objects);
    for (const k of ks) expect((k.spec as { path: string }).path).toMatch(/^\.\/manifests\//);
    const dependsOn = (n: string) =>
      ((find(ks, 'Kustomization', 'flux-system', n).spec as { dependsOn?: { name: string }[] }).dependsOn ?? []).map((d) => d.name);
    expect(dependsOn('infra-configs')).toEqual(['infra-controllers']);
    expect(dependsOn('apps')).toContain('infra-configs');
    expect(dependsOn('monitoring')).toContain('infra-configs');
  });

  it('traces every rendered resource back to its file (origin annotations)', () => {
    const untraced = env(name).objects.filter((o) => !o.metadata?.annotations?.['config.kubernetes.io/origin']);
    expect(untraced.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([]);
  });

  it('holds no Secret at all: only SealedSecrets', () => {
    expect(env(name).objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    expect(env(name).objects.filter((o) => o.kind === 'SealedSecret').length).toBeGreaterThan(5);
  });

  it('declares each resource once', () => {
    const keys = env(name).objects.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

describe('the production cluster is a real small platform', () => {
  it('renders at least 80 resources across 8 namespaces and 15 kinds', () => {
    const objects = env('production').objects;
    const namespaces = new Set(
      objects.map((o) => (o.kind === 'Namespace' ? o.metadata?.name : o.metadata?.namespace)).filter(Boolean),
    );
    const kinds = new Set(objects.map((o) => o.kind));
    expect(objects.length).toBeGreaterThanOrEqual(80);
    expect(namespaces.size).toBeGreaterThanOrEqual(8);
    expect(kinds.size).toBeGreaterThanOrEqual(15);
  });

  it('runs each client in its own namespace, reachable only from Traefik', () => {
    const objects = env('production').objects;
    const clients = objects
      .filter((o) => o.kind === 'Namespace' && o.metadata?.name?.startsWith('client-'))
      .map((o) => o.metadata!.name!)
      .sort();
    expect(clients).toEqual(['client-atelier-lucas', 'client-claire-coaching']);
    type Peer = { namespaceSelector?: { matchLabels?: Record<string, string> } };
    const peerNamespaces = objects
      .filter((o) => o.kind === 'NetworkPolicy' && clients.includes(o.metadata?.namespace ?? ''))
      .flatMap((o) => ((o.spec as { ingress?: { from?: Peer[] }[] }).ingress ?? []).flatMap((r) => r.from ?? []))
      .map((peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ?? 'same namespace');
    expect(new Set(peerNamespaces)).toEqual(new Set(['kube-system']));
  });

  it('serves this documentation site from unprivileged nginx on 8080 with a read-only root and writable /tmp', () => {
    const docs = find(env('production').objects, 'Deployment', 'ffe-docs', 'site');
    const workload = workloadOf(docs)!;
    const [nginx] = workload.containers;
    expect(nginx.image).toMatch(/^ghcr\.io\/[^/]+\/ffe-docs:\d+\.\d+\.\d+$/);
    expect(nginx.ports[0].containerPort).toBe('8080');
    expect(nginx.security.readOnlyRootFilesystem).toBe(true);
    const [written] = workload.template.podSpec.containers as { volumeMounts?: { mountPath: string }[] }[];
    expect(written.volumeMounts?.map((m) => m.mountPath)).toEqual(expect.arrayContaining(['/tmp', '/var/cache/nginx']));
  });
});

describe('staging differs from production the way a real staging does', () => {
  const hosts = (n: string) =>
    env(n)
      .objects.filter((o) => o.kind === 'Ingress')
      .flatMap((o) => ((o.spec as { rules: { host: string }[] }).rules ?? []).map((r) => r.host))
      .sort();

  it('answers on its own hostnames', () => {
    const staging = hosts('staging');
    expect(staging.length).toBe(hosts('production').length);
    for (const h of staging) expect(h).toMatch(/(^|\.)staging\.ffe\.fr$/);
    expect(staging.filter((h) => hosts('production').includes(h))).toEqual([]);
  });

  it('runs fewer replicas', () => {
    const replicas = (n: string) =>
      env(n)
        .objects.filter((o) => o.kind === 'Deployment')
        .reduce((sum, o) => sum + ((o.spec as { replicas?: number }).replicas ?? 1), 0);
    expect(replicas('staging')).toBeLessThan(replicas('production'));
  });

  it('runs exactly one application one version ahead: this documentation site', () => {
    const images = (n: string) =>
      new Map(
        env(n)
          .objects.flatMap((o) => {
            return (workloadOf(o)?.containers ?? []).map((c) => c.image ?? '');
          })
          .map((image) => [image.split(':')[0], image] as const),
      );
    const prod = images('production');
    const differing = [...images('staging')].filter(([repo, image]) => prod.get(repo) !== image);
    expect(differing).toEqual([['ghcr.io/ffe-infra/ffe-docs', 'ghcr.io/ffe-infra/ffe-docs:1.5.0']]);
    expect(prod.get('ghcr.io/ffe-infra/ffe-docs')).toBe('ghcr.io/ffe-infra/ffe-docs:1.4.0');
  });

  it('never writes its backups where production keeps its own', () => {
    const paths = (n: string) =>
      env(n)
        .objects.filter((o) => o.kind === 'ObjectStore')
        .map((o) => (o.spec as { configuration: { destinationPath: string } }).configuration.destinationPath);
    expect(paths('staging').filter((p) => paths('production').includes(p))).toEqual([]);
  });
});

describe('every kustomization in manifests/', () => {
  function kustomizations(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      const path = resolve(dir, entry);
      if (statSync(path).isDirectory()) return kustomizations(path);
      return entry === 'kustomization.yaml' ? [path] : [];
    });
  }

  it('enables origin annotations (components inherit them from their parent)', () => {
    const missing = kustomizations(resolve(REPO_ROOT, 'manifests')).filter((file) => {
      const [doc] = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
      if (doc.kind === 'Component') return false;
      return !((doc.buildMetadata as string[] | undefined) ?? []).includes('originAnnotations');
    });
    expect(missing).toEqual([]);
  });
});
