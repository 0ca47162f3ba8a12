import { describe, expect, it } from 'vitest';
import { escapeLabel, flowchartOf } from '../../src/render/flowchart.ts';
import { aggregateGraph, graphSize, stableHash, type Graph } from '../../src/views/diagram.ts';
import { parseFlowchart } from './helpers.ts';
import { parseMermaid } from './mermaid.ts';

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
    const { nodes, edges, clicks } = parseFlowchart(flowchartOf(merged));
    expect([...nodes.keys()].sort()).toEqual(['Applications (3)', 'Ingress']);
    expect(edges).toEqual(['Ingress → Applications (3) [3 liens]']);
    expect(clicks.get('Applications (3)')).toBe('/infra/p/ns/');
    expect(graphSize(merged)).toMatchObject({ nodes: 2, edges: 1 });
  });
});
