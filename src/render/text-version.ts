// The text version of a diagram, from the same graph as the drawing: every node (a link to its page when it has one,
// under its group when the graph has groups) and every edge as a French sentence. It is what a screen reader, a search
// index or a reader who cannot follow the drawing gets. Pure: also runs in the reader's browser (client fallback).
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { DiagramEdge, DiagramGroup, DiagramNode, Graph } from '../views/diagram.ts';

export const TEXT_VERSION_CLASS = 'ffe-diagram__text';

function count(n: number, one: string, many: string): string {
  return `${n}\u00a0${n === 1 ? one : many}`;
}

/** A label as read: the line breaks a view puts in its labels (`\n`) are spaces in a sentence. */
function spoken(label: string): string {
  return label.replace(/\s*\n\s*/g, ' ');
}

function nodeItem(node: DiagramNode): Element {
  const label = spoken(node.label);
  return h('li', node.href ? h('a', { href: node.href }, label) : label);
}

/** Nested lists: the nodes outside any group, then each group with its nodes and its own subgroups. */
function nodeList(graph: Graph): Element {
  const groupKeys = new Set(graph.groups.map((g) => g.key));
  const parentOf = (group: DiagramGroup): string => (group.parent && groupKeys.has(group.parent) && group.parent !== group.key ? group.parent : '');
  const items = (parent: string, seen: Set<string>): ElementContent[] => {
    const nodes = graph.nodes.filter((n) => (n.group && groupKeys.has(n.group) ? n.group : '') === parent).map(nodeItem);
    const groups = graph.groups
      .filter((g) => parentOf(g) === parent && !seen.has(g.key))
      .map((group) => {
        seen.add(group.key);
        const inside = items(group.key, seen);
        return h('li', [h('strong', spoken(group.label)), inside.length > 0 ? h('ul', inside) : '']);
      });
    return [...nodes, ...groups];
  };
  return h('ul', items('', new Set()));
}

/** « Traefik route vers web. », « A vers B : 3 liens. », « A vers B. » */
function edgeSentence(edge: DiagramEdge, nameOf: (key: string) => string): string {
  const from = nameOf(edge.from);
  const to = nameOf(edge.to);
  if (edge.meaning) return `${from} ${edge.meaning} ${to}.`;
  if (edge.label) return `${from} vers ${to} : ${edge.label}.`;
  return `${from} vers ${to}.`;
}

function firstByKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(keyOf(item)) && seen.add(keyOf(item)) !== undefined);
}

/**
 * The `<details>` element holding the text version; `input` is the graph the drawing was made from. Items keep the
 * graph's order (a hand-written block's order is its author's); duplicates are dropped like the drawing drops them.
 */
export function textVersion(input: Graph): Element {
  const graph: Graph = {
    nodes: firstByKey(input.nodes, (n) => n.key),
    groups: firstByKey(input.groups, (g) => g.key),
    edges: [],
  };
  const names = new Map<string, string>([...graph.groups.map((g) => [g.key, spoken(g.label)] as const), ...graph.nodes.map((n) => [n.key, spoken(n.label)] as const)]);
  // An edge may join subgraphs in a hand-written block: those have a name too. Edges to nothing are dropped.
  const edges = input.edges.filter((e) => names.has(e.from) && names.has(e.to));
  const uniqueEdges = firstByKey(edges, (e) => `${e.from}\u0000${e.to}\u0000${e.label ?? ''}`);
  // An edge that ends on a frame is said with what the frame holds: frames may share a label (the network view has
  // two « mêmes règles »), and a reader cannot point at one.
  const groupKeys = new Set(graph.groups.map((g) => g.key));
  const members = (key: string): string[] => [
    ...graph.nodes.filter((n) => n.group === key).map((n) => spoken(n.label)),
    ...graph.groups.filter((g) => g.parent === key && g.key !== key).map((g) => spoken(g.label)),
  ];
  const nameOf = (key: string): string => {
    const name = `«\u00a0${names.get(key) ?? key}\u00a0»`;
    const inside = groupKeys.has(key) ? members(key) : [];
    return inside.length > 0 ? `${name} (${inside.join(', ')})` : name;
  };
  const summary = `Version texte du schéma (${count(graph.nodes.length, 'élément', 'éléments')}, ${count(uniqueEdges.length, 'lien', 'liens')})`;
  const content: ElementContent[] = [h('summary', summary)];
  if (graph.nodes.length > 0) {
    content.push(h('p', graph.groups.length > 0 ? 'Éléments, par groupe :' : 'Éléments :'), nodeList(graph));
  }
  if (uniqueEdges.length > 0) {
    content.push(h('p', 'Liens :'), h('ul', uniqueEdges.map((edge) => h('li', edgeSentence(edge, nameOf)))));
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
