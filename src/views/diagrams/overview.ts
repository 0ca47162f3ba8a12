// The overview of one environment, top to bottom: Internet, the ingress controller, then the applications, each in
// its namespace with its volumes and databases and the host names it answers (written in the node, not drawn as one
// edge per host). The operators installed by Helm form a compact frame of their own.
import { compareText, endpointsOf, isWorkload, kindLabel, plural, publicHosts, releaseRole, resourcesOfKind, type HelmComponent, type Model, type Resource } from '../../infra/index.ts';
import { slug, type DiagramEdge, type DiagramGroup, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { envContext, out, resourceNode, uniqueSorted, type EnvContext } from '../context.ts';
import { environmentPath, namespacePath, parseResourceKey } from '../paths.ts';
import { gridEdges } from './grid.ts';
import { diagramView, endpointWorkloads, lines } from './shared.ts';

const INGRESS_CHARTS = /traefik|ingress-nginx|nginx-ingress|haproxy|contour|kong/i;
const APPS = 'apps';
const OPERATORS = 'operators';

function ingressController(ctx: EnvContext): DiagramNode {
  const component = ctx.model.components.find((c) => c.env === ctx.env.name && INGRESS_CHARTS.test(c.chart));
  if (component) return { ...resourceNode(ctx, component.resource), label: lines('Contrôleur d’entrée', component.chart), cls: 'ingress' };
  const workload = ctx.env.resources.find((r) => isWorkload(r) && INGRESS_CHARTS.test(r.id.name));
  if (workload) return { ...resourceNode(ctx, workload.key), label: lines('Contrôleur d’entrée', workload.id.name), cls: 'ingress' };
  return { key: 'ingress-controller', label: 'Contrôleur d’entrée', cls: 'ingress' };
}

/** One line per chart: the frame says they are operators installed by Helm. */
function componentNode(ctx: EnvContext, component: HelmComponent): DiagramNode {
  return {
    ...resourceNode(ctx, component.resource),
    key: `${component.resource}#${component.chart}`,
    label: `${component.chart}${component.version ? ` ${component.version}` : ''}`,
    cls: 'gitops',
    shape: 'hexagon',
    group: OPERATORS,
  };
}

/** An application reads as its namespace and workload, « booking · calcom » (one name when they are the same). */
function applicationName(namespace: string | undefined, name: string): string {
  return !namespace || namespace === name ? name : `${namespace} · ${name}`;
}

/** « PostgreSQL booking-db », « Volume listmonk-uploads »: the cylinder says it is data. */
function dataNode(ctx: EnvContext, key: string): DiagramNode {
  const id = parseResourceKey(key);
  const kind = id.kind === 'Cluster' ? 'PostgreSQL' : id.kind === 'PersistentVolumeClaim' ? 'Volume' : kindLabel(id);
  return { ...resourceNode(ctx, key), label: `${kind} ${id.name}`, shape: 'cylinder' };
}

function hostsText(hosts: string[]): string {
  return hosts.length <= 2 ? hosts.join(', ') : `${hosts[0]} +${hosts.length - 1}`;
}

interface OverviewParts {
  ctx: EnvContext;
  workloads: Resource[];
  /** Application nodes with their data, and the edges between them. */
  apps: { nodes: DiagramNode[]; edges: DiagramEdge[] };
  components: HelmComponent[];
  controller: DiagramNode;
  endpoints: number;
  tls: boolean;
}

function overviewParts(model: Model, envName: string): OverviewParts {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const place = (node: DiagramNode): DiagramNode => ({ ...node, group: APPS });
  const endpoints = endpointsOf(env);
  const hostsByWorkload = new Map<string, Set<string>>();
  for (const endpoint of endpoints) {
    for (const w of endpointWorkloads(ctx, endpoint)) hostsByWorkload.set(w, (hostsByWorkload.get(w) ?? new Set()).add(endpoint.host));
  }
  const workloads = env.resources.filter(isWorkload);
  for (const w of workloads) {
    const hosts = uniqueSorted([...(hostsByWorkload.get(w.key) ?? [])].filter((h) => h !== '*'));
    nodes.push(place({ ...resourceNode(ctx, w.key), label: applicationName(w.id.namespace, w.id.name), ...(hosts.length > 0 ? { detail: hostsText(hosts) } : {}) }));
    for (const r of [...out(ctx, w.key, 'uses-database'), ...out(ctx, w.key, 'uses-pvc')]) {
      nodes.push(place(dataNode(ctx, r.to)));
      // The data node's name says what it is (« PostgreSQL booking-db », « Volume listmonk-uploads »).
      edges.push({ from: w.key, to: r.to, meaning: r.type === 'uses-database' ? 'utilise' : 'monte' });
    }
  }
  for (const cluster of resourcesOfKind(env, 'Cluster', ['postgresql.cnpg.io'])) nodes.push(place(dataNode(ctx, cluster.key)));
  const controller = ingressController(ctx);
  // Only operators and platform components go in their frame; an application installed by a chart is an application.
  const charts = model.components.filter((c) => c.env === env.name && c.resource !== controller.key);
  const components = charts.filter((c) => releaseRole(model, c.resource)?.role !== 'application');
  for (const c of charts.filter((c) => releaseRole(model, c.resource)?.role === 'application' && !workloads.some((w) => w.deduced?.release === c.resource))) {
    const id = parseResourceKey(c.resource);
    nodes.push(place({ ...resourceNode(ctx, c.resource), label: applicationName(id.namespace, id.name), cls: 'workload', detail: hostsText(releaseRole(model, c.resource)!.hosts) }));
  }
  return { ctx, workloads, apps: { nodes, edges }, components, controller, endpoints: endpoints.length, tls: endpoints.some((e) => e.tls) };
}

/** Internet, the ingress controller and the frames, top to bottom: what every level of the overview draws alike. */
function framedOverview(parts: OverviewParts, apps: { nodes: DiagramNode[]; edges: DiagramEdge[] }, operators: { nodes: DiagramNode[]; edges: DiagramEdge[] }): Graph {
  const nodes = [...apps.nodes, ...operators.nodes];
  const edges = [...apps.edges, ...operators.edges];
  const groups = new Map<string, DiagramGroup>();
  if (apps.nodes.length > 0) groups.set(APPS, { key: APPS, label: 'Applications', direction: 'LR' });
  if (parts.endpoints > 0) {
    const internet: DiagramNode = { key: 'internet', label: 'Internet', cls: 'external', shape: 'circle' };
    nodes.push(internet, parts.controller);
    const scheme = parts.tls ? 'HTTPS' : 'HTTP';
    edges.push({ from: internet.key, to: parts.controller.key, label: scheme, meaning: `envoie les requêtes ${scheme} à` });
    if (groups.has(APPS)) edges.push({ from: parts.controller.key, to: APPS, meaning: 'transmet chaque requête, selon son nom d’hôte, à l’une des' });
  }
  if (operators.nodes.length > 0) {
    groups.set(OPERATORS, { key: OPERATORS, label: 'Opérateurs (charts Helm)', direction: 'LR' });
    if (groups.has(APPS)) edges.push({ from: APPS, to: OPERATORS, label: 's’appuient sur', meaning: 's’appuient sur les' });
    // Without applications, the charts stand under the controller rather than beside it.
    else if (parts.endpoints > 0) edges.push({ from: parts.controller.key, to: OPERATORS, invisible: true });
  }
  return { nodes, edges, groups: [...groups.values()], direction: 'TB', layout: 'dagre' };
}

/** One node per chart, two by two, so the frame is a short grid rather than a long column. */
function operatorGrid(parts: OverviewParts): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const nodes = parts.components.map((component) => componentNode(parts.ctx, component));
  // The first of each row points at the second.
  const rows = [...nodes].sort((a, b) => compareText(a.key, b.key));
  const edges: DiagramEdge[] = [];
  for (let i = 0; i + 1 < rows.length && rows.length > 2; i += 2) edges.push({ from: rows[i].key, to: rows[i + 1].key, invisible: true });
  return { nodes, edges };
}

