// Many peers in one frame — namespaces, Kustomizations of one step, charts — laid out in rows that fit the page's
// column rather than in one endless row or column, and the aggregation that keeps a view within its budget as a
// repository grows. The drawing is measured when it is drawn (src/render/fit.ts picks the coarsest level needed);
// here, widths are estimated from the text only to choose how many nodes go in a row.
import { normalizeGraph, type DiagramEdge, type DiagramNode, type Graph } from '../diagram.ts';

/**
 * The width a row of cells may take, in drawn pixels: the widest drawing the column shows at 1280 px without
 * scrolling (src/render/fit.ts, MAX_DRAWN_WIDTH: 737) less the frame's and the drawing's margins (32).
 */
export const ROW_WIDTH = 700;
/**
 * The room a node takes in a row, measured on mermaid's drawings: its estimated width, a little less (the estimate is
 * an upper one), and the space up to the next node, never under 213 px (what a short label takes with its margins).
 */
function cellWidth(node: Pick<DiagramNode, 'label' | 'detail' | 'shape'>): number {
  return Math.max(213, Math.ceil(0.85 * estimatedWidth(node)) + 75);
}
/** Drawn width of one character at the labels' 14 px, rounded up. */
const CHAR_PX = 8.2;
const SHAPE_PADDING: Record<NonNullable<DiagramNode['shape']>, number> = { rect: 34, round: 40, stadium: 44, cylinder: 34, hexagon: 64, circle: 40 };

/** An upper estimate of a node's drawn width, from its longest line. */
function estimatedWidth(node: Pick<DiagramNode, 'label' | 'detail' | 'shape'>): number {
  const lines = [...node.label.split('\n'), ...(node.detail?.split('\n') ?? [])];
  return Math.ceil(Math.max(...lines.map((l) => l.length)) * CHAR_PX) + SHAPE_PADDING[node.shape ?? 'rect'];
}

/**
 * The layout hints that lay `keys` out in rows of `count`, read left to right then top to bottom, in a frame that
 * runs left to right (`direction: 'LR'`) inside a top-to-bottom graph: there mermaid stacks unlinked nodes in a
 * column, and an invisible edge puts a node to the right of the one before it.
 */
function rowEdges(keys: readonly string[], count: number): DiagramEdge[] {
  const edges: DiagramEdge[] = [];
  for (let i = 0; i + 1 < keys.length; i++) if ((i + 1) % count !== 0) edges.push({ from: keys[i], to: keys[i + 1], invisible: true });
  return edges;
}

/**
 * How many of `nodes` go in a row so that the rows fit `width`. The layout aligns the rows in columns, each as wide
 * as its widest node: the count is the largest whose columns fit.
 */
export function perRow(nodes: readonly DiagramNode[], width = ROW_WIDTH): number {
  const widths = nodes.map(cellWidth);
  const fits = (count: number): boolean => {
    const columns = new Array<number>(count).fill(0);
    widths.forEach((w, i) => (columns[i % count] = Math.max(columns[i % count], w)));
    return columns.reduce((a, b) => a + b, 0) <= width;
  };
  let count = Math.max(1, nodes.length);
  while (count > 1 && !fits(count)) count--;
  return count;
}

/** The nodes of a frame in rows that fit the column: their hints (see rowEdges). */
export function gridEdges(nodes: readonly DiagramNode[], width = ROW_WIDTH): DiagramEdge[] {
  return rowEdges(
    nodes.map((n) => n.key),
    perRow(nodes, width),
  );
}

/** The connected parts of `nodes` through `edges` (layout hints left out), in the order of their first node. */
function parts(nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): DiagramNode[][] {
  const keys = new Set(nodes.map((n) => n.key));
  const links = new Map<string, string[]>();
  for (const e of edges) {
    if (e.invisible || !keys.has(e.from) || !keys.has(e.to)) continue;
    links.set(e.from, [...(links.get(e.from) ?? []), e.to]);
    links.set(e.to, [...(links.get(e.to) ?? []), e.from]);
  }
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const seen = new Set<string>();
  const out: DiagramNode[][] = [];
  for (const node of nodes) {
    if (seen.has(node.key)) continue;
    const part: DiagramNode[] = [];
    const stack = [node.key];
    seen.add(node.key);
    while (stack.length > 0) {
      const key = stack.pop()!;
      part.push(byKey.get(key)!);
      for (const next of links.get(key) ?? []) if (!seen.has(next)) (seen.add(next), stack.push(next));
    }
    out.push(part);
  }
  return out;
}

/** How many nodes a part chains one after the other: its longest path (a part is small and acyclic in practice). */
function depthOf(part: readonly DiagramNode[], edges: readonly DiagramEdge[]): { depth: number; first: string; last: string } {
  const keys = new Set(part.map((n) => n.key));
  const next = new Map<string, string[]>();
  for (const e of edges) if (!e.invisible && keys.has(e.from) && keys.has(e.to)) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const longest = new Map<string, string[]>();
  const walk = (key: string, seen: Set<string>): string[] => {
    const known = longest.get(key);
    if (known) return known;
    let best: string[] = [];
    for (const to of next.get(key) ?? []) {
      if (seen.has(to)) continue;
      const path = walk(to, new Set([...seen, to]));
      if (path.length > best.length) best = path;
    }
    const path = [key, ...best];
    longest.set(key, path);
    return path;
  };
  const starts = part.filter((n) => ![...next.values()].some((targets) => targets.includes(n.key)));
  const path = (starts.length > 0 ? starts : part).map((n) => walk(n.key, new Set([n.key]))).reduce((a, b) => (b.length > a.length ? b : a));
  return { depth: path.length, first: path[0], last: path[path.length - 1] };
}

/**
 * A graph of frames laid out side by side or in one long row each, turned into one that reads top to bottom within
 * the column: the frames stacked in their order, each frame's connected parts packed in rows (a part reads left to
 * right). Frames nested in others and nodes outside any frame are kept as they are.
 */
export function wrapFrames(graph: Graph, width = ROW_WIDTH): Graph {
  const normal = normalizeGraph(graph);
  const frames = normal.groups.filter((g) => !g.parent);
  const edges: DiagramEdge[] = [...normal.edges];
  for (const frame of frames) {
    const members = normal.nodes.filter((n) => n.group === frame.key);
    let row = 0;
    let previous: string | undefined;
    for (const part of parts(members, normal.edges)) {
      const { depth, first, last } = depthOf(part, normal.edges);
      const partWidth = depth * Math.max(...part.map(cellWidth));
      if (previous && row + partWidth <= width) {
        edges.push({ from: previous, to: first, invisible: true });
        row += partWidth;
      } else row = partWidth;
      previous = last;
    }
  }
  for (let i = 0; i + 1 < frames.length; i++) edges.push({ from: frames[i].key, to: frames[i + 1].key, invisible: true });
  return { ...normal, edges, groups: normal.groups.map((g) => (g.parent ? g : { ...g, direction: 'LR' })), direction: 'TB' };
}
