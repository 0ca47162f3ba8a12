// Render-independent diagram data: what a view produces. Nodes, edges and groups, sorted and keyed by resource keys
// (or other stable strings), so the same model always gives the same graph; src/render turns a graph into a drawing.
import { compareText, type NodeClass, type NodeShape } from '../infra/index.ts';

/**
 * One diagram as a view produces it: the graph, and French sentences for readers and screen readers (`title` names
 * the diagram, `description` sums it up). `id` is stable across builds and unique within a page.
 */
export interface DiagramView {
  id: string;
  title: string;
  description: string;
  graph: Graph;
  /** A French sentence shown under the figure for what is true of the whole diagram (« Source : le dépôt Git … »). */
  caption?: string;
  /** The title of a page section holding the diagram, where the page already names the environment (« GitOps »). */
  heading?: string;
  /**
   * Coarser drawings of the same thing, finest first, each with its own id, graph and sentences: a page shows the
   * first that keeps to the budget when this one does not (src/render/fit.ts). This one's graph stays the text version
   * and its drawing the full-size file: the aggregated levels leave out detail, never the reader.
   */
  coarser?: DiagramView[];
}

export interface DiagramNode {
  /** Stable identity: a resource key, or a synthetic key such as `internet` or `ns:staging/ffe`. */
  key: string;
  /**
   * The node's name: at most two short lines, separated by `\n` (a line break in the drawing, a space when read as
   * text; none after a line ending in `/`, where a path or an address was split).
   */
  label: string;
  /**
   * What the drawing writes under the name: host names, a size, ports, what the node waits for. One item per line; the
   * text version reads the items after a dash, separated by commas (« Ingress calcom — rdv.ffe.fr »), and a sentence
   * that names the node leaves them out.
   */
  detail?: string;
  cls: NodeClass;
  /** Subgraph the node sits in (a DiagramGroup key). */
  group?: string;
  href?: string;
  tooltip?: string;
  shape?: NodeShape;
}

export interface DiagramEdge {
  /** A node key, or a group key: the edge then starts or ends on the group's frame. */
  from: string;
  to: string;
  /** Short text drawn on the edge. */
  label?: string;
  /**
   * What the edge means, as a French verb phrase read between the two ends (« déploie », « attend que … soit prêt »).
   * Empty when the edge only points the way a frame's title already says (the neighbourhood's arrows to its frames):
   * the text version then has no sentence for it.
   */
  meaning?: string;
  dashed?: boolean;
  /**
   * A layout hint, neither drawn nor said: it keeps a node in the column of its kind or lays a list out in rows (an
   * application without data beside the others rather than among the databases, operators two by two).
   */
  invisible?: boolean;
}

export interface DiagramGroup {
  key: string;
  label: string;
  parent?: string;
  /**
   * Direction inside the group. In a TB graph, `LR` stacks the group's unconnected nodes in a column instead of a
   * row. Mermaid honours it only when no edge links a node inside the group to one outside (edges may end on the
   * group itself).
   */
  direction?: 'LR' | 'TB';
  /**
   * The frame's title says what its members share rather than who they are (« 4 espaces de noms aux mêmes règles »):
   * a sentence that names the frame names its members too.
   */
  namesMembers?: boolean;
  /**
   * Where the frame reads among its sibling frames that no edge orders, first at 0: the drawing's order, where the
   * layout engine stacks frames other than by their keys (dagre stacks a left-to-right graph's in reverse key order).
   */
  order?: number;
}

export interface Graph {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  groups: DiagramGroup[];
  direction?: 'LR' | 'TB';
  /** Layout engine, chosen per view by measurement (dagre is about 3× faster than ELK on our sources). */
  layout?: 'dagre' | 'elk';
}


/**
 * Whether a drawing says more than a sentence or a table row would: at least three elements, linked or framed. A
 * resource with one neighbour, or a namespace of two resources, is left to its page's table and caption.
 */
export function worthDrawing(graph: Graph): boolean {
  return graph.nodes.length >= 3 && (graph.edges.some((e) => !e.invisible) || graph.groups.length > 0);
}

/** Mermaid's defaults (maxTextSize, maxEdges) and the size past which a view aggregates. */
export const MERMAID_MAX_TEXT = 50_000;
export const MERMAID_MAX_EDGES = 500;
export const READABLE_NODES = 60;

/** 32-bit FNV-1a: short ids that do not change from one build to the next. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Lower-case ASCII slug for diagram ids (`rdv.ffe.fr` → `rdv-ffe-fr`). */
export function slug(text: string): string {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return plain || `x-${stableHash(text)}`;
}

