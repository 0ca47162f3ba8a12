// The environment diagrams, asserted on the graph each view returns (nodes, edges with their meaning, frames), from the
// shop fixture and, where the point is our own repository (the Flux chain, the operators), from manifests/.
import { beforeAll, describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { flowchartOf } from '../../src/render/flowchart.ts';
import { textVersion } from '../../src/render/text-version.ts';
import { fluxSourceOf, type Model } from '../../src/infra/index.ts';
import { dataDiagram } from '../../src/views/diagrams/data.ts';
import { environmentDiagrams } from '../../src/views/diagrams/environment.ts';
import { gitopsDiagram } from '../../src/views/diagrams/gitops.ts';
import { namespaceDiagram } from '../../src/views/diagrams/namespace.ts';
import { networkDiagram } from '../../src/views/diagrams/network.ts';
import { overviewDiagram } from '../../src/views/diagrams/overview.ts';
import { requestPathDiagram, requestPathDiagrams } from '../../src/views/diagrams/request-path.ts';
import { sizeText } from '../../src/views/diagrams/shared.ts';
import { readGraph, realModel, shopModel } from './helpers.ts';
import { parseMermaid } from './mermaid.ts';

const model = shopModel();
let real: Model;
beforeAll(async () => {
  real = await realModel();
}, 60_000);

describe('every diagram of an environment', () => {
  const diagrams = environmentDiagrams(model, 'production');

  it('is accepted by mermaid', async () => {
    for (const d of diagrams) await expect(parseMermaid(flowchartOf(d.graph)), d.id).resolves.toBeUndefined();
  });

  it('has a unique id, a French title and a description for screen readers', () => {
    expect(new Set(diagrams.map((d) => d.id)).size).toBe(diagrams.length);
    for (const d of diagrams) {
      expect(d.id).toMatch(/^[a-z0-9-]+$/);
      expect(d.title.length).toBeGreaterThan(5);
      expect(d.description).toMatch(/production/);
    }
    expect(diagrams.map((d) => d.id)).toEqual(
      expect.arrayContaining(['overview-production', 'gitops-production', 'data-production', 'network-production', 'request-production-shop-example', 'namespace-production-shop']),
    );
  });

  it('chooses its layout and direction, says what every edge means, and keeps labels short', () => {
    for (const d of [...diagrams, ...environmentDiagrams(real, 'production')]) {
      expect(d.graph.layout, d.id).toMatch(/^(dagre|elk)$/);
      expect(d.graph.direction, d.id).toMatch(/^(LR|TB)$/);
      const ends = new Set([...d.graph.nodes.map((n) => n.key), ...d.graph.groups.map((g) => g.key)]);
      for (const e of d.graph.edges) {
        // A layout hint means nothing; every drawn edge says what it means.
        if (!e.invisible) expect(e.meaning, `${d.id}: ${e.from} → ${e.to}`).toMatch(/^[a-zà-ÿ’ ,;()/.:0-9A-Z-]+$/);
        expect(ends.has(e.from) && ends.has(e.to), `${d.id}: ${e.from} → ${e.to}`).toBe(true);
      }
      // Name and detail, as drawn.
      for (const n of d.graph.nodes) expect([n.label, n.detail].filter(Boolean).join('\n').split('\n').length, `${d.id}: ${n.label}`).toBeLessThanOrEqual(3);
    }
  });
});

describe('overview', () => {
  const view = overviewDiagram(model, 'production');
  const { edges, members, nodes } = readGraph(view);

  it('goes top to bottom from Internet through the ingress controller to the applications and their data', () => {
    expect(view.graph).toMatchObject({ direction: 'TB', layout: 'dagre' });
    expect(edges).toEqual(
      expect.arrayContaining([
        'Internet → Contrôleur d’entrée traefik [HTTPS]',
        'Contrôleur d’entrée traefik → Applications',
        'shop · web shop.example → Volume uploads',
        'shop · web shop.example → PostgreSQL shop-db',
      ]),
    );
  });

  it('writes host names in the application, not on one edge per host, and frames the applications with their data', () => {
    expect(members('Applications').sort()).toEqual(['PostgreSQL shop-db', 'Volume uploads', 'shop · cleanup', 'shop · web shop.example']);
    expect(edges.filter((e) => e.includes('shop.example ['))).toEqual([]);
    expect(nodes.get('shop · web shop.example')?.href).toBe('/infra/production/shop/deployment/web/');
  });

  it('shows the operators of the real manifests as one compact frame below the applications', () => {
    const realView = readGraph(overviewDiagram(real, 'production'));
    const operators = realView.members('Opérateurs (charts Helm)');
    expect(operators).toEqual(expect.arrayContaining(['cert-manager v1.19.1', 'kube-prometheus-stack 78.5.0', 'sealed-secrets 2.17.3']));
    expect(realView.edges).toContain('Applications → Opérateurs (charts Helm) [s’appuient sur]');
    // The reader sees applications, each with its host name, not a column of charts.
    const apps = realView.members('Applications').filter((l) => l.includes('.ffe.fr') || l.endsWith(' ffe.fr'));
    expect(apps.length).toBeGreaterThanOrEqual(8);
    expect(realView.members('Applications').some((l) => l.startsWith('cert-manager'))).toBe(false);
  });

  it('lays the operators out two by two with hints that are neither drawn as arrows nor said', () => {
    const { graph } = readGraph(overviewDiagram(real, 'production'));
    const hints = graph.edges.filter((e) => e.invisible);
    // Seven charts: three rows of two, and one alone.
    expect(hints).toHaveLength(3);
    expect(hints.every((e) => e.from.includes('#') && e.to.includes('#') && e.meaning === undefined)).toBe(true);
    expect(flowchartOf(graph).match(/ ~~~ /g)).toHaveLength(3);
    expect(toHtml(textVersion(graph))).not.toMatch(/cert-manager v1\.19\.1\u00a0» vers/);
    expect(sizeText(graph)).toBe(`${graph.nodes.length}\u00a0éléments et ${graph.edges.length - 3}\u00a0liens`);
  });
});

describe('GitOps', () => {
  it('draws the dependsOn chain of the real manifests as frames, with the Git source only in the caption', () => {
    const view = gitopsDiagram(real, 'production');
    const { frames, edges, members, graph } = readGraph(view);
    expect(frames).toEqual(['Kustomization apps', 'Kustomization infra-configs', 'Kustomization infra-controllers', 'Kustomization monitoring']);
    expect(edges.sort()).toEqual([
      'Kustomization infra-configs → Kustomization apps',
      'Kustomization infra-configs → Kustomization monitoring',
      'Kustomization infra-controllers → Kustomization infra-configs',
    ]);
    for (const e of graph.edges) expect(e.meaning).toBe('doit être prête avant que Flux applique');
    expect(view.description).toContain('dans l’ordre infra-controllers, puis infra-configs, puis apps et monitoring');

    // Helm releases inside the Kustomization that applies them, chart, version and repository written in the node.
    expect(members('Kustomization infra-controllers')).toEqual(expect.arrayContaining(['cert-manager v1.19.1 dépôt jetstack', 'k8up 4.10.0 dépôt k8up']));
    expect(members('Kustomization infra-controllers')).toContain('plugin-barman-cloud 0.7.0 dépôt cloudnative-pg attend cert-manager et cloudnative-pg');
    expect(members('Kustomization monitoring')).toContain('kube-prometheus-stack 78.5.0 dépôt prometheus-community');
    // One node per namespace a Kustomization fills, with its count.
    expect(members('Kustomization apps')).toEqual(expect.arrayContaining([expect.stringMatching(/^booking : \d+ ressources$/), expect.stringMatching(/^niveau cluster : \d+ ressources$/)]));

    const repository = real.environments.find((e) => e.name === 'production')!.resources.find((r) => r.id.kind === 'GitRepository')!;
    expect(graph.nodes.some((n) => n.key.includes('GitRepository'))).toBe(false);
    expect(view.caption).toContain(`dépôt Git flux-system (${fluxSourceOf(repository.object).url})`);
    expect(view.caption).toContain('La Kustomization flux-system (dossier ./manifests/clusters/production) crée les Kustomizations du schéma.');
    expect(graph.edges.some((e) => /déploie|source/.test(`${e.label} ${e.meaning}`))).toBe(false);
  });

  it('counts what each Kustomization of the fixture applies per namespace', () => {
    const view = gitopsDiagram(model, 'production');
    const { edges, members } = readGraph(view);
    expect(edges).toEqual(['Kustomization infrastructure → Kustomization apps']);
    expect(members('Kustomization apps')).toEqual(['applique le dossier apps', 'shop : 2 ressources']);
    // The Kustomization itself is the first node of its frame, linking to its page.
    expect(readGraph(view).nodes.get('applique le dossier apps')?.href).toBe('/infra/production/flux-system/kustomization/apps/');
    expect(readGraph(view).nodes.get('shop : 2 ressources')?.href).toBe('/infra/production/shop/');
    expect(view.description).toContain('dans l’ordre infrastructure, puis apps');
  });
});

describe('namespace view', () => {
  const view = namespaceDiagram(model, 'production', 'shop');
  const { edges, nodes, members, frames } = readGraph(view);

  it('reads top to bottom: route, Service, workload, data and backups', () => {
    expect(edges).toEqual(
      expect.arrayContaining([
        'Ingress web shop.example → Service web',
        'Service web → Déploiement web',
        'Déploiement web → Volume (PVC) uploads',
        'Déploiement web → Cluster PostgreSQL shop-db',
        'Sauvegarde planifiée shop-db-daily → Cluster PostgreSQL shop-db',
        'Cluster PostgreSQL shop-db → Stockage objet shop-backups',
      ]),
    );
    expect(members('Ressources liées')).toEqual(expect.arrayContaining(['Service web', 'Déploiement web', 'Mise à l’échelle auto. web']));
  });

  it('says once what every resource shares instead of drawing it: deployer, certificate issuer, storage class', () => {
    expect(view.caption).toContain('par la Kustomization Flux apps');
    expect(view.caption).toContain('Certificats TLS émis par letsencrypt.');
    expect(view.caption).toContain('Volumes sur la classe de stockage local-path.');
    expect([...nodes.keys()].filter((l) => /Kustomization|Émetteur|Classe de stockage/.test(l))).toEqual([]);
  });

  it('draws a Secret made at run time as what makes it, and frames the network rules apart', () => {
    expect([...nodes.keys()].some((l) => l.includes('shop-db-app'))).toBe(false);
    expect(readGraph(view).edge('Déploiement web', 'Cluster PostgreSQL shop-db')?.meaning).toBe('utilise la base et utilise le secret');
    expect(frames).toContain('Règles réseau');
    expect(members('Règles réseau').sort()).toEqual(['allow-from-traefik', 'allow-s3', 'default-deny']);
    expect(edges.some((e) => /default-deny|allow-/.test(e))).toBe(false);
  });

  it('links to resource pages, never to what the manifests do not define', () => {
    expect(nodes.get('Service web')?.href).toBe('/infra/production/shop/service/web/');
    for (const n of view.graph.nodes) if (n.cls === 'external') expect(n.href).toBeUndefined();
  });

  it('counts resources in its description', () => {
    expect(view.description).toMatch(/^Espace de noms shop de l’environnement production : 1[0-9]\u00a0ressources/);
  });

  it('keeps the real namespaces narrow: only-used resources stacked, shared ones framed with their users', () => {
    const booking = readGraph(namespaceDiagram(real, 'production', 'booking'));
    expect(booking.members('Utilisés par calcom')).toEqual(expect.arrayContaining(['Secret scellé calcom']));
    expect(booking.edges).toContain('Déploiement calcom → Utilisés par calcom');
    expect(booking.members('Utilisés par plusieurs')).toContain('Secret scellé booking-db-credentials utilisé par booking-db et calcom');

    const flux = namespaceDiagram(real, 'production', 'flux-system');
    const fluxGraph = readGraph(flux);
    expect(flux.caption).toContain('Toutes les Kustomizations lisent le dépôt Git flux-system.');
    expect(fluxGraph.edges).toEqual(expect.arrayContaining([expect.stringMatching(/^Kustomization Flux infra-controllers .*→ Kustomization Flux infra-configs/)]));
    expect([...fluxGraph.nodes.keys()]).toContain('Dépôt Helm jetstack source de cert-manager');
    // What a Kustomization deploys elsewhere, over two lines of its own under a one-line name.
    expect(fluxGraph.nodes.get('Kustomization Flux infra-configs déploie 3 ressources (cluster, kube-system)')).toMatchObject({
      label: 'Kustomization Flux infra-configs',
      detail: 'déploie 3\u00a0ressources\n(cluster, kube-system)',
    });
    // The Secret `flux bootstrap` writes is in the namespace, if not in the manifests: drawn with the others, dashed.
    const secret = flux.graph.nodes.find((n) => n.label === 'Secret flux-system');
    expect(secret).toMatchObject({ cls: 'external' });
    expect(flux.graph.groups.find((g) => g.key === secret?.group)?.label).toBe('Dépôt Git flux-system et ses liens');
  });
});

describe('request path per public host', () => {
  it('follows host → Ingress → Service:port → workload → volume and database, top to bottom', () => {
    const view = requestPathDiagram(model, 'production', 'shop.example');
    expect(view.graph.direction).toBe('TB');
    expect(readGraph(view).edges).toEqual(
      expect.arrayContaining([
        'shop.example → Ingress web certificat letsencrypt [HTTPS]',
        'Ingress web certificat letsencrypt → Service web [/ → port http]',
        'Service web → Déploiement web',
        'Déploiement web → Volume (PVC) uploads',
        'Déploiement web → Cluster PostgreSQL shop-db',
      ]),
    );
    expect(readGraph(view).edge('Service web', 'Déploiement web')?.meaning).toBe('répartit les requêtes entre les pods de');
  });

  it('gives one diagram per host of the environment', () => {
    expect(requestPathDiagrams(model, 'staging').map((d) => d.title)).toEqual(['Chemin des requêtes vers staging.shop.example (staging)']);
  });
});

describe('data and backups', () => {
  const view = dataDiagram(model, 'production');
  const { edges, members, edge } = readGraph(view);

  it('frames each namespace with who uses its data, what backs it up and where backups leave the cluster', () => {
    expect(members('Espace de noms shop')).toHaveLength(7);
    expect(edges).toEqual(
      expect.arrayContaining([
        'Déploiement web → Cluster PostgreSQL shop-db 5Gi',
        'Sauvegarde planifiée shop-db-daily → Cluster PostgreSQL shop-db 5Gi',
        'Cluster PostgreSQL shop-db 5Gi → s3://backups/shop',
        'Planning de sauvegarde volumes → Volume (PVC) uploads 2Gi',
        'Planning de sauvegarde volumes → https://s3.example.org/ volumes',
      ]),
    );
    expect(edge('Cluster PostgreSQL shop-db 5Gi', 's3://backups/shop')?.meaning).toBe('archive ses journaux et ses copies complètes dans');
    expect(readGraph(view).nodes.get('s3://backups/shop')?.href).toBe('/infra/production/shop/objectstore/shop-backups/');
  });

  it('names the storage class once, in the caption', () => {
    expect(view.caption).toBe('Volumes et bases utilisent tous la classe de stockage local-path.');
    expect(edges.some((e) => e.includes('Classe de stockage'))).toBe(false);
  });
});

describe('network flows', () => {
  it('draws what may enter on the left, the protected namespaces, where they may go on the right, ports in the nodes', () => {
    const view = networkDiagram(model, 'production');
    const { edges, edge } = readGraph(view);
    expect(view.graph).toMatchObject({ direction: 'LR', layout: 'elk' });
    expect(edges.sort()).toEqual(['kube-system 8080/TCP → shop', 'shop → Internet HTTPS']);
    expect(edge('shop', 'Internet HTTPS')?.meaning).toBe('peut ouvrir des connexions, sur HTTPS (443/TCP), vers');
    expect(view.caption).toContain('Sans règle réseau, donc sans restriction : flux-system et kube-system.');
  });

  it('frames namespaces with the same rules and draws their flows once', () => {
    const { members, edges, graph } = readGraph(networkDiagram(real, 'production'));
    expect(members('2 espaces de noms aux mêmes règles')).toEqual(['booking interne : PostgreSQL', 'newsletter interne : PostgreSQL']);
    expect(members('4 espaces de noms aux mêmes règles')).toEqual(['client-atelier-lucas', 'client-claire-coaching', 'ffe-docs', 'ffe-site']);
    const sources = edges.filter((e) => e.startsWith('kube-system port http → '));
    expect(sources).toEqual(expect.arrayContaining(['kube-system port http → analytics interne : PostgreSQL', 'kube-system port http → status']));
    // Eight protected namespaces, four targets: parallel rules and identical namespaces are merged.
    expect(sources).toHaveLength(4);
    expect(graph.edges.every((e) => e.label === undefined)).toBe(true);
  });
});
