// The overview of one environment: from Internet through the ingress controller to the applications, their volumes
// and databases, and the Helm charts installed, grouped by namespace.
import { endpointsOf, isWorkload, plural, publicHosts, resourcesOfKind, type HelmComponent, type Model } from '../../infra/index.ts';
import { aggregateGraph, slug, type DiagramEdge, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { envContext, out, resourceNode, uniqueSorted, type EnvContext } from '../context.ts';
import { parseResourceKey } from '../paths.ts';
import { diagramView, endpointWorkloads, namespaceAggregate, nsGroup, nsGroupKey, readable } from './shared.ts';

const INGRESS_CHARTS = /traefik|ingress-nginx|nginx-ingress|haproxy|contour|kong/i;

function ingressController(ctx: EnvContext): DiagramNode {
  const component = ctx.model.components.find((c) => c.env === ctx.env.name && INGRESS_CHARTS.test(c.chart));
  if (component) {
    const node = resourceNode(ctx, component.resource);
    return { ...node, label: `Contrôleur d’entrée ${component.chart}`, cls: 'ingress' };
  }
  const workload = ctx.env.resources.find((r) => isWorkload(r) && INGRESS_CHARTS.test(r.id.name));
  if (workload) return { ...resourceNode(ctx, workload.key), label: `Contrôleur d’entrée ${workload.id.name}`, cls: 'ingress' };
  return { key: 'ingress-controller', label: 'Contrôleur d’entrée', cls: 'ingress' };
}

function componentNode(ctx: EnvContext, component: HelmComponent): DiagramNode {
  const node = resourceNode(ctx, component.resource);
  const ns = component.namespace ?? parseResourceKey(component.resource).namespace;
  return {
    ...node,
    key: `${component.resource}#${component.chart}`,
    label: `Chart ${component.chart}${component.version ? ` ${component.version}` : ''}`,
    cls: 'gitops',
    shape: 'hexagon',
    ...(ns ? { group: nsGroupKey(ctx.env.name, ns) } : {}),
  };
}

function hostsLabel(hosts: string[]): string {
  return hosts.length <= 2 ? hosts.join(', ') : `${hosts.slice(0, 2).join(', ')} +${hosts.length - 2}`;
}

export function overviewDiagram(model: Model, envName: string): DiagramView {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const groups = new Map<string, { key: string; label: string }>();
  const place = (node: DiagramNode, ns: string | undefined): DiagramNode => {
    if (!ns) return node;
    const group = nsGroup(env.name, ns);
    groups.set(group.key, group);
    return { ...node, group: group.key };
  };

  const internet: DiagramNode = { key: 'internet', label: 'Internet', cls: 'external', shape: 'circle' };
  const controller = ingressController(ctx);
  const endpoints = endpointsOf(env);
  if (endpoints.length > 0) {
    nodes.push(internet, controller);
    edges.push({ from: internet.key, to: controller.key, label: endpoints.some((e) => e.tls) ? 'HTTPS' : 'HTTP' });
  }
  const workloads = env.resources.filter(isWorkload);
  for (const w of workloads) nodes.push(place(resourceNode(ctx, w.key), w.id.namespace));

  const hostsByWorkload = new Map<string, Set<string>>();
  for (const endpoint of endpoints) {
    for (const w of endpointWorkloads(ctx, endpoint)) hostsByWorkload.set(w, (hostsByWorkload.get(w) ?? new Set()).add(endpoint.host));
  }
  for (const [w, hosts] of hostsByWorkload) edges.push({ from: controller.key, to: w, label: hostsLabel(uniqueSorted(hosts)) });

  for (const w of workloads) {
    for (const r of [...out(ctx, w.key, 'uses-database'), ...out(ctx, w.key, 'uses-pvc')]) {
      const target = parseResourceKey(r.to);
      nodes.push(place(resourceNode(ctx, r.to), target.namespace));
      edges.push({ from: w.key, to: r.to });
    }
  }
  for (const cluster of resourcesOfKind(env, 'Cluster', ['postgresql.cnpg.io'])) {
    nodes.push(place(resourceNode(ctx, cluster.key), cluster.id.namespace));
  }
  for (const component of model.components.filter((c) => c.env === env.name)) {
    if (component.resource === controller.key) continue;
    const node = componentNode(ctx, component);
    nodes.push(node);
    if (node.group) groups.set(node.group, { key: node.group, label: `Espace de noms ${node.group.slice(node.group.indexOf('/') + 1)}` });
  }

  const full: Graph = { nodes, edges, groups: [...groups.values()] };
  const { graph, aggregated } = readable(full, [(g) => aggregateGraph(g, namespaceAggregate(env.name))]);
  const namespaces = groups.size;
  const description =
    `Vue d’ensemble de l’environnement ${env.name} : ${plural(workloads.length, 'application')}, ` +
    `${plural(namespaces, 'espace de noms', 'espaces de noms')}, ${plural(publicHosts(env).length, 'nom d’hôte public', 'noms d’hôte publics')}` +
    `, ${plural(model.components.filter((c) => c.env === env.name).length, 'chart Helm', 'charts Helm')}. ` +
    `Le trafic entre par Internet et le contrôleur d’entrée, atteint les applications, qui utilisent leurs volumes et bases de données.` +
    (aggregated ? ' Trop d’éléments pour un seul schéma : chaque espace de noms est résumé en un nœud qui mène à son détail.' : '');
  return diagramView(`overview-${slug(env.name)}`, graph, `Vue d’ensemble de l’environnement ${env.name}`, description);
}
