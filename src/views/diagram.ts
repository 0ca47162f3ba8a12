// A tiny graph model and its mermaid flowchart text. Everything is sorted and every id is derived from a resource key
// (or another stable string), so the same model always gives byte-identical text.
import { compareText } from '../infra/model.ts';
import { nodeClassOf, type NodeClass } from './labels.ts';

/** What src/render/ turns into SVG. `title` and `description` are French sentences for screen readers. */
export interface DiagramSource {
  id: string;
  code: string;
  title: string;
  description: string;
}

export interface DiagramNode {
  /** Stable identity: a resource key, or a synthetic key such as `internet` or `ns:staging/ffe`. */
  key: string;
  label: string;
  cls: NodeClass;
  /** Subgraph the node sits in (a DiagramGroup key). */
  group?: string;
  href?: string;
  tooltip?: string;
  shape?: 'rect' | 'round' | 'cylinder' | 'stadium' | 'hexagon' | 'circle';
}

export interface DiagramEdge {
  from: string;
  to: string;
  label?: string;
  dashed?: boolean;
}

export interface DiagramGroup {
  key: string;
  label: string;
  parent?: string;
}

export interface Graph {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  groups: DiagramGroup[];
  direction?: 'LR' | 'TB';
}

/** Mermaid's defaults (maxTextSize, maxEdges) and the size past which a view aggregates. */
export const MERMAID_MAX_TEXT = 50_000;
export const MERMAID_MAX_EDGES = 500;
export const READABLE_NODES = 60;

export const CLASS_DEFS: Record<NodeClass, string> = {
  // Strokes only, in mid-tone colours readable on light and dark backgrounds: each theme keeps its own fill.
  workload: 'stroke:#2b7bb9,stroke-width:2px',
  service: 'stroke:#1f9e89,stroke-width:2px',
  ingress: 'stroke:#c2410c,stroke-width:2px',
  data: 'stroke:#8e44ad,stroke-width:2px',
  secret: 'stroke:#b8860b,stroke-width:2px',
  config: 'stroke:#6b7280,stroke-width:1px',
  gitops: 'stroke:#2e8b57,stroke-width:2px',
  policy: 'stroke:#6b7280,stroke-width:1px,stroke-dasharray:3 3',
  external: 'stroke:#9ca3af,stroke-width:1px,stroke-dasharray:6 4',
  other: 'stroke:#6b7280,stroke-width:1px',
};

/** 32-bit FNV-1a: short ids that do not change from one build to the next. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Label text for a quoted mermaid string: entities for the characters mermaid or HTML would interpret. */
export function escapeLabel(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/\|/g, '#124;')
    .trim();
}

/** Click tooltips are not entity-decoded by mermaid: keep them free of quotes instead. */
function tooltipText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/"/g, '’').replace(/\\/g, '/');
}

function hrefText(href: string): string {
  return href.replace(/"/g, '%22').replace(/\s/g, '%20');
}

const SHAPES: Record<NonNullable<DiagramNode['shape']>, [string, string]> = {
  rect: ['[', ']'],
  round: ['(', ')'],
  cylinder: ['[(', ')]'],
  stadium: ['([', '])'],
  hexagon: ['{{', '}}'],
  circle: ['((', '))'],
};

/** Assigns every key an id unique within the diagram: `n` + hash, with a deterministic suffix on a collision. */
function idMap(prefix: string, keys: string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const key of [...new Set(keys)].sort(compareText)) {
    let id = `${prefix}${stableHash(key)}`;
    for (let n = 2; used.has(id); n++) id = `${prefix}${stableHash(key)}_${n}`;
    used.add(id);
    ids.set(key, id);
  }
  return ids;
}

/** Nodes and edges deduplicated (first label wins after sorting), edges to unknown nodes dropped. */
export function normalizeGraph(graph: Graph): Graph {
  const nodes = new Map<string, DiagramNode>();
  for (const node of [...graph.nodes].sort((a, b) => compareText(a.key, b.key) || compareText(a.label, b.label))) {
    if (!nodes.has(node.key)) nodes.set(node.key, node);
  }
  const edges = new Map<string, DiagramEdge>();
  const sortedEdges = [...graph.edges].sort(
    (a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.label ?? '', b.label ?? ''),
  );
  for (const edge of sortedEdges) {
    if (!nodes.has(edge.from) || !nodes.has(edge.to)) continue;
    const id = `${edge.from}\u0000${edge.to}\u0000${edge.label ?? ''}`;
    if (!edges.has(id)) edges.set(id, edge);
  }
  const groups = new Map<string, DiagramGroup>();
  for (const group of [...graph.groups].sort((a, b) => compareText(a.key, b.key))) if (!groups.has(group.key)) groups.set(group.key, group);
  return { nodes: [...nodes.values()], edges: [...edges.values()], groups: [...groups.values()], direction: graph.direction };
}

