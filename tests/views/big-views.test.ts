import { describe, expect, it } from 'vitest';
import { flowchartOf } from '../../src/render/flowchart.ts';
import { modelFromYaml } from '../../src/infra/core.ts';
import { MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, READABLE_NODES } from '../../src/views/diagram.ts';
import { namespaceDiagram } from '../../src/views/diagrams/namespace.ts';
import { overviewDiagram } from '../../src/views/diagrams/overview.ts';
import { parseFlowchart } from './helpers.ts';
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

function nodeCount(code: string): number {
  return parseFlowchart(code).nodes.size;
}

describe('a namespace with many resources', () => {
  it('groups supporting resources per kind first, keeping every application visible', async () => {
    const model = modelFromYaml([{ env: 'production', path: 'm.yaml', text: manyApplications(40, 1) }], { checks: [] });
    const diagram = namespaceDiagram(model, 'production', 'team-0');
    const { nodes, edges, clicks } = parseFlowchart(flowchartOf(diagram.graph));
    expect(nodes.size).toBeLessThanOrEqual(READABLE_NODES);
    expect(nodes.has('Déploiement app-7')).toBe(true);
    expect(nodes.has('ConfigMap ×40')).toBe(true);
    expect(edges).toContain('Déploiement app-7 → ConfigMap ×40 [config]');
    expect(clicks.get('ConfigMap ×40')).toBe('/infra/production/team-0/');
    expect(diagram.description).toContain('regroupées');
    await expect(parseMermaid(flowchartOf(diagram.graph))).resolves.toBeUndefined();
  });

  it('groups per application when even that is too big', () => {
    const model = modelFromYaml([{ env: 'production', path: 'm.yaml', text: manyApplications(90, 1) }], { checks: [] });
    const code = flowchartOf(namespaceDiagram(model, 'production', 'team-0').graph);
    const { nodes } = parseFlowchart(code);
    expect(nodes.size).toBeLessThanOrEqual(READABLE_NODES);
    expect([...nodes.keys()].filter((l) => l.startsWith('Application suite-'))).toHaveLength(3);
  });
});

describe('a namespace whose resources point at many others', () => {
  it('summarises the other namespaces in one node each', () => {
    const deployed = manyApplications(70, 1).replace(/labels: \{ app\.kubernetes\.io\/part-of/g, 'labels: { kustomize.toolkit.fluxcd.io/name: apps, kustomize.toolkit.fluxcd.io/namespace: flux-system, app.kubernetes.io/part-of');
    const flux = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: apps, namespace: flux-system }
spec: { path: ./apps, sourceRef: { kind: GitRepository, name: flux-system } }`;
    const model = modelFromYaml([{ env: 'production', path: 'm.yaml', text: `${flux}\n---\n${deployed}` }], { checks: [] });
    const { nodes, edges, clicks } = parseFlowchart(flowchartOf(namespaceDiagram(model, 'production', 'flux-system').graph));
    expect(nodes.has('Espace de noms team-0 (140 éléments)')).toBe(true);
    expect(edges).toContain('Kustomization Flux apps → Espace de noms team-0 (140 éléments) [140 liens]');
    expect(clicks.get('Espace de noms team-0 (140 éléments)')).toBe('/infra/production/team-0/');
  });
});

describe('an environment with many applications', () => {
  it('summarises each namespace in one node linking to its page, within mermaid limits', async () => {
    const model = modelFromYaml([{ env: 'production', path: 'm.yaml', text: manyApplications(300, 12) }], { checks: [] });
    const diagram = overviewDiagram(model, 'production');
    const { nodes, edges, clicks } = parseFlowchart(flowchartOf(diagram.graph));
    expect(nodes.size).toBe(12);
    expect(clicks.get('Espace de noms team-3 (25 éléments)')).toBe('/infra/production/team-3/');
    expect(edges.length).toBeLessThanOrEqual(MERMAID_MAX_EDGES);
    expect(flowchartOf(diagram.graph).length).toBeLessThan(MERMAID_MAX_TEXT);
    expect(diagram.description).toContain('résumé');
    expect(nodeCount(flowchartOf(diagram.graph))).toBeLessThanOrEqual(READABLE_NODES);
    await expect(parseMermaid(flowchartOf(diagram.graph))).resolves.toBeUndefined();
  });
});
