// The text version of a diagram, from the same graph as the drawing: every node (a link to its page when it has one,
// under its group when the graph has groups) and every edge as a French sentence, in the order the drawing reads. It
// is what a screen reader, a search index or a reader who cannot follow the drawing gets. Pure: also runs in the
// reader's browser (client fallback).
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { DiagramEdge, DiagramGroup, DiagramNode, Graph } from '../views/diagram.ts';

export const TEXT_VERSION_CLASS = 'ffe-diagram__text';

/**
 * Drawn lines as read in a sentence: joined by `separator`, by a space after a line that ends a clause (`,` `;` `:`)
 * or before one that opens a parenthesis, by nothing after a `/` (a path or an address split where it was narrowest).
 */
export function readLines(text: string, separator = ' '): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.reduce((read, line, i) => {
    if (i === 0) return line;
    const previous = lines[i - 1];
    return read + (previous.endsWith('/') ? '' : /[,;:]$/.test(previous) || line.startsWith('(') ? ' ' : separator) + line;
  }, '');
}

/** A node's name as a sentence says it: « Déploiement calcom », « s3://ffe-backups/postgres/booking ». */
export const nodeName = (node: DiagramNode): string => readLines(node.label);

/** What a node's drawing writes under its name, as read: « rdv.ffe.fr », « dépôt jetstack, attend cert-manager ». */
export const nodeDetail = (node: DiagramNode): string | undefined => (node.detail ? readLines(node.detail, ', ') || undefined : undefined);

/** The whole node as read: its name, then its detail after a dash (« Ingress calcom — rdv.ffe.fr »). */
export function nodeText(node: DiagramNode): string {
  const detail = nodeDetail(node);
  return detail ? `${nodeName(node)} — ${detail}` : nodeName(node);
}

/** « 0 lien », « 1 lien », « 2 liens »: French keeps the singular below two. */
function count(n: number, one: string, many: string): string {
  return `${n}\u00a0${n < 2 ? one : many}`;
}

/** « Ingress calcom — rdv.ffe.fr »: the name (a link to its page), then what the drawing writes under it. */
function nodeItem(node: DiagramNode): Element {
  const name = nodeName(node);
  const detail = nodeDetail(node);
  return h('li', [node.href ? h('a', { href: node.href }, name) : name, ...(detail ? [` — ${detail}`] : [])]);
}

interface ReadingOrder {
  /**
   * Nodes and frames by rank, ties in the graph's order; at the top level, what no edge reaches after the rest (inside
   * a frame, it reads where its frame does).
   */
  sort<T>(items: readonly T[], keyOf: (item: T) => string, topLevel: boolean): T[];
  /** Edges by the rank of where they start (a frame starts once all it holds is read). */
  sortEdges(edges: readonly DiagramEdge[]): DiagramEdge[];
}

/**
 * The drawing's reading order: what an edge leads to after what it leads from, a frame's members no earlier than
 * their frame, what an edge leads to from a frame after all of the frame's members, a frame where its first member is.
 * Found by relaxation, bounded so that a cycle (possible in a hand-written block) cannot run forever.
 */