/** Nodes, groups and edges deduplicated (first label wins after sorting), edges to unknown ends dropped. */
export function normalizeGraph(graph: Graph): Graph {
  const nodes = new Map<string, DiagramNode>();
  for (const node of [...graph.nodes].sort((a, b) => compareText(a.key, b.key) || compareText(a.label, b.label))) {
    if (!nodes.has(node.key)) nodes.set(node.key, node);
  }
  // A group with nothing in it would be drawn by mermaid as a stray box: it is left out unless an edge ends on it.
  const edgeEnds = new Set(graph.edges.flatMap((e) => [e.from, e.to]));
  const filled = new Set<string>();
  const parentOf = new Map(graph.groups.map((g) => [g.key, g.parent]));
  for (const node of nodes.values()) {
    for (let g = node.group, depth = 0; g && !filled.has(g) && depth < 32; g = parentOf.get(g), depth++) filled.add(g);
  }
  const groups = new Map<string, DiagramGroup>();
  for (const group of [...graph.groups].sort((a, b) => compareText(a.key, b.key))) {
    if (!groups.has(group.key) && (filled.has(group.key) || edgeEnds.has(group.key))) groups.set(group.key, group);
  }
  const known = (key: string) => nodes.has(key) || groups.has(key);
  const edges = new Map<string, DiagramEdge>();
  const sortedEdges = [...graph.edges].sort(
    (a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareText(a.label ?? '', b.label ?? ''),
  );
  for (const edge of sortedEdges) {
    if (!known(edge.from) || !known(edge.to)) continue;
    const id = `${edge.from}\u0000${edge.to}\u0000${edge.label ?? ''}`;
    if (!edges.has(id)) edges.set(id, edge);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], groups: [...groups.values()], direction: graph.direction, ...(graph.layout ? { layout: graph.layout } : {}) };
}

export interface DiagramSize {
  nodes: number;
  edges: number;
  groups: number;
  /** An upper estimate of the mermaid text's length (labels plus a fixed cost per statement). */
  textLength: number;
}

export function graphSize(graph: Graph): DiagramSize {
  const normal = normalizeGraph(graph);
  const statement = 48;
  const textLength =
    normal.nodes.reduce((n, node) => {
      const text = node.label.length + (node.detail?.length ?? 0);
      return n + statement + text * 2 + (node.href?.length ?? 0) + (node.tooltip?.length ?? text);
    }, 0) +
    normal.edges.reduce((n, edge) => n + statement + (edge.label?.length ?? 0) * 2, 0) +
    normal.groups.reduce((n, group) => n + statement + group.label.length * 2, 0);
  return { nodes: normal.nodes.length, edges: normal.edges.length, groups: normal.groups.length, textLength };
}

export function fitsMermaid(graph: Graph): boolean {
  const size = graphSize(graph);
  return size.edges <= MERMAID_MAX_EDGES && size.textLength <= MERMAID_MAX_TEXT;
}

export interface Aggregate {
  key: string;
  /** `{n}` stands for the number of nodes merged. */
  label: string;
  /** What the node says it holds, from the number of nodes merged: « 3 éléments », never « 1 éléments ». */
  detail?: (count: number) => string;
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
      ...(aggregate.detail ? { detail: aggregate.detail(count) } : {}),
      cls: aggregate.cls,
      group: aggregate.group,
      href: aggregate.href,
      shape: 'stadium',
    });
  }
  const merged = new Map<string, { from: string; to: string; labels: Set<string>; meanings: Set<string>; count: number; dashed: boolean }>();
  // A layout hint between two nodes means nothing between their aggregates.
  for (const edge of normal.edges.filter((e) => !e.invisible)) {
    const from = target.get(edge.from) ?? edge.from;
    const to = target.get(edge.to) ?? edge.to;
    if (from === to) continue;
    const id = `${from}\u0000${to}`;
    const entry = merged.get(id) ?? { from, to, labels: new Set<string>(), meanings: new Set<string>(), count: 0, dashed: true };
    entry.count++;
    if (edge.label) entry.labels.add(edge.label);
    entry.meanings.add(edge.meaning ?? edge.label ?? 'est relié à');
    entry.dashed &&= edge.dashed === true;
    merged.set(id, entry);
  }
  const edges: DiagramEdge[] = [...merged.values()].map((e) => {
    const label = e.labels.size === 1 && e.count === 1 ? [...e.labels][0] : e.count > 1 ? `${e.count} liens` : [...e.labels][0];
    const meaning = e.meanings.size === 1 ? [...e.meanings][0] : `a ${e.count} liens (${[...e.meanings].sort(compareText).join(', ')}) avec`;
    return { from: e.from, to: e.to, ...(label ? { label } : {}), meaning, ...(e.dashed ? { dashed: true } : {}) };
  });
  const usedGroups = new Set(nodes.map((n) => n.group).filter(Boolean));
  const groups = normal.groups.filter((g) => usedGroups.has(g.key) || normal.groups.some((c) => c.parent === g.key && usedGroups.has(c.key)));
  return { nodes, edges, groups, direction: normal.direction, ...(normal.layout ? { layout: normal.layout } : {}) };
}