/** One node per namespace of `frame`, linking to the namespace's page, laid out in rows that fit the column. */
function namespaceGrid(envName: string, frame: string, counts: Map<string, string[]>, cls: DiagramNode['cls']): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const nodes = [...counts]
    .sort(([a], [b]) => compareText(a, b))
    .map(([ns, parts]): DiagramNode => ({ key: `${frame}:ns:${ns}`, label: ns || 'niveau cluster', detail: parts.join('\n'), cls, shape: 'stadium', group: frame, href: namespacePath(envName, ns || undefined) }));
  return { nodes, edges: gridEdges(nodes) };
}

/** Per namespace, what its applications hold: « 3 applications », « 2 volumes ». */
function applicationsPerNamespace(parts: OverviewParts): Map<string, string[]> {
  const count = new Map<string, { apps: number; data: number }>();
  for (const node of parts.apps.nodes) {
    const ns = parseResourceKey(node.key).namespace ?? '';
    const entry = count.get(ns) ?? { apps: 0, data: 0 };
    if (node.shape === 'cylinder') entry.data++;
    else entry.apps++;
    count.set(ns, entry);
  }
  return new Map(
    [...count].map(([ns, c]) => [ns, [c.apps > 0 ? plural(c.apps, 'application') : '', c.data > 0 ? plural(c.data, 'volume ou base', 'volumes ou bases') : ''].filter(Boolean)]),
  );
}