function readingOrder(graph: Graph, edges: readonly DiagramEdge[]): ReadingOrder {
  const children = new Map<string, string[]>();
  const add = (parent: string, child: string) => children.set(parent, [...(children.get(parent) ?? []), child]);
  for (const g of graph.groups) if (g.parent && g.parent !== g.key) add(g.parent, g.key);
  for (const n of graph.nodes) if (n.group) add(n.group, n.key);
  const inside = (key: string, seen = new Set<string>()): string[] =>
    (children.get(key) ?? []).flatMap((c) => (seen.has(c) ? [] : (seen.add(c), [c, ...inside(c, seen)])));
  const after: [string, string, number][] = [];
  for (const [parent, kids] of children) for (const kid of kids) after.push([parent, kid, 0]);
  for (const e of edges) for (const from of [e.from, ...inside(e.from)]) after.push([from, e.to, 1]);
  const rank = new Map<string, number>([...graph.nodes.map((n) => [n.key, 0] as const), ...graph.groups.map((g) => [g.key, 0] as const)]);
  for (let pass = 0, changed = true; changed && pass <= rank.size; pass++) {
    changed = false;
    for (const [a, b, step] of after) {
      const r = (rank.get(a) ?? 0) + step;
      if ((rank.get(b) ?? 0) < r) {
        rank.set(b, r);
        changed = true;
      }
    }
  }
  // A node that only starts edges reads just before the first thing it leads to, not with the drawing's first row
  // (the MDX pages that join the built site at the end).
  const entered = new Set(edges.map((e) => e.to));
  for (const n of graph.nodes) {
    const next = edges.filter((e) => e.from === n.key).map((e) => rank.get(e.to) ?? 0);
    if (!entered.has(n.key) && next.length > 0) rank.set(n.key, Math.max(rank.get(n.key) ?? 0, Math.min(...next) - 1));
  }
  const settled = new Set<string>();
  const frameRank = (key: string): number => {
    if (settled.has(key)) return rank.get(key) ?? 0;
    settled.add(key);
    const kids = (children.get(key) ?? []).map(frameRank);
    if (kids.length > 0) rank.set(key, Math.max(rank.get(key) ?? 0, Math.min(...kids)));
    return rank.get(key) ?? 0;
  };
  for (const g of graph.groups) frameRank(g.key);
  // What the drawing links comes before what stands apart (a namespace's unlinked resources, its network rules).
  const ends = new Set(edges.flatMap((e) => [e.from, e.to]));
  const linked = (key: string) => ends.has(key) || inside(key).some((k) => ends.has(k));
  // Ties: frames in the order the view gives them (DiagramGroup.order), then the graph's order.
  const frameOrder = new Map(graph.groups.filter((g) => g.order !== undefined).map((g) => [g.key, g.order!]));
  const ordered = <T>(items: readonly T[], placed: (item: T) => number, keyOf?: (item: T) => string): T[] =>
    items
      .map((item, index) => ({ item, index, at: placed(item), order: (keyOf && frameOrder.get(keyOf(item))) ?? Number.MAX_SAFE_INTEGER }))
      .sort((a, b) => a.at - b.at || a.order - b.order || a.index - b.index)
      .map(({ item }) => item);
  const lastOf = (key: string) => Math.max(rank.get(key) ?? 0, ...inside(key).map((k) => rank.get(k) ?? 0));
  const sort: ReadingOrder['sort'] = (items, keyOf, topLevel) =>
    ordered(items, (item) => (topLevel && !linked(keyOf(item)) ? rank.size + 1 : 0) + (rank.get(keyOf(item)) ?? 0), keyOf);
  // Sentences go frame by frame, as the list does: by the place of the outermost frame of where they start, then by rank.
  const parentOf = new Map<string, string>();
  for (const [parent, kids] of children) for (const kid of kids) parentOf.set(kid, parent);
  const outermost = (key: string): string => {
    for (let k = key, depth = 0; depth < 64; depth++) {
      const parent = parentOf.get(k);
      if (parent === undefined) return k;
      k = parent;
    }
    return key;
  };
  const top = sort([...graph.nodes.filter((n) => !parentOf.has(n.key)).map((n) => n.key), ...graph.groups.filter((g) => !parentOf.has(g.key)).map((g) => g.key)], (k) => k, true);
  const place = new Map(top.map((k, i) => [k, i]));
  return {
    sort,
    sortEdges: (list) => ordered(list, (e) => (place.get(outermost(e.from)) ?? 0) * (rank.size + 2) + lastOf(e.from)),
  };
}

/** Nested lists: the nodes and frames of each level in reading order, each frame with its nodes and subframes. */
function nodeList(graph: Graph, order: ReadingOrder): Element {
  const groupKeys = new Set(graph.groups.map((g) => g.key));
  const parentOf = (group: DiagramGroup): string => (group.parent && groupKeys.has(group.parent) && group.parent !== group.key ? group.parent : '');
  type Item = { key: string; render: () => Element | undefined };
  const items = (parent: string, seen: Set<string>): ElementContent[] => {
    const nodes: Item[] = graph.nodes
      .filter((n) => (n.group && groupKeys.has(n.group) ? n.group : '') === parent)
      .map((n) => ({ key: n.key, render: () => nodeItem(n) }));
    const groups: Item[] = graph.groups
      .filter((g) => parentOf(g) === parent)
      .map((group) => ({
        key: group.key,
        render: () => {
          if (seen.has(group.key)) return undefined;
          seen.add(group.key);
          const inside = items(group.key, seen);
          return h('li', [h('strong', readLines(group.label)), inside.length > 0 ? h('ul', inside) : '']);
        },
      }));
    return order
      .sort([...nodes, ...groups], (i) => i.key, parent === '')
      .map((i) => i.render())
      .filter((e): e is Element => e !== undefined);
  };
  return h('ul', items('', new Set()));
}

/** « Traefik route vers web. »; without a meaning (a hand-written block), « A mène à B (erreur). », « A mène à B. » */
function edgeSentence(edge: DiagramEdge, nameOf: NameOf): string {
  const from = nameOf(edge.from);
  const to = nameOf(edge.to, edge.from);
  if (edge.meaning) return `${from} ${edge.meaning} ${to}.`;
  if (edge.label) return `${from} mène à ${to} (${readLines(edge.label)}).`;
  return `${from} mène à ${to}.`;
}

function firstByKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(keyOf(item)) && seen.add(keyOf(item)) !== undefined);
}

/**
 * How a sentence names each node and frame, between French quotes: a node by its name (its detail is in the list);
 * two nodes of the same name by their frame too (once per sentence); a frame by its title, and by its members when the title says what
 * they share rather than who they are, or when another frame has the same title.
 */
type NameOf = (key: string, besideKey?: string) => string;

function sentenceNames(graph: Graph): NameOf {
  const quoted = (text: string) => `«\u00a0${text}\u00a0»`;
  const nodeNames = new Map(graph.nodes.map((n) => [n.key, nodeName(n)]));
  const groupTitles = new Map(graph.groups.map((g) => [g.key, readLines(g.label)]));
  const repeated = (names: Iterable<string>) => {
    const seen = new Map<string, number>();
    for (const name of names) seen.set(name, (seen.get(name) ?? 0) + 1);
    return new Set([...seen].filter(([, n]) => n > 1).map(([name]) => name));
  };
  const sameNodeName = repeated(nodeNames.values());
  const sameTitle = repeated(groupTitles.values());
  const members = (key: string): string[] => [
    ...graph.nodes.filter((n) => n.group === key).map((n) => nodeName(n)),
    ...graph.groups.filter((g) => g.parent === key && g.key !== key).map((g) => readLines(g.label)),
  ];
  const frameOf = (key: string | undefined) => graph.nodes.find((n) => n.key === key)?.group;
  return (key, besideKey) => {
    const node = graph.nodes.find((n) => n.key === key);
    if (node) {
      const name = nodeNames.get(key)!;
      const frame = node.group ? groupTitles.get(node.group) : undefined;
      // Beside a node of the same frame, the frame is already said.
      const said = besideKey !== undefined && frameOf(besideKey) === node.group && sameNodeName.has(nodeNames.get(besideKey) ?? '');
      return sameNodeName.has(name) && frame && !said ? `${quoted(name)} (${frame})` : quoted(name);
    }
    const title = groupTitles.get(key) ?? key;
    const group = graph.groups.find((g) => g.key === key);
    const inside = group?.namesMembers || sameTitle.has(title) ? members(key) : [];
    return inside.length > 0 ? `${quoted(title)} (${inside.join(', ')})` : quoted(title);
  };
}

/**
 * The `<details>` element holding the text version; `input` is the graph the drawing was made from. Nodes, frames and
 * edges read in the drawing's order, from where it starts (Internet, the first Kustomization of a chain…) to where it
 * ends, ties in the graph's order (a hand-written block's order is its author's); duplicates are dropped like the
 * drawing drops them.
 */
export function textVersion(input: Graph): Element {
  const graph: Graph = {
    nodes: firstByKey(input.nodes, (n) => n.key),
    groups: firstByKey(input.groups, (g) => g.key),
    edges: [],
  };
  const known = new Set([...graph.nodes.map((n) => n.key), ...graph.groups.map((g) => g.key)]);
  // An edge may join subgraphs in a hand-written block: those have a name too. Edges to nothing are dropped.
  // An invisible edge is a layout hint (see DiagramEdge.invisible): no link for the reader.
  const edges = firstByKey(
    input.edges.filter((e) => !e.invisible && known.has(e.from) && known.has(e.to)),
    (e) => `${e.from}\u0000${e.to}\u0000${e.label ?? ''}`,
  );
  const order = readingOrder(graph, edges);
  // An edge whose meaning is empty only repeats a frame's title (see DiagramEdge.meaning).
  const said = order.sortEdges(edges.filter((e) => e.meaning !== ''));
  const nameOf = sentenceNames(graph);
  const counted = [count(graph.nodes.length, 'élément', 'éléments'), ...(said.length > 0 ? [count(said.length, 'lien', 'liens')] : [])];
  const content: ElementContent[] = [h('summary', `Version texte du schéma (${counted.join(', ')})`)];
  if (graph.nodes.length > 0) {
    content.push(h('p', graph.groups.length > 0 ? 'Éléments, par groupe :' : 'Éléments :'), nodeList(graph, order));
  }
  if (said.length > 0) {
    content.push(h('p', 'Liens :'), h('ul', said.map((edge) => h('li', edgeSentence(edge, nameOf)))));
  }
  return h('details', { className: [TEXT_VERSION_CLASS] }, content);
}

/** For a diagram whose graph could not be read (not a flowchart): its mermaid source, which is text already. */
export function sourceTextVersion(code: string): Element {
  return h('details', { className: [TEXT_VERSION_CLASS] }, [
    h('summary', 'Version texte du schéma (source mermaid)'),
    h('pre', h('code', code.trim())),
  ]);
}
