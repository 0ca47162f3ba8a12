// The diagram views of one environment: overview, one per namespace, one per public host, GitOps, data and backups,
// network flows. Each is a pure function Model → DiagramSource.
import type { HelmComponent, Model, Resource } from '../infra/model.ts';
import { resourceKey } from '../infra/model.ts';
import { isWorkload } from '../infra/workloads.ts';
import {
  aggregateGraph,
  fitsMermaid,
  normalizeGraph,
  READABLE_NODES,
  renderFlowchart,
  stableHash,
  type Aggregate,
  type DiagramEdge,
  type DiagramNode,
  type DiagramSource,
  type Graph,
} from './diagram.ts';
import { asRecord, asRecords, asString, specOf } from '../infra/fields.ts';
import { resourcesOfKind } from '../infra/relations/common.ts';
import {
  applicationOf,
  compareText,
  envContext,
  into,
  out,
  resourceNode,
  uniqueSorted,
  type EnvContext,
} from './context.ts';
import { endpointsOf, publicHosts, type Endpoint } from './endpoints.ts';
import { kindLabel, plural } from './labels.ts';
import { flowEndLabel, isolatedNamespaces, networkFlows } from './network.ts';
import { environmentPath, namespacePath, parseResourceKey } from './paths.ts';

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

const nsGroupKey = (env: string, ns: string): string => `ns:${env}/${ns}`;
const nsGroup = (env: string, ns: string) => ({ key: nsGroupKey(env, ns), label: `Espace de noms ${ns}` });

function countText(graph: Graph): string {
  const normal = normalizeGraph(graph);
  return `${plural(normal.nodes.length, 'élément')} et ${plural(normal.edges.length, 'lien')}`;
}

/**
 * Applies the aggregation steps in order until the graph is readable (≤ READABLE_NODES nodes) and within mermaid's
 * limits; the last step is kept even if still large, so the reader gets the coarsest view rather than nothing.
 */
function readable(graph: Graph, steps: ((g: Graph) => Graph)[]): { graph: Graph; aggregated: boolean } {
  let current = normalizeGraph(graph);
  let aggregated = false;
  for (const step of steps) {
    if (current.nodes.length <= READABLE_NODES && fitsMermaid(current)) break;
    current = step(current);
    aggregated = true;
  }
  return { graph: current, aggregated };
}

function source(id: string, graph: Graph, title: string, description: string): DiagramSource {
  return { id, code: renderFlowchart(graph), title, description };
}

