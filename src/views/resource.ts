// Everything a resource page shows: summary, relations both ways with their reasons, a neighbourhood diagram, the
// YAML as written (secret values masked), where it was written, and the findings about it.
import { stringify } from 'yaml';
import {
  compareText,
  DocumentationError,
  endpointsOf,
  imageSlotsOf,
  kindLabel,
  plural,
  podsOf,
  redactObject as redact,
  schedulesOf,
  serviceOf,
  type Finding,
  type KubeObject,
  type Model,
  type Relation,
  type Resource,
} from '../infra/index.ts';
import { aggregateGraph, normalizeGraph, READABLE_NODES, slug, type DiagramNode, type DiagramView, type Graph } from './diagram.ts';
import { envContext, findingsOf, identityOf, into, out, resourceNode, uniqueSorted, type EnvContext, type ResourceIdentity } from './context.ts';
import { relationEdgeLabel, relationLabel } from './wording.ts';
import { parseResourceKey, resourcePath, resourcePathSegments } from './paths.ts';
import { describeCron } from './schedule.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from './links.ts';

export const MASKED = '••• masqué •••';

export interface RelationRow {
  type: Relation['type'];
  /** French wording from this resource's point of view: « route vers », « sélectionné par »… */
  label: string;
  reason: string;
  other: ResourceLink;
  otherKindLabel: string;
  /** The other end is not defined in the manifests (provided by the cluster, a chart or an operator). */
  external: boolean;
  /** For a Secret made at run time from something of the manifests (a SealedSecret, a database cluster…): that maker. */
  producedBy?: ResourceLink;
  detail?: Record<string, string>;
}

export interface ResourceSummary extends ResourceIdentity {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  images: string[];
  replicas?: string;
  ports: string[];
  hosts: string[];
  schedule?: string;
}

export interface ResourceView {
  key: string;
  env: string;
  href: string;
  title: string;
  summary: ResourceSummary;
  outgoing: RelationRow[];
  incoming: RelationRow[];
  diagram: DiagramView;
  yaml: string;
  source: SourceLink;
  findings: Finding[];
}

/** Secret values never reach the site, even the encrypted ones: keys stay, values are replaced. */
export function redactObject(object: KubeObject): KubeObject {
  return redact(object, MASKED);
}

export function resourceYaml(resource: Resource): string {
  return stringify(redactObject(resource.object), { lineWidth: 0, aliasDuplicateObjects: false });
}

function relationRows(ctx: EnvContext, relations: Relation[], direction: 'outgoing' | 'incoming'): RelationRow[] {
  return relations
    .map((r) => {
      const otherKey = direction === 'outgoing' ? r.to : r.from;
      const other = parseResourceKey(otherKey);
      const producer = r.detail?.producedBy;
      return {
        type: r.type,
        label: relationLabel(r.type, direction),
        reason: r.reason,
        other: resourceLink(ctx, otherKey),
        otherKindLabel: kindLabel(other),
        external: !ctx.env.byKey.has(otherKey),
        ...(producer && ctx.env.byKey.has(producer) ? { producedBy: resourceLink(ctx, producer) } : {}),
        ...(r.detail ? { detail: r.detail } : {}),
      };
    })
    .sort((a, b) => compareText(a.type, b.type) || compareText(a.other.key, b.other.key) || compareText(a.reason, b.reason));
}

function portsOf(resource: Resource): string[] {
  if (resource.id.kind === 'Service' && resource.id.group === '') {
    return serviceOf(resource.object).ports.map(
      (p) => `${p.name ? `${p.name} ` : ''}${p.port}${p.targetPort !== p.port ? ` → ${p.targetPort}` : ''}/${p.protocol ?? 'TCP'}`,
    );
  }
  return (podsOf(resource)?.containers ?? []).flatMap((c) =>
    c.ports.map((p) => `${c.name} : ${p.name ? `${p.name} ` : ''}${p.containerPort ?? '?'}/${p.protocol ?? 'TCP'}`),
  );
}

function imagesOf(resource: Resource): string[] {
  return uniqueSorted(imageSlotsOf(resource).map((slot) => slot.image));
}

/** How many pods: the autoscaler's range when one scales it, else what the resource says. */
function replicasOf(ctx: EnvContext, resource: Resource): string | undefined {
  const scaler = into(ctx, resource.key, 'scales')[0];
  if (scaler?.detail?.minReplicas && scaler.detail.maxReplicas) return `${scaler.detail.minReplicas} à ${scaler.detail.maxReplicas} (mise à l’échelle automatique)`;
  const replicas = podsOf(resource)?.replicas;
  switch (replicas?.by) {
    case 'node':
      return 'un par nœud';
    case 'instances':
      return `${replicas.count} instance${replicas.count > 1 ? 's' : ''}`;
    case 'replicas':
      return String(replicas.count);
    default:
      return undefined;
  }
}