/** The mermaid flowchart text of a graph. */
export function renderFlowchart(input: Graph): string {
  const graph = normalizeGraph(input);
  const nodeIds = idMap('n', graph.nodes.map((n) => n.key));
  const groupIds = idMap('g', graph.groups.map((g) => g.key));
  const groupKeys = new Set(graph.groups.map((g) => g.key));
  const lines: string[] = [`flowchart ${graph.direction ?? 'LR'}`];

  const nodesByGroup = new Map<string, DiagramNode[]>();
  for (const node of graph.nodes) {
    const parent = node.group && groupKeys.has(node.group) ? node.group : '';
    nodesByGroup.set(parent, [...(nodesByGroup.get(parent) ?? []), node]);
  }
  const groupsByParent = new Map<string, DiagramGroup[]>();
  for (const group of graph.groups) {
    const parent = group.parent && groupKeys.has(group.parent) && group.parent !== group.key ? group.parent : '';
    groupsByParent.set(parent, [...(groupsByParent.get(parent) ?? []), group]);
  }
  const nodeLine = (node: DiagramNode, indent: string): string => {
    const [open, close] = SHAPES[node.shape ?? 'rect'];
    return `${indent}${nodeIds.get(node.key)}${open}"${escapeLabel(node.label)}"${close}`;
  };
  const emit = (parent: string, depth: number, seen: Set<string>): void => {
    const indent = '  '.repeat(depth);
    for (const node of nodesByGroup.get(parent) ?? []) lines.push(nodeLine(node, indent));
    for (const group of groupsByParent.get(parent) ?? []) {
      if (seen.has(group.key)) continue;
      seen.add(group.key);
      lines.push(`${indent}subgraph ${groupIds.get(group.key)}["${escapeLabel(group.label)}"]`);
      emit(group.key, depth + 1, seen);
      lines.push(`${indent}end`);
    }
  };
  emit('', 1, new Set());

  for (const edge of graph.edges) {
    const arrow = edge.dashed ? '-.->' : '-->';
    const label = edge.label ? `|"${escapeLabel(edge.label)}"|` : '';
    lines.push(`  ${nodeIds.get(edge.from)} ${arrow}${label} ${nodeIds.get(edge.to)}`);
  }

  const byClass = new Map<NodeClass, string[]>();
  for (const node of graph.nodes) byClass.set(node.cls, [...(byClass.get(node.cls) ?? []), nodeIds.get(node.key)!]);
  for (const cls of [...byClass.keys()].sort(compareText)) {
    lines.push(`  classDef ${cls} ${CLASS_DEFS[cls]}`);
    lines.push(`  class ${byClass.get(cls)!.join(',')} ${cls}`);
  }
  for (const node of graph.nodes) {
    if (!node.href) continue;
    lines.push(`  click ${nodeIds.get(node.key)} href "${hrefText(node.href)}" "${tooltipText(node.tooltip ?? node.label)}"`);
  }
  return `${lines.join('\n')}\n`;
}

export interface DiagramSize {
  nodes: number;
  edges: number;
  groups: number;
  textLength: number;
}

export function graphSize(graph: Graph): DiagramSize {
  const normal = normalizeGraph(graph);
  return { nodes: normal.nodes.length, edges: normal.edges.length, groups: normal.groups.length, textLength: renderFlowchart(graph).length };
}

export function fitsMermaid(graph: Graph): boolean {
  const size = graphSize(graph);
  return size.edges <= MERMAID_MAX_EDGES && size.textLength <= MERMAID_MAX_TEXT;
}

export interface Aggregate {
  key: string;
  label: string;
  cls: NodeClass;
  href?: string;
  group?: string;
}

/**
 * Merges the nodes `aggregateOf` maps to an aggregate into one node per aggregate (nodes mapped to undefined stay),
 * keeping one edge per pair of ends and labelling merged edges with their count.
 */
export function aggregateGraph(graph: Graph, aggregateOf: (node: DiagramNode) => Aggregate | undefined): Graph {
  const normal = normalizeGraph(graph);
  const target = new Map<string, string>();
  const counts = new Map<string, number>();
  const aggregates = new Map<string, Aggregate>();
  for (const node of normal.nodes) {
    const aggregate = aggregateOf(node);
    if (!aggregate) continue;
    target.set(node.key, aggregate.key);
    counts.set(aggregate.key, (counts.get(aggregate.key) ?? 0) + 1);
    if (!aggregates.has(aggregate.key)) aggregates.set(aggregate.key, aggregate);
  }
  const nodes: DiagramNode[] = normal.nodes.filter((n) => !target.has(n.key));
  for (const [key, aggregate] of aggregates) {
    const count = counts.get(key) ?? 0;
    nodes.push({
      key,
      label: aggregate.label.replace('{n}', String(count)),
      cls: aggregate.cls,
      group: aggregate.group,
      href: aggregate.href,
      shape: 'stadium',
    });
  }
  const merged = new Map<string, { from: string; to: string; labels: Set<string>; count: number; dashed: boolean }>();
  for (const edge of normal.edges) {
    const from = target.get(edge.from) ?? edge.from;
    const to = target.get(edge.to) ?? edge.to;
    if (from === to) continue;
    const id = `${from}\u0000${to}`;
    const entry = merged.get(id) ?? { from, to, labels: new Set<string>(), count: 0, dashed: true };
    entry.count++;
    if (edge.label) entry.labels.add(edge.label);
    entry.dashed &&= edge.dashed === true;
    merged.set(id, entry);
  }
  const edges: DiagramEdge[] = [...merged.values()].map((e) => {
    const label = e.labels.size === 1 && e.count === 1 ? [...e.labels][0] : e.count > 1 ? `${e.count} liens` : [...e.labels][0];
    return { from: e.from, to: e.to, ...(label ? { label } : {}), ...(e.dashed ? { dashed: true } : {}) };
  });
  const usedGroups = new Set(nodes.map((n) => n.group).filter(Boolean));
  const groups = normal.groups.filter((g) => usedGroups.has(g.key) || normal.groups.some((c) => c.parent === g.key && usedGroups.has(c.key)));
  return { nodes, edges, groups, direction: normal.direction };
}

export { nodeClassOf };