function namespaceAggregate(env: string): (node: DiagramNode) => Aggregate | undefined {
  return (node) => {
    if (!node.group?.startsWith('ns:')) return undefined;
    const ns = node.group.slice(node.group.indexOf('/') + 1);
    return { key: `agg:${node.group}`, label: `Espace de noms ${ns} ({n} éléments)`, cls: 'other', href: namespacePath(env, ns) };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// a. Overview

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

/** Workloads reached from each endpoint: endpoint → Service → selected workloads. */
function endpointWorkloads(ctx: EnvContext, endpoint: Endpoint): string[] {
  if (!endpoint.service) return [];
  return out(ctx, endpoint.service, 'selects').map((r) => r.to);
}

function hostsLabel(hosts: string[]): string {
  return hosts.length <= 2 ? hosts.join(', ') : `${hosts.slice(0, 2).join(', ')} +${hosts.length - 2}`;
}

export function overviewDiagram(model: Model, envName: string): DiagramSource {
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
  return source(`overview-${slug(env.name)}`, graph, `Vue d’ensemble de l’environnement ${env.name}`, description);
}

// ---------------------------------------------------------------------------------------------------------------
// b. One namespace

/** Kinds that support an application rather than being one: collapsed per kind first when a namespace is big. */
const SUPPORTING_KINDS = new Set([
  'ConfigMap',
  'Secret',
  'SealedSecret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'PodMonitor',
  'ServiceMonitor',
  'PrometheusRule',
  'Certificate',
  'Middleware',
]);

export function namespaceDiagram(model: Model, envName: string, namespace: string): DiagramSource {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const inside = env.resources.filter((r) => r.id.namespace === namespace);
  const insideKeys = new Set(inside.map((r) => r.key));
  const outsideGroup = { key: 'outside', label: 'Hors de l’espace de noms' };
  const nodes: DiagramNode[] = inside.map((r) => resourceNode(ctx, r.key));
  const edges: DiagramEdge[] = [];
  for (const relation of ctx.relations) {
    const fromIn = insideKeys.has(relation.from);
    const toIn = insideKeys.has(relation.to);
    if (!fromIn && !toIn) continue;
    for (const [key, isIn] of [[relation.from, fromIn], [relation.to, toIn]] as const) {
      if (!isIn) nodes.push(resourceNode(ctx, key, { group: outsideGroup.key, showNamespace: true }));
    }
    edges.push({ from: relation.from, to: relation.to, label: relationEdgeLabel(relation.type), ...(relation.type.startsWith('allows') || relation.type === 'applies-to' ? { dashed: true } : {}) });
  }
  const nsHref = namespacePath(env.name, namespace);
  // Step 1: resources of other namespaces collapse per namespace, supporting kinds of this one per kind.
  const byKind = (node: DiagramNode): Aggregate | undefined => {
    if (!insideKeys.has(node.key)) {
      const other = parseResourceKey(node.key).namespace;
      return {
        key: `outside:${other ?? '_cluster'}`,
        label: other ? `Espace de noms ${other} ({n} éléments)` : 'Ressources de cluster ({n})',
        cls: 'other',
        href: namespacePath(env.name, other),
        group: outsideGroup.key,
      };
    }
    const kind = parseResourceKey(node.key).kind;
    if (!SUPPORTING_KINDS.has(kind)) return undefined;
    return { key: `kind:${kind}`, label: `${kindLabel(kind)} ×{n}`, cls: node.cls, href: nsHref };
  };
  const byApplication = (node: DiagramNode): Aggregate | undefined => {
    if (!insideKeys.has(node.key) && !node.key.startsWith('kind:')) return undefined;
    const app = applicationOf(env.byKey.get(node.key)) ?? 'autres';
    return { key: `app:${app}`, label: `Application ${app} ({n} éléments)`, cls: 'other', href: nsHref };
  };
  const full: Graph = { nodes, edges, groups: [outsideGroup] };
  const { graph, aggregated } = readable(full, [(g) => aggregateGraph(g, byKind), (g) => aggregateGraph(g, byApplication)]);
  const kinds = uniqueSorted(inside.map((r) => kindLabel(r.id.kind)));
  const description =
    `Espace de noms ${namespace} de l’environnement ${env.name} : ${plural(inside.length, 'ressource')} ` +
    `(${kinds.join(', ') || 'aucune'}) et leurs relations ; ${countText(graph)} dans le schéma.` +
    (aggregated ? ' Les ressources secondaires sont regroupées par type ou par application ; la liste complète est dans le tableau.' : '');
  return source(`namespace-${slug(env.name)}-${slug(namespace)}`, graph, `Espace de noms ${namespace} (${env.name})`, description);
}

const EDGE_WORDS: Partial<Record<string, string>> = {
  'routes-to': 'route',
  selects: 'sélectionne',
  'uses-configmap': 'config',
  'uses-secret': 'secret',
  'uses-pvc': 'volume',
  'uses-service-account': 'identité',
  'produces-secret': 'produit',
  'uses-storage-class': 'classe',
  scales: 'échelle',
  protects: 'protège',
  'applies-to': 'règle',
  'allows-from': 'autorise depuis',
  'allows-to': 'autorise vers',
  'stores-certificate': 'certificat',
  'issued-by': 'émis par',
  binds: 'rôle',
  'binds-subject': 'droits',
  deploys: 'déploie',
  'depends-on': 'attend',
  source: 'source',
  'backs-up': 'sauvegarde',
  'uses-database': 'base',
};

/** One short word per relation type on diagram edges; the resource pages give the full reason. */
export function relationEdgeLabel(type: string): string {
  return EDGE_WORDS[type] ?? type;
}

// ---------------------------------------------------------------------------------------------------------------
// c. Request path per public host

export function requestPathDiagram(model: Model, envName: string, host: string): DiagramSource {
  const ctx = envContext(model, envName);
  const endpoints = endpointsOf(ctx.env).filter((e) => e.host === host);
  const hostNode: DiagramNode = { key: `host:${host}`, label: host, cls: 'external', shape: 'stadium' };
  const nodes: DiagramNode[] = [hostNode];
  const edges: DiagramEdge[] = [];
  const pathsByRoute = new Map<string, Set<string>>();
  for (const e of endpoints) {
    nodes.push(resourceNode(ctx, e.route));
    pathsByRoute.set(e.route, (pathsByRoute.get(e.route) ?? new Set()).add(e.path));
    if (!e.service) continue;
    nodes.push(resourceNode(ctx, e.service));
    edges.push({ from: e.route, to: e.service, label: e.port ? `${e.path} → port ${e.port}` : e.path });
    for (const w of endpointWorkloads(ctx, e)) {
      nodes.push(resourceNode(ctx, w));
      edges.push({ from: e.service, to: w });
      for (const r of [...out(ctx, w, 'uses-pvc'), ...out(ctx, w, 'uses-database')]) {
        nodes.push(resourceNode(ctx, r.to));
        edges.push({ from: w, to: r.to, label: r.type === 'uses-pvc' ? 'volume' : 'base' });
      }
    }
  }
  for (const [route, paths] of pathsByRoute) {
    const tls = endpoints.find((e) => e.route === route && e.tls);
    edges.push({ from: hostNode.key, to: route, label: tls ? `HTTPS${tls.issuer ? ` (${tls.issuer})` : ''}` : 'HTTP' });
    void paths;
  }
  const graph = normalizeGraph({ nodes, edges, groups: [] });
  const services = uniqueSorted(endpoints.map((e) => e.service ?? '').filter(Boolean)).length;
  const description =
    `Chemin d’une requête vers ${host} dans l’environnement ${ctx.env.name} : ` +
    `${plural(new Set(endpoints.map((e) => e.route)).size, 'route')}, ${plural(services, 'service')}, puis les applications et leurs données ; ${countText(graph)}.`;
  return source(`request-${slug(ctx.env.name)}-${slug(host)}`, graph, `Chemin des requêtes vers ${host} (${ctx.env.name})`, description);
}

export function requestPathDiagrams(model: Model, envName: string): DiagramSource[] {
  const env = envContext(model, envName).env;
  const seen = new Set<string>();
  return publicHosts(env).map((host) => {
    const diagram = requestPathDiagram(model, envName, host);
    // `a.b` and `a-b` share a slug: the second one gets a hash so ids stay unique.
    const id = seen.has(diagram.id) ? `${diagram.id}-${stableHash(host)}` : diagram.id;
    seen.add(id);
    return { ...diagram, id };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// d. GitOps

const FLUX_KUSTOMIZE = 'kustomize.toolkit.fluxcd.io';

function fluxKustomizations(ctx: EnvContext): Resource[] {
  return resourcesOfKind(ctx.env, 'Kustomization', [FLUX_KUSTOMIZE]);
}

/** Flux Kustomizations in `dependsOn` order (dependencies first, ties by key); members of a cycle come last. */
export function fluxOrder(model: Model, envName: string): Resource[] {
  const ctx = envContext(model, envName);
  const all = fluxKustomizations(ctx);
  const keys = new Set(all.map((r) => r.key));
  const waitsFor = new Map(all.map((r) => [r.key, new Set(out(ctx, r.key, 'depends-on').map((d) => d.to).filter((k) => keys.has(k)))]));
  const done = new Set<string>();
  const order: Resource[] = [];
  for (;;) {
    const ready = all.filter((r) => !done.has(r.key) && [...waitsFor.get(r.key)!].every((d) => done.has(d)));
    if (ready.length === 0) break;
    for (const r of ready) done.add(r.key);
    order.push(...ready);
  }
  return [...order, ...all.filter((r) => !done.has(r.key))];
}

export function gitopsDiagram(model: Model, envName: string): DiagramSource {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const order = fluxOrder(model, envName);
  const releases = resourcesOfKind(env, 'HelmRelease', ['helm.toolkit.fluxcd.io']);
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  for (const owner of [...order, ...releases]) {
    nodes.push(resourceNode(ctx, owner.key));
    for (const s of out(ctx, owner.key, 'source')) {
      nodes.push(resourceNode(ctx, s.to));
      edges.push({ from: s.to, to: owner.key, label: 'source' });
    }
    for (const d of out(ctx, owner.key, 'depends-on')) edges.push({ from: d.to, to: owner.key, label: 'puis' });
  }
  for (const ks of order) {
    const perNamespace = new Map<string, number>();
    for (const d of out(ctx, ks.key, 'deploys')) {
      const target = parseResourceKey(d.to);
      if (target.kind === 'HelmRelease' || target.kind === 'Kustomization') {
        nodes.push(resourceNode(ctx, d.to));
        edges.push({ from: ks.key, to: d.to, label: 'déploie' });
        continue;
      }
      const ns = target.namespace ?? '_cluster';
      perNamespace.set(ns, (perNamespace.get(ns) ?? 0) + 1);
    }
    for (const [ns, count] of perNamespace) {
      const key = `deployed:${ns}`;
      nodes.push({
        key,
        label: ns === '_cluster' ? 'Ressources de cluster' : `Espace de noms ${ns}`,
        cls: 'other',
        shape: 'stadium',
        href: namespacePath(env.name, ns === '_cluster' ? undefined : ns),
      });
      edges.push({ from: ks.key, to: key, label: plural(count, 'ressource') });
    }
  }
  const full: Graph = { nodes, edges, groups: [] };
  const { graph } = readable(full, []);
  const names = order.map((r) => r.id.name);
  const description =
    `Déploiement GitOps de l’environnement ${env.name} : ${plural(order.length, 'Kustomization Flux', 'Kustomizations Flux')}` +
    (names.length > 0 ? ` appliquées dans l’ordre ${names.join(', puis ')}` : '') +
    `, ${plural(releases.length, 'release Helm', 'releases Helm')}, et ce que chacune déploie par espace de noms ; ${countText(graph)}.`;
  return source(`gitops-${slug(env.name)}`, graph, `GitOps : ce que Flux déploie dans l’environnement ${env.name}`, description);
}

// ---------------------------------------------------------------------------------------------------------------
// e. Data and backups

/** Where backups leave the cluster: CNPG ObjectStore / barmanObjectStore, k8up Schedule backend. */
export function backupDestination(resource: Resource): string | undefined {
  const spec = specOf(resource);
  if (resource.id.kind === 'ObjectStore') return asString(asRecord(spec.configuration)?.destinationPath);
  if (resource.id.kind === 'Cluster') return asString(asRecord(asRecord(spec.backup)?.barmanObjectStore)?.destinationPath);
  if (resource.id.kind === 'Schedule' && resource.id.group === 'k8up.io') {
    const s3 = asRecord(asRecord(spec.backend)?.s3);
    if (s3) return `${asString(s3.endpoint) ?? 's3'}/${asString(s3.bucket) ?? ''}`;
    const backend = asRecord(spec.backend) ?? {};
    const first = Object.keys(backend).find((k) => !k.endsWith('SecretRef'));
    return first ? `${first}` : undefined;
  }
  return undefined;
}

/** The ObjectStore a CNPG Cluster archives to through the Barman Cloud plugin. */
export function clusterObjectStore(ctx: EnvContext, cluster: Resource): string | undefined {
  for (const plugin of asRecords(specOf(cluster).plugins)) {
    const name = asString(asRecord(plugin.parameters)?.barmanObjectName);
    if (name) return resourceKey({ env: ctx.env.name, group: 'barmancloud.cnpg.io', kind: 'ObjectStore', namespace: cluster.id.namespace, name });
  }
  return undefined;
}

/** PVCs a k8up Schedule backs up: those of its namespace annotated `k8up.io/backup: "true"`. */
export function k8upVolumes(ctx: EnvContext, schedule: Resource): Resource[] {
  return (ctx.env.byKind.get('PersistentVolumeClaim') ?? []).filter(
    (p) => p.id.namespace === schedule.id.namespace && p.annotations['k8up.io/backup'] === 'true',
  );
}

const DATA_KINDS: [string, string][] = [
  ['', 'PersistentVolumeClaim'],
  ['postgresql.cnpg.io', 'Cluster'],
  ['postgresql.cnpg.io', 'ScheduledBackup'],
  ['barmancloud.cnpg.io', 'ObjectStore'],
  ['k8up.io', 'Schedule'],
];

export function dataDiagram(model: Model, envName: string): DiagramSource {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const groups = new Map<string, { key: string; label: string }>();
  const add = (key: string): void => {
    const ns = parseResourceKey(key).namespace;
    const node = resourceNode(ctx, key);
    if (ns) {
      const group = nsGroup(env.name, ns);
      groups.set(group.key, group);
      node.group = group.key;
    }
    nodes.push(node);
  };
  const destination = (from: string, url: string, label: string): void => {
    const key = `dest:${url}`;
    nodes.push({ key, label: url, cls: 'external', shape: 'cylinder' });
    edges.push({ from, to: key, label });
  };
  const data = DATA_KINDS.flatMap(([group, kind]) => (env.byKind.get(kind) ?? []).filter((r) => r.id.group === group));
  for (const r of data) add(r.key);
  for (const r of data) {
    for (const rel of out(ctx, r.key, 'uses-storage-class')) {
      add(rel.to);
      edges.push({ from: r.key, to: rel.to, label: 'classe' });
    }
    for (const rel of out(ctx, r.key, 'backs-up')) {
      add(rel.to);
      edges.push({ from: r.key, to: rel.to, label: 'sauvegarde' });
    }
    for (const rel of [...into(ctx, r.key, 'uses-pvc'), ...into(ctx, r.key, 'uses-database')]) {
      add(rel.from);
      edges.push({ from: rel.from, to: r.key });
    }
    if (r.id.kind === 'Cluster') {
      const store = clusterObjectStore(ctx, r);
      if (store) {
        add(store);
        edges.push({ from: r.key, to: store, label: 'archive' });
      }
      const storageClass = asString(asRecord(specOf(r).storage)?.storageClass);
      if (storageClass) {
        const key = resourceKey({ env: env.name, group: 'storage.k8s.io', kind: 'StorageClass', name: storageClass });
        add(key);
        edges.push({ from: r.key, to: key, label: 'classe' });
      }
    }
    if (r.id.kind === 'Schedule') for (const pvc of k8upVolumes(ctx, r)) edges.push({ from: r.key, to: pvc.key, label: 'sauvegarde' });
    const url = backupDestination(r);
    if (url) destination(r.key, url, 'envoie vers');
  }
  // Claims a StatefulSet creates per replica are not in the manifests: draw them from the workload's relations.
  for (const w of env.resources.filter(isWorkload)) {
    for (const rel of out(ctx, w.key, 'uses-pvc')) {
      if (env.byKey.has(rel.to)) continue;
      add(w.key);
      add(rel.to);
      edges.push({ from: w.key, to: rel.to, label: rel.detail?.size ?? 'volume' });
    }
  }
  const full: Graph = { nodes, edges, groups: [...groups.values()] };
  const { graph, aggregated } = readable(full, [(g) => aggregateGraph(g, namespaceAggregate(env.name))]);
  const count = (kind: string) => data.filter((r) => r.id.kind === kind).length;
  const description =
    `Données et sauvegardes de l’environnement ${env.name} : ${plural(count('PersistentVolumeClaim'), 'volume')}, ` +
    `${plural(count('Cluster'), 'cluster PostgreSQL', 'clusters PostgreSQL')}, ${plural(count('ScheduledBackup') + count('Schedule'), 'planning de sauvegarde', 'plannings de sauvegarde')} ` +
    `et leurs destinations hors du cluster ; ${countText(graph)}.` +
    (aggregated ? ' Chaque espace de noms est résumé en un nœud qui mène à son détail.' : '');
  return source(`data-${slug(env.name)}`, graph, `Données et sauvegardes (${env.name})`, description);
}

// ---------------------------------------------------------------------------------------------------------------
// f. Network flows

export function networkDiagram(model: Model, envName: string): DiagramSource {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const flows = networkFlows(ctx);
  const isolated = new Set(isolatedNamespaces(ctx));
  const nodes: DiagramNode[] = [];
  const endNode = (end: string): DiagramNode => {
    if (end.startsWith('ns:')) {
      const ns = end.slice(3);
      return {
        key: end,
        label: `Espace de noms ${ns}${isolated.has(ns) ? '' : ' (sans règle)'}`,
        cls: isolated.has(ns) ? 'policy' : 'other',
        href: namespacePath(env.name, ns),
      };
    }
    return { key: end, label: flowEndLabel(end), cls: 'external', shape: 'circle' };
  };
  const merged = new Map<string, Set<string>>();
  for (const flow of flows) {
    nodes.push(endNode(flow.from), endNode(flow.to));
    const id = `${flow.from}\u0000${flow.to}`;
    const ports = merged.get(id) ?? new Set<string>();
    for (const p of flow.ports) ports.add(p);
    merged.set(id, ports);
  }
  const edges: DiagramEdge[] = [...merged].map(([id, ports]) => {
    const [from, to] = id.split('\u0000');
    const list = uniqueSorted(ports);
    return { from, to, label: list.includes('tous') ? 'tous ports' : list.length > 3 ? `${list.slice(0, 3).join(', ')} +${list.length - 3}` : list.join(', ') };
  });
  const graph = normalizeGraph({ nodes, edges, groups: [] });
  const description =
    `Flux réseau autorisés par les NetworkPolicies de l’environnement ${env.name} : ${plural(isolated.size, 'espace de noms isolé', 'espaces de noms isolés')}, ` +
    `${plural(edges.length, 'flux autorisé', 'flux autorisés')} entre espaces de noms, Internet ou des plages d’adresses.`;
  return source(`network-${slug(env.name)}`, graph, `Flux réseau autorisés (${env.name})`, description);
}

/** Every diagram of an environment, in a stable order. */
/** The four views of a whole environment: overview, GitOps, data and backups, network flows. */
export function environmentViews(model: Model, envName: string): DiagramSource[] {
  return [overviewDiagram(model, envName), gitopsDiagram(model, envName), dataDiagram(model, envName), networkDiagram(model, envName)];
}

/** Every diagram of an environment: its four views, one request path per public host, one per namespace. */
export function environmentDiagrams(model: Model, envName: string): DiagramSource[] {
  const env = envContext(model, envName).env;
  return [
    ...environmentViews(model, envName),
    ...requestPathDiagrams(model, envName),
    ...env.namespaces.map((ns) => namespaceDiagram(model, envName, ns)),
  ];
}

export { environmentPath, compareText };
