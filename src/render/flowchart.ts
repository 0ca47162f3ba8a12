// A graph (src/views/diagram.ts) as mermaid flowchart text. Every id is derived from the node and group keys, so the
// same graph always gives byte-identical text.
import { compareText, type NodeClass } from '../infra/index.ts';
import { normalizeGraph, type DiagramNode, type DiagramGroup, type DiagramView, type Graph } from '../views/diagram.ts';
import type { DiagramSource } from './mermaid.ts';
import { sentinelOf, type ColourRole } from './palette.ts';
import { nodeText } from './text-version.ts';

/**
 * How each kind of node is drawn. Colours are palette roles (palette.ts), written as their sentinel so the finished
 * SVG takes them from CSS custom properties: the kind colour is the stroke, each theme keeps its own fill.
 */
const CLASS_STYLES: Record<NodeClass, { stroke: ColourRole; width: number; dash?: string }> = {
  workload: { stroke: 'workload', width: 2 },
  service: { stroke: 'service', width: 2 },
  ingress: { stroke: 'ingress', width: 2 },
  data: { stroke: 'data', width: 2 },
  secret: { stroke: 'secret', width: 2 },
  config: { stroke: 'config', width: 1 },
  gitops: { stroke: 'gitops', width: 2 },
  policy: { stroke: 'policy', width: 1, dash: '3 3' },
  external: { stroke: 'external', width: 1, dash: '6 4' },
  other: { stroke: 'other', width: 1 },
};

export const CLASS_DEFS = Object.fromEntries(
  Object.entries(CLASS_STYLES).map(([cls, style]) => [
    cls,
    `stroke:${sentinelOf(style.stroke)},stroke-width:${style.width}px${style.dash ? `,stroke-dasharray:${style.dash}` : ''}`,
  ]),
) as Record<NodeClass, string>;

/**
 * Label text for a quoted mermaid string: entities for the characters mermaid or HTML would interpret. A `\n` in a
 * view's label is a line break (`<br>`, which mermaid draws as a new line in SVG text too).
 */
export function escapeLabel(text: string): string {
  return text
    .split('\n')
    .map(escapeLine)
    .filter((line) => line !== '')
    .join('<br>');
}

function escapeLine(text: string): string {
  return text
    // mermaid writes a no-break space back as a literal `&nbsp;` in SVG text.
    .replace(/[\r\t\u00a0]+/g, ' ')
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

/**
 * Assigns every key an id by its rank among the diagram's keys: the same graph always gives the same text, and two
 * graphs that differ only by the environment their keys name (production and staging) give the same text but for
 * their links, which the renderer then draws once (mermaid.ts).
 */
function idMap(prefix: string, keys: string[]): Map<string, string> {
  return new Map([...new Set(keys)].sort(compareText).map((key, rank) => [key, `${prefix}${rank.toString(36)}`]));
}

/** The mermaid flowchart text of a graph. */
export function flowchartOf(input: Graph): string {
  const graph = normalizeGraph(input);
  const nodeIds = idMap('n', graph.nodes.map((n) => n.key));
  const groupIds = idMap('g', graph.groups.map((g) => g.key));
  const groupKeys = new Set(graph.groups.map((g) => g.key));
  // dagre is the configured layout (theme.ts); a view that chose ELK says so in the text (front matter), so the
  // client fallback lays out the same way.
  const lines: string[] = graph.layout === 'elk' ? ['---', 'config:', '  layout: elk', '---'] : [];
  lines.push(`flowchart ${graph.direction ?? 'LR'}`);

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
    // The detail is drawn under the name, one item per line.
    const text = node.detail ? `${node.label}\n${node.detail}` : node.label;
    return `${indent}${nodeIds.get(node.key)}${open}"${escapeLabel(text)}"${close}`;
  };
  const emit = (parent: string, depth: number, seen: Set<string>): void => {
    const indent = '  '.repeat(depth);
    for (const node of nodesByGroup.get(parent) ?? []) lines.push(nodeLine(node, indent));
    for (const group of groupsByParent.get(parent) ?? []) {
      if (seen.has(group.key)) continue;
      seen.add(group.key);
      lines.push(`${indent}subgraph ${groupIds.get(group.key)}["${escapeLabel(group.label)}"]`);
      if (group.direction) lines.push(`${indent}  direction ${group.direction}`);
      emit(group.key, depth + 1, seen);
      lines.push(`${indent}end`);
    }
  };
  emit('', 1, new Set());

  for (const edge of graph.edges) {
    const arrow = edge.invisible ? '~~~' : edge.dashed ? '-.->' : '-->';
    const label = edge.label ? `|"${escapeLabel(edge.label)}"|` : '';
    // An edge may end on a group: mermaid draws it to the group's frame.
    const end = (key: string) => nodeIds.get(key) ?? groupIds.get(key);
    lines.push(`  ${end(edge.from)} ${arrow}${label} ${end(edge.to)}`);
  }

  const byClass = new Map<NodeClass, string[]>();
  for (const node of graph.nodes) byClass.set(node.cls, [...(byClass.get(node.cls) ?? []), nodeIds.get(node.key)!]);
  for (const cls of [...byClass.keys()].sort(compareText)) {
    lines.push(`  classDef ${cls} ${CLASS_DEFS[cls]}`);
    lines.push(`  class ${byClass.get(cls)!.join(',')} ${cls}`);
  }
  for (const node of graph.nodes) {
    if (!node.href) continue;
    lines.push(`  click ${nodeIds.get(node.key)} href "${hrefText(node.href)}" "${tooltipText(node.tooltip ?? nodeText(node))}"`);
  }
  return `${lines.join('\n')}\n`;
}


/** What the renderer draws for a view: the same for the component that shows it and for the build that prefetches it. */
export function diagramSourceOf(view: DiagramView): DiagramSource {
  return { id: view.id, code: flowchartOf(view.graph), title: view.title, description: view.description };
}
