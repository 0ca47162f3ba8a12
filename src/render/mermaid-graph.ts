// A hand-written mermaid block has no view behind it: its nodes, edges and subgraphs are read back from mermaid's own
// parser (the flowchart database), so it gets a text version like the generated diagrams. `readFlowchart` runs inside
// the browser that parsed the block (serialised by Playwright: it must stay self-contained); `graphOfFlowchart` turns
// what it read into the graph the rest of src/render knows. Pure: this module also runs in the reader's browser.
import type { Graph } from '../views/diagram.ts';

export interface FlowchartData {
  direction?: string;
  vertices: { id: string; text: string; link?: string }[];
  edges: { start: string; end: string; text: string; stroke?: string }[];
  subgraphs: { id: string; title: string; nodes: string[] }[];
}

type MermaidWithApi = {
  mermaidAPI: {
    getDiagramFromText(text: string): Promise<{
      type: string;
      db: {
        getDirection?(): string | undefined;
        getVertices?(): Map<string, { id: string; text?: string; link?: string }>;
        getEdges?(): { start: string; end: string; text?: string; stroke?: string }[];
        getSubGraphs?(): { id: string; title?: string; nodes?: string[] }[];
      };
    }>;
  };
};

/** Runs where mermaid is loaded; undefined for a diagram that is not a flowchart. */
export async function readFlowchart(mermaid: MermaidWithApi, code: string): Promise<FlowchartData | undefined> {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(code);
  const db = diagram.db;
  if (!/^flowchart/.test(diagram.type) || !db.getVertices || !db.getEdges || !db.getSubGraphs) return undefined;
  return {
    direction: db.getDirection?.(),
    vertices: [...db.getVertices().values()].map((v) => ({ id: v.id, text: v.text ?? v.id, ...(v.link ? { link: v.link } : {}) })),
    edges: db.getEdges().map((e) => ({ start: e.start, end: e.end, text: e.text ?? '', ...(e.stroke ? { stroke: e.stroke } : {}) })),
    subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: s.title ?? s.id, nodes: [...(s.nodes ?? [])] })),
  };
}

/** Label text as a reader would say it: line breaks and markup that mermaid accepts in labels become spaces. */
export function plainLabel(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The links mermaid keeps in strict mode (it turns the others into about:blank), as finishSvg keeps them. */
function safeLink(link: string | undefined): string | undefined {
  if (!link) return undefined;
  // eslint-disable-next-line no-control-regex
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link.replace(/[\u0000-\u0020\u007f]+/g, ''));
  return scheme === null || ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase()) ? link : undefined;
}

export function graphOfFlowchart(data: FlowchartData): Graph {
  const groupIds = new Set(data.subgraphs.map((s) => s.id));
  // mermaid lists a subgraph's members, nested subgraphs included; the first subgraph listing an item holds it.
  const parentOf = new Map<string, string>();
  for (const subgraph of data.subgraphs) {
    for (const member of subgraph.nodes) if (!parentOf.has(member) && member !== subgraph.id) parentOf.set(member, subgraph.id);
  }
  const direction = data.direction === 'LR' || data.direction === 'RL' ? 'LR' : 'TB';
  return {
    direction,
    nodes: data.vertices
      .filter((v) => !groupIds.has(v.id))
      .map((v) => ({
        key: v.id,
        label: plainLabel(v.text) || v.id,
        cls: 'other' as const,
        ...(parentOf.has(v.id) ? { group: parentOf.get(v.id) } : {}),
        ...(safeLink(v.link) ? { href: safeLink(v.link) } : {}),
      })),
    edges: data.edges.map((e) => ({
      from: e.start,
      to: e.end,
      ...(plainLabel(e.text) ? { label: plainLabel(e.text) } : {}),
      ...(e.stroke === 'dotted' ? { dashed: true } : {}),
    })),
    groups: data.subgraphs.map((s) => ({
      key: s.id,
      label: plainLabel(s.title) || s.id,
      ...(parentOf.has(s.id) ? { parent: parentOf.get(s.id) } : {}),
    })),
  };
}
