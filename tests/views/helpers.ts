// Fixture models for the view tests: YAML fixtures → Model through the real parser, environment builder and
// relation builders (checks skipped: the views only read what they produce).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel, type Model, modelFromYaml, type YamlFile } from '../../src/infra/index.ts';
import type { DiagramNode, DiagramView, Graph } from '../../src/views/diagram.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/views/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(`${FIXTURES}${path}`, 'utf8');
}

const SHOP_ENVIRONMENTS: Record<string, Record<string, string>> = {
  staging: { HOST: 'staging.shop.example', IMAGE_TAG: '1.4.0', REPLICAS: '1' },
  production: { HOST: 'shop.example', IMAGE_TAG: '1.3.2', REPLICAS: '2' },
};

export function shopFiles(): YamlFile[] {
  return Object.entries(SHOP_ENVIRONMENTS).flatMap(([env, values]) => [
    { env, path: 'manifests/base.yaml', text: fixture('shop/base.yaml').replace(/HOST|IMAGE_TAG|REPLICAS/g, (m) => values[m]) },
    { env, path: `manifests/${env}.yaml`, text: fixture(`shop/${env}.yaml`) },
  ]);
}

let real: Promise<Model> | undefined;

/** The project's own manifests/ (kustomize rendered once per test file), for views whose point is the real repository. */
export function realModel(): Promise<Model> {
  real ??= loadModel({ root: fileURLToPath(new URL('../../manifests', import.meta.url)), checks: [] });
  return real;
}

/** The shop fixture in two environments, staging and production. */
export function shopModel(files: YamlFile[] = shopFiles()): Model {
  return modelFromYaml(files, { checks: [] });
}

/** The shop fixture with every YAML document of every file in a shuffled order (seeded, so reproducible). */
export function shuffledShopModel(seed: number): Model {
  let state = seed;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const files = shopFiles().map((file) => {
    const docs = file.text.split(/^---$/m);
    for (let i = docs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [docs[i], docs[j]] = [docs[j], docs[i]];
    }
    return { ...file, text: docs.join('\n---\n') };
  });
  return modelFromYaml([...files].reverse(), { checks: [] });
}

/**
 * A diagram's graph read the way a reader reads the drawing: nodes and groups by label (line breaks read as spaces),
 * edges as « from → to » with their label in brackets, frames with their members.
 */
export function readGraph(view: DiagramView | Graph) {
  const graph = 'graph' in view ? view.graph : view;
  const text = (label: string) => label.replace(/\n/g, ' ').replace(/\u00a0/g, ' ');
  /** A node as drawn: its name, then its detail on the lines below. */
  const drawn = (n: DiagramNode) => text(n.detail ? `${n.label}\n${n.detail}` : n.label);
  const labelOf = new Map<string, string>([...graph.groups.map((g) => [g.key, text(g.label)] as const), ...graph.nodes.map((n) => [n.key, drawn(n)] as const)]);
  const nodes = new Map(graph.nodes.map((n) => [drawn(n), n]));
  const edges = graph.edges.map((e) => `${labelOf.get(e.from) ?? e.from} → ${labelOf.get(e.to) ?? e.to}${e.label ? ` [${text(e.label)}]` : ''}`);
  const groupKey = (label: string) => graph.groups.find((g) => text(g.label) === label)?.key;
  /** Labels of the nodes directly inside the frame of that label. */
  const members = (label: string) => graph.nodes.filter((n) => n.group !== undefined && n.group === groupKey(label)).map(drawn);
  const frames = graph.groups.map((g) => text(g.label));
  const edge = (from: string, to: string) => graph.edges.find((e) => labelOf.get(e.from) === from && labelOf.get(e.to) === to);
  return { graph, nodes, edges, members, frames, edge, labelOf };
}