/** Hosts that reach this resource: its own rules for a route, routed hosts for a Service, and for a workload. */
function hostsOf(ctx: EnvContext, resource: Resource): string[] {
  const endpoints = endpointsOf(ctx.env);
  const services = new Set<string>([resource.key, ...into(ctx, resource.key, 'selects').map((r) => r.from)]);
  return uniqueSorted(
    endpoints.filter((e) => e.route === resource.key || (e.service && services.has(e.service))).map((e) => `${e.host}${e.path}`),
  );
}

function scheduleOf(resource: Resource): string | undefined {
  const schedule = schedulesOf(resource).find((s) => s.expression !== '');
  if (!schedule) return undefined;
  return `${describeCron(schedule.expression).text} (${schedule.expression}${schedule.timeZone ? `, ${schedule.timeZone}` : ''})`;
}

/** Annotations kustomize or kubectl add are noise on a documentation page. */
function visibleAnnotations(annotations: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations).filter(([k]) => !k.startsWith('config.kubernetes.io/') && !k.startsWith('internal.config.kubernetes.io/') && k !== 'kubectl.kubernetes.io/last-applied-configuration'),
  );
}

/** The resource and its direct neighbours; past READABLE_NODES neighbours are grouped per kind. */
export function neighbourhoodDiagram(model: Model, key: string): DiagramView {
  const id = parseResourceKey(key);
  const ctx = envContext(model, id.env);
  const self = { ...resourceNode(ctx, key), shape: 'hexagon' as const };
  const nodes: DiagramNode[] = [self];
  const edges = [];
  for (const r of [...out(ctx, key), ...into(ctx, key)]) {
    const other = r.from === key ? r.to : r.from;
    if (other !== key) nodes.push(resourceNode(ctx, other, { showNamespace: parseResourceKey(other).namespace !== id.namespace }));
    edges.push({ from: r.from, to: r.to, label: relationEdgeLabel(r.type) });
  }
  let graph: Graph = normalizeGraph({ nodes, edges, groups: [] });
  if (graph.nodes.length > READABLE_NODES) {
    graph = aggregateGraph(graph, (node) => {
      if (node.key === key) return undefined;
      const other = parseResourceKey(node.key);
      return { key: `kind:${other.kind}`, label: `${kindLabel(other)} ×{n}`, cls: node.cls };
    });
  }
  const neighbours = graph.nodes.length - 1;
  const name = `${kindLabel(id)} ${id.name}`;
  return {
    id: `resource-${slug(id.env)}-${slug(id.namespace ?? '_cluster')}-${slug(id.kind)}-${slug(id.name)}`,
    title: `Voisinage de ${name}`,
    description:
      `${name}${id.namespace ? ` (espace de noms ${id.namespace})` : ''} et ${plural(neighbours, 'voisin direct', 'voisins directs')} : ` +
      `${plural(out(ctx, key).length, 'relation sortante', 'relations sortantes')}, ${plural(into(ctx, key).length, 'relation entrante', 'relations entrantes')}.`,
    graph,
  };
}

export function resourceView(model: Model, key: string): ResourceView {
  const id = parseResourceKey(key);
  const ctx = envContext(model, id.env);
  const resource = ctx.env.byKey.get(key);
  if (!resource) {
    throw new DocumentationError(
      `Ressource « ${key} » absente de l’environnement ${id.env}.`,
      'Une page de ressource ne se construit que pour une ressource des manifestes : citez-en une qui existe.',
    );
  }
  const replicas = replicasOf(ctx, resource);
  const schedule = scheduleOf(resource);
  return {
    key,
    env: id.env,
    href: resourcePath(resource),
    title: `${kindLabel(id)} ${id.name}`,
    summary: {
      ...identityOf(resource),
      labels: resource.labels,
      annotations: visibleAnnotations(resource.annotations),
      images: imagesOf(resource),
      ...(replicas ? { replicas } : {}),
      ports: portsOf(resource),
      hosts: hostsOf(ctx, resource),
      ...(schedule ? { schedule } : {}),
    },
    outgoing: relationRows(ctx, out(ctx, key), 'outgoing'),
    incoming: relationRows(ctx, into(ctx, key), 'incoming'),
    diagram: neighbourhoodDiagram(model, key),
    yaml: resourceYaml(resource),
    source: sourceLink(resource.source),
    findings: findingsOf(model, key),
  };
}

export interface ResourcePage {
  key: string;
  href: string;
  params: { env: string; namespace: string; kind: string; name: string };
}

/**
 * One page per resource, for getStaticPaths. Two resources that would share an address (same kind name in two API
 * groups) keep the first in key order; `collisions` lists the others so the build can say so.
 */
export function resourcePages(model: Model): { pages: ResourcePage[]; collisions: string[] } {
  const seen = new Set<string>();
  const pages: ResourcePage[] = [];
  const collisions: string[] = [];
  for (const env of model.environments) {
    for (const r of env.resources) {
      const href = resourcePath(r);
      if (seen.has(href)) {
        collisions.push(r.key);
        continue;
      }
      seen.add(href);
      pages.push({ key: r.key, href, params: resourcePathSegments(r) });
    }
  }
  return { pages, collisions };
}
