// Everything a resource page shows: summary, relations both ways with their reasons, a neighbourhood diagram, the
// YAML as written (secret values masked), where it was written, and the findings about it.
import { stringify } from 'yaml';
import {
  compareText,
  DocumentationError,
  endpointsOf,
  imageSlotsOf,
  kindLabel,
  MASKED,
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
import { normalizeGraph, slug, worthDrawing, type DiagramEdge, type DiagramGroup, type DiagramNode, type DiagramView, type Graph } from './diagram.ts';
import { elsewhereLabel, resourceLabel } from './diagrams/shared.ts';
import { envContext, findingsOf, identityOf, into, out, resourceNode, uniqueSorted, type EnvContext, type ResourceIdentity } from './context.ts';
import { RELATION_WORDS, relationLabel } from './wording.ts';
import { namespacePath, parseResourceKey, resourcePath, resourcePathSegments } from './paths.ts';
import { describeCron } from './schedule.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from './links.ts';

export { MASKED };

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

/** Relation frames in the order a reader expects them: traffic first, then configuration, data, rules, GitOps. */
const RELATION_ORDER = Object.keys(RELATION_WORDS) as Relation['type'][];

/** Past this many neighbours of one relation, a frame lists them per namespace or per kind instead of one by one. */
const FRAME_MEMBERS = 8;

/**
 * Whether a resource's neighbourhood is drawn: from three neighbours on. With two — most resources are deployed by a
 * Kustomization and used by one workload — the drawing says what the two rows of the relations table say, and on a
 * phone it takes a screen's height to say it (122 of FFE's 222 resource pages).
 */
export function drawsNeighbourhood(graph: Graph): boolean {
  return worthDrawing(graph) && graph.nodes.length >= 4;
}

/**
 * The resource and its direct neighbours, top to bottom and narrow: a frame of what points at it, the resource, a
 * frame of what it points at. Inside each, one frame per relation, titled as the resource sees it (« sélectionné
 * par », « utilise le secret (2) »); a long list becomes counts per namespace or per kind.
 */
export function neighbourhoodDiagram(model: Model, key: string): DiagramView {
  const id = parseResourceKey(key);
  const ctx = envContext(model, id.env);
  const self: DiagramNode = { ...resourceNode(ctx, key), label: resourceLabel(id, id.name), shape: 'hexagon' };
  const nodes: DiagramNode[] = [self];
  const edges: DiagramEdge[] = [];
  const groups: DiagramGroup[] = [];
  // In a frame whose members share a kind, the kind is said once, in the title, and each member is its name.
  const neighbourNode = (other: string, kindInTitle: boolean): DiagramNode => {
    const o = parseResourceKey(other);
    const elsewhere = o.namespace && o.namespace !== id.namespace ? o.namespace : undefined;
    const label = kindInTitle ? (elsewhere ? `${elsewhere}/${o.name}` : o.name) : elsewhere ? elsewhereLabel(o, elsewhere, o.name) : resourceLabel(o, o.name);
    return { ...resourceNode(ctx, other), label };
  };
  const sides: ['outgoing' | 'incoming', Relation[]][] = [
    ['incoming', into(ctx, key)],
    ['outgoing', out(ctx, key)],
  ];
  const name = `${kindLabel(id)} ${id.name}`;
  const containers = { incoming: `Pointent vers ${name}`, outgoing: `${name} pointe vers` };
  for (const [direction, relations] of sides) {
    const container = `side:${direction}`;
    const byType = new Map<Relation['type'], string[]>();
    for (const r of relations) {
      const other = direction === 'outgoing' ? r.to : r.from;
      if (other === key) continue;
      byType.set(r.type, uniqueSorted([...(byType.get(r.type) ?? []), other]));
    }
    if (byType.size === 0) continue;
    groups.push({ key: container, label: containers[direction], direction: 'LR' });
    // The arrow only points the way the frame's title says: no sentence of its own in the text version.
    edges.push(direction === 'outgoing' ? { from: key, to: container, meaning: '' } : { from: container, to: key, meaning: '' });
    for (const [type, others] of byType) {
      // The frame's title names the relation as the resource sees it; dagre stacks frames in the reverse order of
      // their keys, hence the index counting down.
      const frame = `${container}/${String(99 - RELATION_ORDER.indexOf(type)).padStart(2, '0')}:${type}`;
      const kinds = uniqueSorted(others.map((o) => parseResourceKey(o).kind));
      const oneKind = others.length > 1 && kinds.length === 1;
      const title = `${relationLabel(type, direction)}${others.length > 1 ? ` (${others.length})` : ''}`;
      groups.push({ key: frame, label: title, parent: container, direction: 'LR', order: RELATION_ORDER.indexOf(type) });
      if (others.length <= FRAME_MEMBERS) {
        for (const other of others) nodes.push({ ...neighbourNode(other, oneKind), group: frame });
      } else {
        // Counted per namespace when they span several (what a Kustomization deploys), per kind otherwise.
        const namespaces = uniqueSorted(others.map((o) => parseResourceKey(o).namespace ?? ''));
        const bucket = (o: string) => (namespaces.length > 1 ? (parseResourceKey(o).namespace ?? '') : `${parseResourceKey(o).group}/${parseResourceKey(o).kind}`);
        const counts = new Map<string, number>();
        for (const o of others) counts.set(bucket(o), (counts.get(bucket(o)) ?? 0) + 1);
        for (const [name, count] of counts) {
          nodes.push({
            key: `${frame}#${name}`,
            label: namespaces.length > 1 ? `${name || 'niveau cluster'} : ${plural(count, 'ressource')}` : `${kindLabel({ group: name.slice(0, name.lastIndexOf('/')), kind: name.slice(name.lastIndexOf('/') + 1) })} ×${count}`,
            cls: 'other',
            shape: 'stadium',
            group: frame,
            ...(namespaces.length > 1 ? { href: namespacePath(id.env, name || undefined) } : {}),
          });
        }
      }
    }
  }
  const graph: Graph = normalizeGraph({ nodes, edges, groups, direction: 'TB', layout: 'dagre' });
  const neighbours = uniqueSorted([...out(ctx, key).map((r) => r.to), ...into(ctx, key).map((r) => r.from)].filter((k) => k !== key)).length;
  return {
    id: `resource-${slug(id.env)}-${slug(id.namespace ?? '_cluster')}-${slug(id.kind)}-${slug(id.name)}`,
    // « Voisinage de Espace de noms … » would need an elision per kind: a colon reads right for every kind.
    title: `Voisinage : ${name}`,
    description:
      `${name}${id.namespace ? ` (espace de noms ${id.namespace})` : ''} et ${plural(neighbours, 'voisin direct', 'voisins directs')} : ` +
      `${plural(out(ctx, key).length, 'relation sortante', 'relations sortantes')}, ${plural(into(ctx, key).length, 'relation entrante', 'relations entrantes')}. ` +
      'Au-dessus ce qui pointe vers la ressource, en dessous ce vers quoi elle pointe, dans un cadre par relation.',
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
