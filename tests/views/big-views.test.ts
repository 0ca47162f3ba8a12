import { describe, expect, it } from 'vitest';
import { flowchartOf } from '../../src/render/flowchart.ts';
import { modelFromYaml } from '../../src/infra/index.ts';
import { MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, READABLE_NODES } from '../../src/views/diagram.ts';
import { namespaceDiagram } from '../../src/views/diagrams/namespace.ts';
import { overviewDiagram } from '../../src/views/diagrams/overview.ts';
import { neighbourhoodDiagram } from '../../src/views/resource.ts';
import { readGraph } from './helpers.ts';
import { parseMermaid } from './mermaid.ts';

/** `count` applications, each a Deployment reading its own ConfigMap, spread over `namespaces` namespaces. */
function manyApplications(count: number, namespaces: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `team-${i % namespaces}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: { name: app-${i}, namespace: ${ns}, labels: { app.kubernetes.io/part-of: suite-${i % 3} } }
spec:
  selector: { matchLabels: { app: app-${i} } }
  template:
    metadata: { labels: { app: app-${i} } }
    spec:
      containers:
        - name: app
          image: example/app:1.0.${i}
          envFrom: [{ configMapRef: { name: app-${i}-config } }]`);
    docs.push(`apiVersion: v1
kind: ConfigMap
metadata: { name: app-${i}-config, namespace: ${ns}, labels: { app.kubernetes.io/part-of: suite-${i % 3} } }
data: { A: "1" }`);
  }
  return docs.join('\n---\n');
}

describe('a namespace with many resources', () => {
  it('groups supporting resources per kind first, keeping every application visible', async () => {
    const model = modelFromYaml([{ env: 'production', path: 'm.yaml', text: manyApplications(40, 1) }], { checks: [] });
    const diagram = namespaceDiagram(model, 'production', 'team-0');
    const { nodes, edges } = readGraph(diagram);
    expect(nodes.size).toBeLessThanOrEqual(READABLE_NODES);
    expect(nodes.has('Déploiement app-7')).toBe(true);
    expect(nodes.has('ConfigMap ×40')).toBe(true);
    expect(edges).toContain('Déploiement app-7 → ConfigMap ×40');
    expect(nodes.get('ConfigMap ×40')?.href).toBe('/infra/production/team-0/');
    expect(diagram.description).toContain('regroupées');
    await expect(parseMermaid(flowchartOf(diagram.graph))).resolves.toBeUndefined();
  });

  it('groups per application when even that is too big', () => {
    const model = modelFromYaml([{ env: 'production', path: 'm.yaml', text: manyApplications(90, 1) }], { checks: [] });
    const { nodes } = readGraph(namespaceDiagram(model, 'production', 'team-0'));
    expect(nodes.size).toBeLessThanOrEqual(READABLE_NODES);
    expect([...nodes.keys()].filter((l) => l.startsWith('Application suite-'))).toHaveLength(3);
  });
});

describe('a namespace whose Kustomization deploys many resources elsewhere', () => {
  it('counts them in the Kustomization instead of drawing an edge per resource', () => {
    const deployed = manyApplications(70, 1).replace(/labels: \{ app\.kubernetes\.io\/part-of/g, 'labels: { kustomize.toolkit.fluxcd.io/name: apps, kustomize.toolkit.fluxcd.io/namespace: flux-system, app.kubernetes.io/part-of');
    const flux = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: apps, namespace: flux-system }
spec: { path: ./apps, sourceRef: { kind: GitRepository, name: flux-system } }`;
    const model = modelFromYaml([{ env: 'production', path: 'm.yaml', text: `${flux}\n---\n${deployed}` }], { checks: [] });
    const { nodes, edges } = readGraph(namespaceDiagram(model, 'production', 'flux-system'));
    expect([...nodes.keys()]).toContain('Kustomization Flux apps déploie 140 ressources (team-0)');
    expect(edges).toEqual(['Kustomization Flux apps déploie 140 ressources (team-0) → Dépôt Git flux-system']);

    // Its own page counts them per kind (per namespace when they span several) in one frame, not 140 nodes.
    const neighbourhood = readGraph(neighbourhoodDiagram(model, 'production/kustomize.toolkit.fluxcd.io/Kustomization/flux-system/apps'));
    expect(neighbourhood.members('déploie (140)')).toEqual(['ConfigMap ×70', 'Déploiement ×70']);
    expect(neighbourhood.edges).toContain('Kustomization Flux apps → Kustomization Flux apps pointe vers');
  });
});

describe('an environment with many applications', () => {
  it('draws them all, and offers a drawing that summarises each namespace in one node linking to its page, within mermaid limits', async () => {
    const model = modelFromYaml([{ env: 'production', path: 'm.yaml', text: manyApplications(300, 12) }], { checks: [] });
    const overview = overviewDiagram(model, 'production');
    expect(readGraph(overview).members('Applications')).toHaveLength(300);
    const diagram = overview.coarser!.find((l) => l.id === `${overview.id}--espaces-de-noms`)!;
    const { nodes, members, graph } = readGraph(diagram);
    expect(nodes.size).toBe(12);
    expect(members('Applications')).toHaveLength(12);
    expect(nodes.get('team-3 25 applications')?.href).toBe('/infra/production/team-3/');
    expect(graph.edges.length).toBeLessThanOrEqual(MERMAID_MAX_EDGES);
    expect(flowchartOf(diagram.graph).length).toBeLessThan(MERMAID_MAX_TEXT);
    expect(diagram.description).toContain('résumé');
    await expect(parseMermaid(flowchartOf(diagram.graph))).resolves.toBeUndefined();
  });
});
