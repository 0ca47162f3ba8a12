// Fixture models for the view tests: YAML fixtures → Model through the real parser, environment builder and
// relation builders (checks skipped: the views only read what they produce).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { modelFromYaml, type YamlFile } from '../../src/infra/core.ts';
import type { Model } from '../../src/infra/model.ts';

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

/** Node ids of a mermaid flowchart by label, and edges as « label → label » for readable assertions. */
export function parseFlowchart(code: string): { nodes: Map<string, string>; edges: string[]; clicks: Map<string, string> } {
  const decode = (text: string) => text.replace(/#quot;/g, '"').replace(/#35;/g, '#').replace(/#lt;/g, '<').replace(/#gt;/g, '>').replace(/#amp;/g, '&').replace(/#124;/g, '|').replace(/#96;/g, '`');
  const labels = new Map<string, string>();
  for (const m of code.matchAll(/^\s*(n\w+)[[({]+"([^"]*)"[\])}]+\s*$/gm)) labels.set(m[1], decode(m[2]));
  const edges: string[] = [];
  for (const m of code.matchAll(/^\s*(n\w+) -\.?->(?:\|"([^"]*)"\|)? (n\w+)$/gm)) {
    edges.push(`${labels.get(m[1])} → ${labels.get(m[3])}${m[2] ? ` [${decode(m[2])}]` : ''}`);
  }
  const clicks = new Map<string, string>();
  for (const m of code.matchAll(/^\s*click (n\w+) href "([^"]*)"/gm)) clicks.set(labels.get(m[1]) ?? m[1], m[2]);
  const nodes = new Map([...labels].map(([id, label]) => [label, id]));
  return { nodes, edges, clicks };
}
