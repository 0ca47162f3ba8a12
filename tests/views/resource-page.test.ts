import { describe, expect, it } from 'vitest';
import { flowchartOf } from '../../src/render/flowchart.ts';
import { environmentPath, namespacePath, parseResourceKey, resourcePath } from '../../src/views/paths.ts';
import { MASKED, resourcePages, resourceView } from '../../src/views/resource.ts';
import { environmentIndex, namespaceIndex } from '../../src/views/index-data.ts';
import { readGraph, shopModel } from './helpers.ts';
import { parseMermaid } from './mermaid.ts';

const model = shopModel();

describe('page addresses', () => {
  it('put namespaced resources under their namespace and cluster-scoped ones under _cluster', () => {
    expect(resourcePath('production/apps/Deployment/shop/web')).toBe('/infra/production/shop/deployment/web/');
    expect(resourcePath('production/storage.k8s.io/StorageClass/_cluster/local-path')).toBe('/infra/production/_cluster/storageclass/local-path/');
    expect(environmentPath('staging')).toBe('/infra/staging/');
    expect(namespacePath('staging', 'shop')).toBe('/infra/staging/shop/');
    expect(namespacePath('staging', undefined)).toBe('/infra/staging/_cluster/');
  });

  it('accept a resource, an identity or a key alike', () => {
    const resource = model.environments[0].resources[0];
    expect(resourcePath(resource)).toBe(resourcePath(resource.key));
    expect(resourcePath(resource.id)).toBe(resourcePath(resource.key));
    expect(parseResourceKey('production/core/Service/shop/web')).toEqual({ env: 'production', group: '', kind: 'Service', namespace: 'shop', name: 'web' });
  });

  it('give every resource of every environment its own page', () => {
    const { pages, collisions } = resourcePages(model);
    expect(collisions).toEqual([]);
    expect(pages).toHaveLength(model.environments.reduce((n, e) => n + e.resources.length, 0));
    expect(new Set(pages.map((p) => p.href)).size).toBe(pages.length);
  });
});

describe('a workload page', () => {
  const view = resourceView(model, 'production/apps/Deployment/shop/web');

  it('summarises kind, images, replicas, ports and hosts', () => {
    expect(view.summary).toMatchObject({
      kindLabel: 'Déploiement',
      namespace: 'shop',
      images: ['ghcr.io/example/shop:1.3.2'],
      replicas: '2 à 4 (mise à l’échelle automatique)',
      ports: ['web : http 8080/TCP'],
      hosts: ['shop.example/'],
    });
  });

  it('lists relations both ways in French, with the reason', () => {
    expect(view.incoming.map((r) => `${r.label} ${r.other.label}`)).toEqual(
      expect.arrayContaining(['sélectionné par Service shop/web', 'mis à l’échelle par HorizontalPodAutoscaler shop/web', 'soumis à la règle NetworkPolicy shop/default-deny']),
    );
    const pvc = view.outgoing.find((r) => r.type === 'uses-pvc')!;
    expect(pvc).toMatchObject({ label: 'monte le volume', external: false, other: { href: '/infra/production/shop/persistentvolumeclaim/uploads/' } });
    expect(pvc.reason).toMatch(/uploads/);
  });

  it('names what makes a Secret that only exists at run time, instead of calling it foreign', () => {
    const secret = view.outgoing.find((r) => r.type === 'uses-secret' && r.other.label.endsWith('shop-db-app'))!;
    expect(secret.external).toBe(true);
    expect(secret.producedBy).toMatchObject({ href: '/infra/production/shop/cluster/shop-db/' });
  });

  it('draws the resource and its direct neighbours only, above what points at it, below what it points at', async () => {
    const { nodes, edges, members, graph } = readGraph(view.diagram);
    expect(graph).toMatchObject({ direction: 'TB', layout: 'dagre' });
    expect(nodes.get('Déploiement web')?.shape).toBe('hexagon');
    expect(nodes.has('Ingress web')).toBe(false);
    expect(edges.sort()).toEqual(['Déploiement web → Déploiement web pointe vers', 'Pointent vers Déploiement web → Déploiement web']);
    // One frame per relation, titled as the resource sees it, inside the frame of its side.
    expect(members('sélectionné par')).toEqual(['Service web']);
    expect(members('monte le volume')).toEqual(['Volume (PVC) uploads']);
    const parentOf = (label: string) => graph.groups.find((g) => g.label === label)?.parent;
    expect(parentOf('sélectionné par')).toBe(parentOf('déployé par'));
    expect(parentOf('sélectionné par')).not.toBe(parentOf('monte le volume'));
    // Neighbours of one kind are named once, in the frame's title.
    expect(members('soumis à la règle (3)').sort()).toEqual(['allow-from-traefik', 'allow-s3', 'default-deny']);
    // A neighbour in another namespace says which.
    expect(members('déployé par')).toEqual(['Kustomization Flux flux-system/apps']);
    await expect(parseMermaid(flowchartOf(view.diagram.graph))).resolves.toBeUndefined();
  });

  it('points at the source file and line', () => {
    expect(view.source.path).toBe('manifests/base.yaml');
    expect(view.yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\n/);
  });
});

describe('secret values never reach a page', () => {
  it('masks data and stringData of a Secret, keeping the keys', () => {
    const { yaml } = resourceView(model, 'production/core/Secret/shop/api-token');
    expect(yaml).not.toContain('c2VjcmV0LXZhbHVl');
    expect(yaml).not.toContain('very-secret');
    expect(yaml).toContain(`token: ${MASKED}`);
    expect(yaml).toContain(`plain: ${MASKED}`);
  });

  it('masks the encrypted values of a SealedSecret', () => {
    const { yaml } = resourceView(model, 'production/bitnami.com/SealedSecret/shop/mail');
    expect(yaml).not.toContain('AgBy3i4OJSWK');
    expect(yaml).toContain(`password: ${MASKED}`);
  });

  it('leaves the model itself untouched', () => {
    resourceView(model, 'production/core/Secret/shop/api-token');
    const secret = model.environments.find((e) => e.name === 'production')!.byKey.get('production/core/Secret/shop/api-token')!;
    expect((secret.object.data as Record<string, string>).token).toBe('c2VjcmV0LXZhbHVl');
  });
});

describe('findings on a resource page', () => {
  it('are the model’s findings about that resource', () => {
    const withFinding = {
      ...model,
      findings: [{ code: 'FFE-W-IMAGE-UNPINNED', severity: 'warning' as const, message: 'Image non épinglée.', resource: 'production/batch/CronJob/shop/cleanup' }],
    };
    expect(resourceView(withFinding, 'production/batch/CronJob/shop/cleanup').findings.map((f) => f.code)).toEqual(['FFE-W-IMAGE-UNPINNED']);
    expect(resourceView(withFinding, 'production/apps/Deployment/shop/web').findings).toEqual([]);
  });
});

describe('index data', () => {
  it('summarise an environment per namespace and a namespace per resource', () => {
    const env = environmentIndex(model, 'staging');
    expect(env.namespaces.map((n) => n.name)).toEqual(['flux-system', 'kube-system', 'shop']);
    expect(env.clusterScoped.map((r) => r.name)).toEqual(['kube-system', 'shop']);
    const ns = namespaceIndex(model, 'staging', 'shop');
    expect(ns.resources.some((r) => r.name === 'staging-only')).toBe(true);
    expect(ns.diagram.id).toBe('namespace-staging-shop');
  });
});
