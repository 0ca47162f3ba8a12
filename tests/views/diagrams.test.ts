import { describe, expect, it } from 'vitest';
import { flowchartOf } from '../../src/render/flowchart.ts';
import { dataDiagram } from '../../src/views/diagrams/data.ts';
import { environmentDiagrams } from '../../src/views/diagrams/environment.ts';
import { gitopsDiagram } from '../../src/views/diagrams/gitops.ts';
import { namespaceDiagram } from '../../src/views/diagrams/namespace.ts';
import { networkDiagram } from '../../src/views/diagrams/network.ts';
import { overviewDiagram } from '../../src/views/diagrams/overview.ts';
import { requestPathDiagram, requestPathDiagrams } from '../../src/views/diagrams/request-path.ts';
import { parseFlowchart, shopModel } from './helpers.ts';
import { parseMermaid } from './mermaid.ts';

const model = shopModel();

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

  it('starts with flowchart LR', () => {
    for (const d of diagrams) expect(flowchartOf(d.graph).startsWith('flowchart LR\n')).toBe(true);
  });
});

describe('overview', () => {
  const { edges, clicks, nodes } = parseFlowchart(flowchartOf(overviewDiagram(model, 'production').graph));

  it('goes from Internet through the ingress controller to the application and its data', () => {
    expect(edges).toContain('Internet → Contrôleur d’entrée traefik [HTTPS]');
    expect(edges).toContain('Contrôleur d’entrée traefik → Déploiement web [shop.example]');
    expect(edges).toContain('Déploiement web → Volume (PVC) uploads');
    expect(edges).toContain('Déploiement web → Cluster PostgreSQL shop-db');
  });

  it('puts namespaces in subgraphs and links nodes to resource pages', () => {
    expect(flowchartOf(overviewDiagram(model, 'production').graph)).toMatch(/subgraph g\w+\["Espace de noms shop"\]/);
    expect(clicks.get('Déploiement web')).toBe('/infra/production/shop/deployment/web/');
    expect(nodes.has('Tâche planifiée cleanup')).toBe(true);
  });
});

describe('namespace view', () => {
  const diagram = namespaceDiagram(model, 'production', 'shop');
  const { edges, nodes, clicks } = parseFlowchart(flowchartOf(diagram.graph));

  it('shows every resource of the namespace', () => {
    for (const label of ['Déploiement web', 'Service web', 'Ingress web', 'Secret api-token', 'Secret scellé mail', 'Règle réseau default-deny', 'Mise à l’échelle auto. web']) {
      expect(nodes.has(label), label).toBe(true);
    }
  });

  it('shows relations, including to resources outside the namespace', () => {
    expect(edges).toContain('Ingress web → Service web [route]');
    expect(edges).toContain('Service web → Déploiement web [sélectionne]');
    expect(edges).toContain('Volume (PVC) uploads → Classe de stockage local-path [classe]');
    expect(edges).toContain('Ingress web → Émetteur de cluster letsencrypt [émis par]');
  });

  it('does not link resources the manifests do not define', () => {
    expect(clicks.has('Classe de stockage local-path')).toBe(false);
    expect(clicks.get('Service web')).toBe('/infra/production/shop/service/web/');
  });

  it('counts resources in its description', () => {
    expect(diagram.description).toMatch(/^Espace de noms shop de l’environnement production : 1[0-9]\u00a0ressources/);
  });
});

describe('request path per public host', () => {
  it('follows host → Ingress → Service:port → workload → volume and database', () => {
    const { edges } = parseFlowchart(flowchartOf(requestPathDiagram(model, 'production', 'shop.example').graph));
    expect(edges).toEqual(
      expect.arrayContaining([
        'shop.example → Ingress web [HTTPS (ClusterIssuer letsencrypt)]',
        'Ingress web → Service web [/ → port http]',
        'Service web → Déploiement web',
        'Déploiement web → Volume (PVC) uploads [volume]',
        'Déploiement web → Cluster PostgreSQL shop-db [base]',
      ]),
    );
  });

  it('gives one diagram per host of the environment', () => {
    expect(requestPathDiagrams(model, 'staging').map((d) => d.title)).toEqual(['Chemin des requêtes vers staging.shop.example (staging)']);
  });
});

describe('GitOps', () => {
  const diagram = gitopsDiagram(model, 'production');

  it('shows the source, the dependsOn order and what each Kustomization deploys', () => {
    const { edges } = parseFlowchart(flowchartOf(diagram.graph));
    expect(edges).toEqual(
      expect.arrayContaining([
        'Dépôt Git flux-system → Kustomization Flux apps [source]',
        'Kustomization Flux infrastructure → Kustomization Flux apps [puis]',
        'Kustomization Flux apps → Espace de noms shop [2\u00a0ressources]',
      ]),
    );
    expect(diagram.description).toContain('dans l’ordre infrastructure, puis apps');
  });
});

describe('data and backups', () => {
  it('shows volumes, the database, backup schedules and where backups go', () => {
    const { edges } = parseFlowchart(flowchartOf(dataDiagram(model, 'production').graph));
    expect(edges).toEqual(
      expect.arrayContaining([
        'Sauvegarde planifiée shop-db-daily → Cluster PostgreSQL shop-db [sauvegarde]',
        'Cluster PostgreSQL shop-db → Stockage objet shop-backups [archive]',
        'Stockage objet shop-backups → s3://backups/shop [envoie vers]',
        'Planning de sauvegarde volumes → Volume (PVC) uploads [sauvegarde]',
        'Planning de sauvegarde volumes → https://s3.example.org/volumes [envoie vers]',
      ]),
    );
  });
});

describe('network flows', () => {
  it('shows flows the NetworkPolicies allow between namespaces and to address ranges', () => {
    const { edges } = parseFlowchart(flowchartOf(networkDiagram(model, 'production').graph));
    expect(edges).toEqual(['Espace de noms kube-system (sans règle) → Espace de noms shop [8080/TCP]', 'Espace de noms shop → Internet (0.0.0.0/0) [443/TCP]']);
  });
});
