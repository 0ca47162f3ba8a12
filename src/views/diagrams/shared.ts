// What the diagram views of an environment share: ids, namespace groups, the step-by-step aggregation that keeps a
// diagram readable, and the workloads behind an endpoint.
import { joinFrench, kindLabel, plural, type Endpoint, type KindId } from '../../infra/index.ts';
import {
  fitsMermaid,
  normalizeGraph,
  READABLE_NODES,
  type DiagramView,
  type Graph,
} from '../diagram.ts';
import { out, type EnvContext } from '../context.ts';

export const nsGroup = (env: string, ns: string) => ({ key: `ns:${env}/${ns}`, label: `Espace de noms ${ns}` });

/** A node label of up to two lines (`\n`): empty parts are left out. */
export function lines(...parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}

/** Past this many characters a « kind name » label is split over two lines (about 200 px at 16 px). */
const ONE_LINE = 24;

/**
 * A long path or address over two lines, split after the `/` (from `from` on) that gives the narrowest lines:
 * « manifests/infrastructure/ » over « controllers/production ».
 */
export function splitAtSlash(text: string, from = 0): string {
  if (text.length <= 26) return text;
  let best = text;
  let width = text.length;
  for (let i = text.indexOf('/', from); i > 0 && i < text.length - 1; i = text.indexOf('/', i + 1)) {
    const w = Math.max(i + 1, text.length - i - 1);
    if (w < width) {
      best = `${text.slice(0, i + 1)}\n${text.slice(i + 1)}`;
      width = w;
    }
  }
  return best;
}

/**
 * « Déploiement calcom » on one line when short, « Secret scellé » over « booking-db-credentials » when long (what a
 * node writes under it, host names or a size, is its `detail`).
 */
export function resourceLabel(kind: KindId, name: string, oneLine = ONE_LINE): string {
  const one = `${kindLabel(kind)} ${name}`;
  return one.length <= oneLine ? one : `${kindLabel(kind)}\n${name}`;
}

/**
 * A resource of another namespace than the diagram's: « Kind (ns) » over « name », or « Kind » over « ns/name » when
 * either stays about as narrow as a one-line label, else the narrowest of those and a third line for the namespace.
 */
export function elsewhereLabel(kind: KindId, namespace: string, name: string): string {
  const k = kindLabel(kind);
  const options = [
    [`${k} (${namespace})`, name],
    [k, `${namespace}/${name}`],
    [k, name, `(${namespace})`],
  ];
  const width = (lines: string[]) => Math.max(...lines.map((l) => l.length));
  const twoLines = options.slice(0, 2).find((o) => width(o) <= ONE_LINE + 2);
  return (twoLines ?? options.reduce((a, b) => (width(b) < width(a) ? b : a))).join('\n');
}

/** « 1 élément », « 12 éléments »: what an aggregated node holds. */
export const elementsText = (count: number): string => plural(count, 'élément');

/** « a », « a et b », « a, b et c ». */
export const listText = (items: readonly string[]): string => joinFrench([...items]);

/** « 12 éléments et 15 liens » once the graph is normalized, for the descriptions read by screen readers. */
export function sizeText(graph: Graph): string {
  const normal = normalizeGraph(graph);
  return `${plural(normal.nodes.length, 'élément')} et ${plural(normal.edges.filter((e) => !e.invisible).length, 'lien')}`;
}

/**
 * Applies the aggregation steps in order until the graph is readable (≤ READABLE_NODES nodes) and within mermaid's
 * limits; the last step is kept even if still large, so the reader gets the coarsest view rather than nothing.
 */
export function readable(graph: Graph, steps: ((g: Graph) => Graph)[]): { graph: Graph; aggregated: boolean } {
  let current = normalizeGraph(graph);
  let aggregated = false;
  for (const step of steps) {
    if (current.nodes.length <= READABLE_NODES && fitsMermaid(current)) break;
    current = step(current);
    aggregated = true;
  }
  return { graph: current, aggregated };
}

export function diagramView(id: string, graph: Graph, title: string, description: string): DiagramView {
  return { id, title, description, graph: normalizeGraph(graph) };
}

/** Workloads reached from each endpoint: endpoint → Service → selected workloads. */
export function endpointWorkloads(ctx: EnvContext, endpoint: Endpoint): string[] {
  if (!endpoint.service) return [];
  return out(ctx, endpoint.service, 'selects').map((r) => r.to);
}
