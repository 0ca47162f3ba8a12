// The overview of one environment, top to bottom: Internet, the ingress controller, then the applications, each in
// its namespace with its volumes and databases and the host names it answers (written in the node, not drawn as one
// edge per host). The operators installed by Helm form a compact frame of their own.
import { compareText, endpointsOf, isWorkload, kindLabel, plural, publicHosts, releaseRole, resourcesOfKind, type HelmComponent, type Model } from '../../infra/index.ts';
import { aggregateGraph, slug, type DiagramEdge, type DiagramGroup, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { envContext, out, resourceNode, uniqueSorted, type EnvContext } from '../context.ts';
import { namespacePath, parseResourceKey } from '../paths.ts';
import { diagramView, endpointWorkloads, lines, nsGroupKey, readable } from './shared.ts';

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

export function overviewDiagram(model: Model, envName: string): DiagramView {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const groups = new Map<string, DiagramGroup>();
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
  for (const cluster of resourcesOfKind(env, 'Cluster', ['postgresql.cnpg.io'])) {
    nodes.push(place(dataNode(ctx, cluster.key)));
  }

  if (nodes.length > 0) groups.set(APPS, { key: APPS, label: 'Applications', direction: 'LR' });

  const controller = ingressController(ctx);
  if (endpoints.length > 0) {
    const internet: DiagramNode = { key: 'internet', label: 'Internet', cls: 'external', shape: 'circle' };
    nodes.push(internet, controller);
    const tls = endpoints.some((e) => e.tls);
    edges.push({ from: internet.key, to: controller.key, label: tls ? 'HTTPS' : 'HTTP', meaning: `envoie les requêtes ${tls ? 'HTTPS' : 'HTTP'} à` });
    if (groups.has(APPS)) edges.push({ from: controller.key, to: APPS, meaning: 'transmet chaque requête, selon son nom d’hôte, à l’une des' });
  }

  // Only operators and platform components go in their frame; an application installed by a chart is an application.
  const charts = model.components.filter((c) => c.env === env.name && c.resource !== controller.key);
  const components = charts.filter((c) => releaseRole(model, c.resource)?.role !== 'application');
  for (const c of charts.filter((c) => releaseRole(model, c.resource)?.role === 'application' && !workloads.some((w) => w.deduced?.release === c.resource))) {
    const id = parseResourceKey(c.resource);
    nodes.push(place({ ...resourceNode(ctx, c.resource), label: applicationName(id.namespace, id.name), cls: 'workload', detail: hostsText(releaseRole(model, c.resource)!.hosts) }));
    groups.set(APPS, { key: APPS, label: 'Applications', direction: 'LR' });
  }
  const operators = components.map((component) => componentNode(ctx, component));
  nodes.push(...operators);
  // Two by two, so the frame is a short grid rather than a long column: the first of each row points at the second.
  const rows = [...operators].sort((a, b) => compareText(a.key, b.key));
  for (let i = 0; i + 1 < rows.length && rows.length > 2; i += 2) edges.push({ from: rows[i].key, to: rows[i + 1].key, invisible: true });
  if (components.length > 0) {
    groups.set(OPERATORS, { key: OPERATORS, label: 'Opérateurs (charts Helm)', direction: 'LR' });
    if (groups.has(APPS)) edges.push({ from: APPS, to: OPERATORS, label: 's’appuient sur', meaning: 's’appuient sur les' });
  }

  const full: Graph = { nodes, edges, groups: [...groups.values()], direction: 'TB', layout: 'dagre' };
  // Too many applications: each namespace becomes one node, inside the applications frame, linking to its page.
  const perNamespace = (node: DiagramNode) => {
    if (node.group !== APPS) return undefined;
    const ns = parseResourceKey(node.key).namespace;
    if (!ns) return undefined;
    return { key: `agg:${nsGroupKey(env.name, ns)}`, label: `Espace de noms ${ns}`, detail: '{n} éléments', cls: 'other' as const, href: namespacePath(env.name, ns), group: APPS };
  };
  const { graph, aggregated } = readable(full, [(g) => aggregateGraph(g, perNamespace)]);
  const namespaces = uniqueSorted(workloads.map((w) => w.id.namespace ?? '')).filter(Boolean).length;
  const description =
    `Vue d’ensemble de l’environnement ${env.name}, de haut en bas : ` +
    (endpoints.length > 0 ? `Internet, le contrôleur d’entrée ${controller.label.split('\n').pop()}, puis ` : '') +
    `${plural(workloads.length, 'application')} dans ${plural(namespaces, 'espace de noms', 'espaces de noms')}, ` +
    `chacune avec les noms d’hôte qu’elle sert (${plural(publicHosts(env).length, 'nom d’hôte public', 'noms d’hôte publics')} en tout) et ses volumes et bases de données` +
    (components.length > 0 ? ` ; en dessous, les ${plural(components.length, 'opérateur installé', 'opérateurs installés')} par Helm, sur lesquels elles s’appuient.` : '.') +
    (aggregated ? ' Trop d’éléments pour un seul schéma : chaque espace de noms est résumé en un nœud qui mène à son détail.' : '');
  const caption = aggregated ? undefined : 'Chaque application est nommée par son espace de noms et sa charge de travail («\u00a0espace\u00a0·\u00a0nom\u00a0»), avec les noms d’hôte qu’elle sert.';
  return { ...diagramView(`overview-${slug(env.name)}`, graph, `Vue d’ensemble de l’environnement ${env.name}`, description), heading: 'Vue d’ensemble', ...(caption ? { caption } : {}) };
}