function chartsPerNamespace(parts: OverviewParts): Map<string, string[]> {
  const count = new Map<string, number>();
  for (const c of parts.components) {
    const ns = parseResourceKey(c.resource).namespace ?? '';
    count.set(ns, (count.get(ns) ?? 0) + 1);
  }
  return new Map([...count].map(([ns, n]) => [ns, [plural(n, 'chart')]]));
}

/** The whole frame as one node: how many there are, linking to where they are listed. */
function summaryNode(frame: string, label: string, detail: string, href: string, cls: DiagramNode['cls']): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  return { nodes: [{ key: `${frame}:all`, label, detail, cls, shape: 'stadium', group: frame, href }], edges: [] };
}

function overviewText(parts: OverviewParts, level: 'detail' | 'namespaces' | 'summary'): string {
  const env = parts.ctx.env;
  const namespaces = uniqueSorted(parts.workloads.map((w) => w.id.namespace ?? '')).filter(Boolean).length;
  const grouped =
    level === 'namespaces'
      ? ' Trop d’éléments pour un seul schéma : chaque espace de noms est résumé en un nœud qui mène à son détail.'
      : level === 'summary'
        ? ' Trop d’éléments pour un seul schéma : chaque cadre est résumé en un nœud ; le tableau des espaces de noms de l’environnement en donne le détail.'
        : '';
  return (
    `Vue d’ensemble de l’environnement ${env.name}, de haut en bas : ` +
    (parts.endpoints > 0 ? `Internet, le contrôleur d’entrée ${parts.controller.label.split('\n').pop()}, puis ` : '') +
    `${plural(parts.workloads.length, 'application')} dans ${plural(namespaces, 'espace de noms', 'espaces de noms')}, ` +
    `chacune avec les noms d’hôte qu’elle sert (${plural(publicHosts(env).length, 'nom d’hôte public', 'noms d’hôte publics')} en tout) et ses volumes et bases de données` +
    (parts.components.length > 0 ? ` ; en dessous, les ${plural(parts.components.length, 'opérateur installé', 'opérateurs installés')} par Helm, sur lesquels elles s’appuient.` : '.') +
    grouped
  );
}

export function overviewDiagram(model: Model, envName: string): DiagramView {
  const parts = overviewParts(model, envName);
  const env = parts.ctx.env;
  const id = `overview-${slug(env.name)}`;
  const title = `Vue d’ensemble de l’environnement ${env.name}`;
  const view = (suffix: string, graph: Graph, level: 'detail' | 'namespaces' | 'summary', caption?: string): DiagramView => ({
    ...diagramView(`${id}${suffix}`, graph, title, overviewText(parts, level)),
    heading: 'Vue d’ensemble',
    ...(caption ? { caption } : {}),
  });
  const namespaces = namespaceGrid(env.name, APPS, applicationsPerNamespace(parts), 'workload');
  const charts = namespaceGrid(env.name, OPERATORS, chartsPerNamespace(parts), 'gitops');
  const everywhere = `${environmentPath(env.name)}#espaces-de-noms`;
  const spaces = (m: Map<string, string[]>) => plural(m.size, 'espace de noms', 'espaces de noms');
  const appsSummary = summaryNode(APPS, plural(parts.workloads.length, 'application'), `dans ${spaces(applicationsPerNamespace(parts))}`, everywhere, 'workload');
  // No operator frame at all when every chart is an application's.
  const chartsSummary =
    parts.components.length > 0 ? summaryNode(OPERATORS, plural(parts.components.length, 'chart Helm', 'charts Helm'), `dans ${spaces(chartsPerNamespace(parts))}`, everywhere, 'gitops') : { nodes: [], edges: [] };
  const perNamespace = 'Chaque nœud est un espace de noms : il mène à sa page, où ses ressources sont dessinées.';
  return {
    ...view('', framedOverview(parts, parts.apps, operatorGrid(parts)), 'detail', 'Chaque application est nommée par son espace de noms et sa charge de travail («\u00a0espace\u00a0·\u00a0nom\u00a0»), avec les noms d’hôte qu’elle sert.'),
    coarser: [
      view('--espaces-de-noms', framedOverview(parts, namespaces, operatorGrid(parts)), 'namespaces', perNamespace),
      view('--espaces-de-noms-charts', framedOverview(parts, namespaces, charts), 'namespaces', perNamespace),
      view('--resume', framedOverview(parts, appsSummary, chartsSummary), 'summary'),
    ],
  };
}
