import { describe, expect, it } from 'vitest';
import { escapeLabel, flowchartOf } from '../../src/render/flowchart.ts';
import { aggregateGraph, graphSize, normalizeGraph, stableHash, type Graph } from '../../src/views/diagram.ts';
import { readGraph } from './helpers.ts';
import { parseMermaid } from './mermaid.ts';

/** Labels by node id and edges as « label → label [edge label] », read back from the mermaid text. */
function parseFlowchart(code: string): { nodes: Map<string, string>; edges: string[] } {
  const decode = (text: string) => text.replace(/#quot;/g, '"').replace(/#35;/g, '#').replace(/#lt;/g, '<').replace(/#gt;/g, '>').replace(/#amp;/g, '&').replace(/#124;/g, '|').replace(/#96;/g, '`');
  const labels = new Map<string, string>();
  for (const m of code.matchAll(/^\s*(n\w+)[[({]+"([^"]*)"[\])}]+\s*$/gm)) labels.set(m[1], decode(m[2]));
  const edges: string[] = [];
  for (const m of code.matchAll(/^\s*(n\w+) -\.?->(?:\|"([^"]*)"\|)? (n\w+)$/gm)) {
    edges.push(`${labels.get(m[1])} → ${labels.get(m[3])}${m[2] ? ` [${decode(m[2])}]` : ''}`);
  }
  return { nodes: new Map([...labels].map(([id, label]) => [label, id])), edges };
}

describe('labels with characters mermaid would interpret', () => {
  const tricky = 'web "beta" <b>#1</b> | a & b `x`';
  const graph: Graph = {
    nodes: [
      { key: 'a', label: tricky, cls: 'workload', href: '/infra/x/a "b"/', tooltip: 'say "hi"' },
      { key: 'b', label: 'end; click a call alert()', cls: 'service', group: 'g' },
    ],
    edges: [{ from: 'a', to: 'b', label: 'port "80" | http' }],
    groups: [{ key: 'g', label: 'Groupe "g" [x]' }],
  };
  const code = flowchartOf(graph);

  it('are escaped as mermaid entities and still parse', async () => {
    expect(escapeLabel('a "b" #c')).toBe('a #quot;b#quot; #35;c');
    expect(code).not.toMatch(/[^#]"beta/);
    await expect(parseMermaid(code)).resolves.toBeUndefined();
  });

  it('read back as the original text', () => {
    const { nodes, edges } = parseFlowchart(code);
    expect(nodes.has(tricky)).toBe(true);
    expect(edges).toEqual([`${tricky} → end; click a call alert() [port "80" | http]`]);
  });

  it('cannot inject a statement: a label stays inside its quotes', () => {
    expect(code.split('\n').filter((l) => l.trim().startsWith('click'))).toHaveLength(1);
    expect(code).toContain('click n');
    expect(code).toMatch(/href "\/infra\/x\/a%20%22b%22\/" "say ’hi’"/);
  });
});

describe('what the views ask of the drawing', () => {
  const graph: Graph = {
    nodes: [
      { key: 'a', label: 'Déploiement\ncalcom', cls: 'workload' },
      { key: 'b', label: 'ConfigMap x', cls: 'config', group: 'g' },
      { key: 'c', label: 'Secret y', cls: 'secret', group: 'g' },
    ],
    edges: [{ from: 'a', to: 'g', meaning: 'utilise' }],
    groups: [{ key: 'g', label: 'Utilisés par calcom', direction: 'LR' }],
    direction: 'TB',
  };
  const code = flowchartOf(graph);

  it('breaks a label where the view put a line break, stacks a group and draws an edge to its frame', async () => {
    expect(code).toContain('["Déploiement<br>calcom"]');
    expect(code).toMatch(/subgraph (g\w+)\["Utilisés par calcom"\]\n {4}direction LR\n/);
    const groupId = /subgraph (g\w+)\[/.exec(code)![1];
    expect(code).toMatch(new RegExp(`^  n\\w+ --> ${groupId}$`, 'm'));
    await expect(parseMermaid(code)).resolves.toBeUndefined();
  });

  it('drops groups nothing is in and edges to ends that do not exist', () => {
    const normal = normalizeGraph({ ...graph, groups: [...graph.groups, { key: 'empty', label: 'Vide' }], edges: [...graph.edges, { from: 'a', to: 'nowhere' }] });
    expect(normal.groups.map((g) => g.key)).toEqual(['g']);
    expect(normal.edges).toEqual([{ from: 'a', to: 'g', meaning: 'utilise' }]);
  });

  it('writes a no-break space as a plain one, which mermaid would print as &nbsp;', () => {
    expect(flowchartOf({ nodes: [{ key: 'a', label: '3\u00a0ressources', cls: 'other' }], edges: [], groups: [] })).toContain('["3 ressources"]');
  });
});

describe('node ids', () => {
  it('are derived from the key, and stay unique when two keys share a hash', () => {
    expect(stableHash('production/apps/Deployment/shop/web')).toBe(stableHash('production/apps/Deployment/shop/web'));
    expect(stableHash('a')).not.toBe(stableHash('b'));
    // Two distinct keys with the same FNV-1a hash.
    const [x, y] = ['costarring', 'liquid'];
    expect(stableHash(x)).toBe(stableHash(y));
    const code = flowchartOf({ nodes: [{ key: x, label: 'X', cls: 'other' }, { key: y, label: 'Y', cls: 'other' }], edges: [{ from: x, to: y }], groups: [] });
    const { nodes, edges } = parseFlowchart(code);
    expect(nodes.get('X')).not.toBe(nodes.get('Y'));
    expect(edges).toEqual(['X → Y']);
  });
});

describe('aggregation', () => {
  it('merges nodes into one node per group, counts them and keeps one edge per pair', () => {
    const graph: Graph = {
      nodes: [
        { key: 'ingress', label: 'Ingress', cls: 'ingress' },
        ...[1, 2, 3].map((i) => ({ key: `w${i}`, label: `W${i}`, cls: 'workload' as const })),
      ],
      edges: [1, 2, 3].map((i) => ({ from: 'ingress', to: `w${i}` })),
      groups: [],
    };
    const merged = aggregateGraph(graph, (n) => (n.key.startsWith('w') ? { key: 'all', label: 'Applications ({n})', cls: 'workload', href: '/infra/p/ns/' } : undefined));
    const { nodes, edges, edge } = readGraph(merged);
    expect([...nodes.keys()].sort()).toEqual(['Applications (3)', 'Ingress']);
    expect(edges).toEqual(['Ingress → Applications (3) [3 liens]']);
    expect(edge('Ingress', 'Applications (3)')?.meaning).toBe('est relié à');
    expect(nodes.get('Applications (3)')?.href).toBe('/infra/p/ns/');
    expect(graphSize(merged)).toMatchObject({ nodes: 2, edges: 1 });
  });
});
