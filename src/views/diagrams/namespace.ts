// One namespace of an environment: how its parts hold together, top to bottom (route → Service → workload → its
// configuration, secrets and data → backups). What is not that idea leaves the edges: who deployed the namespace, which
// issuer signs its certificates and which storage class holds its volumes are said once (caption or node text); a
// Secret made at run time is drawn as what makes it; network rules and resources nothing links to are framed apart.
import { endpointsOf, kindEntry, kindLabel, nodeClassOf, plural, type Model, type Relation } from '../../infra/index.ts';
import { aggregateGraph, slug, type Aggregate, type DiagramEdge, type DiagramGroup, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { applicationOf, envContext, out, resourceNode, uniqueSorted, type EnvContext } from '../context.ts';
import { clusterObjectStore } from '../backups.ts';
import { relationLabel, relationSentence } from '../wording.ts';
import { namespacePath, parseResourceKey, resourcePath } from '../paths.ts';
import { gridEdges } from './grid.ts';
import { diagramView, elsewhereLabel, lines, listText, readable, resourceLabel, sizeText, elementsText } from './shared.ts';

/** The registry entry of a node's resource (none for a node that stands for something else). */
function entryOf(node: DiagramNode | string): ReturnType<typeof kindEntry> {
  try {
    const id = parseResourceKey(typeof node === 'string' ? node : node.key);
    return kindEntry(id.group, id.kind);
  } catch {
    return undefined;
  }
}

/** Kinds that support an application rather than being one: collapsed per kind first when a namespace is big. */
const supporting = (node: DiagramNode | string): boolean => entryOf(node)?.supporting === true;

/** What a workload uses and nothing else does (its configuration, its volumes): stacked under it rather than spread in a row. */
const used = (node: DiagramNode): boolean => supporting(node) || entryOf(node)?.data === 'volume';

/** Relations this view says otherwise than with an edge. */
const NOT_DRAWN = new Set<Relation['type']>(['deploys', 'applies-to', 'allows-from', 'allows-to', 'issued-by', 'stores-certificate', 'uses-storage-class']);

// Dagre stacks the frames of a left-to-right graph in the reverse order of their keys: the linked resources first
// (largest group first), then what several use, the network rules, and what nothing links to.
const LINKED = 'part:3-';
const SHARED = 'part:2-shared';
const POLICIES = 'part:2-policies';
const LOOSE = 'part:1-loose';
const OUTSIDE = 'outside';
/** Past this many, the loose resources of a summed-up namespace are counted per kind. */
const LOOSE_SHOWN = 9;

function hostsText(hosts: string[]): string | undefined {
  if (hosts.length === 0) return undefined;
  return hosts.length <= 2 ? hosts.join(', ') : `${hosts[0]} +${hosts.length - 1}`;
}

/** « la Kustomization Flux apps » for the caption. */
function resourceName(key: string): string {
  const id = parseResourceKey(key);
  return `${kindLabel(id)} ${id.name}`;
}

type Resource = EnvContext['env']['resources'][number];
type Link = { from: string; to: string; type: Relation['type'] };

/** The resources of the namespace, each with what it alone says: its hosts, its issuer or class when they differ. */
function insideNodes(ctx: EnvContext, inside: readonly Resource[], insideKeys: Set<string>, issuers: string[], classes: string[]): DiagramNode[] {
  const routeHosts = new Map<string, string[]>();
  for (const e of endpointsOf(ctx.env)) if (insideKeys.has(e.route) && e.host !== '*') routeHosts.set(e.route, uniqueSorted([...(routeHosts.get(e.route) ?? []), e.host]));
  const nodes: DiagramNode[] = [];
  for (const r of inside) {
    const details: string[] = [];
    const hosts = hostsText(routeHosts.get(r.key) ?? []);
    if (hosts) details.push(hosts);
    if (issuers.length > 1) for (const i of out(ctx, r.key, 'issued-by')) details.push(`TLS ${parseResourceKey(i.to).name}`);
    if (classes.length > 1) for (const c of out(ctx, r.key, 'uses-storage-class')) details.push(`classe ${parseResourceKey(c.to).name}`);
    // What a Kustomization of this namespace deploys elsewhere is counted in it, not drawn.
    const elsewhere = out(ctx, r.key, 'deploys').filter((d) => !insideKeys.has(d.to));
    if (elsewhere.length > 0) {
      const spaces = uniqueSorted(elsewhere.map((d) => parseResourceKey(d.to).namespace ?? 'cluster'));
      // Over two lines, which mermaid would otherwise wrap at its own width, mid-phrase.
      details.push(`déploie ${plural(elsewhere.length, 'ressource')}\n(${spaces.length <= 2 ? spaces.join(', ') : plural(spaces.length, 'espace de noms', 'espaces de noms')})`);
    }
    // One detail a line; the name on one line when the detail takes two, so that the node stays three lines high.
    const detail = details.join('\n');
    const label = detail.includes('\n') ? resourceLabel(r.id, r.id.name, Number.MAX_SAFE_INTEGER) : resourceLabel(r.id, r.id.name);
    const node: DiagramNode = { ...resourceNode(ctx, r.key), label, ...(detail ? { detail } : {}) };
    if (r.id.kind === 'NetworkPolicy') node.label = r.id.name;
    nodes.push(node);
  }
  return nodes;
}

/** The relations drawn as edges, once per pair and type; a Secret made at run time is drawn as what makes it. */
function drawnLinks(ctx: EnvContext, touching: readonly Relation[], insideKeys: Set<string>, kustomizations: string[], sharedSource: string | undefined): Link[] {
  const madeBy = new Map<string, string>();
  for (const r of touching) if (r.type === 'produces-secret' && insideKeys.has(r.from) && !ctx.env.byKey.has(r.to)) madeBy.set(r.to, r.from);
  const drawnKey = (key: string) => madeBy.get(key) ?? key;
  const links: Link[] = [];
  for (const relation of touching) {
    if (NOT_DRAWN.has(relation.type) || relation.type === 'produces-secret') continue;
    if (relation.type === 'source' && relation.to === sharedSource && kustomizations.includes(relation.from)) continue;
    const from = drawnKey(relation.from);
    const to = drawnKey(relation.to);
    if (from !== to && !links.some((l) => l.from === from && l.to === to && l.type === relation.type)) links.push({ from, to, type: relation.type });
  }
  return links;
}

/**
 * The links as edges, adding the resources of elsewhere they reach. A resource of another namespace that only points
 * at one of this one (a HelmRelease reading a HelmRepository of flux-system) is written in that node instead:
 * « source de cert-manager/cert-manager ».
 */
function linkEdges(ctx: EnvContext, namespace: string, links: readonly Link[], nodes: DiagramNode[], insideKeys: Set<string>): DiagramEdge[] {
  const degree = new Map<string, number>();
  for (const l of links) for (const k of [l.from, l.to]) degree.set(k, (degree.get(k) ?? 0) + 1);
  const written = new Map<string, Map<string, string[]>>();
  for (const l of links) {
    if (insideKeys.has(l.from) || !insideKeys.has(l.to) || degree.get(l.from) !== 1) continue;
    const id = parseResourceKey(l.from);
    const byType = written.get(l.to) ?? new Map<string, string[]>();
    const words = relationLabel(l.type, 'incoming');
    byType.set(words, [...(byType.get(words) ?? []), id.name]);
    written.set(l.to, byType);
  }
  for (const [key, byType] of written) {
    const node = nodes.find((n) => n.key === key);
    if (!node) continue;
    // The name on one line, so that the node stays two or three lines high.
    node.label = node.label.replace('\n', ' ');
    node.detail = lines(node.detail, [...byType].map(([words, names]) => `${words} ${listText(uniqueSorted(names))}`).join(' ; '));
  }
  const edges: DiagramEdge[] = [];
  for (const l of links) {
    if (written.has(l.to) && !insideKeys.has(l.from) && degree.get(l.from) === 1) continue;
    for (const key of [l.from, l.to]) {
      if (insideKeys.has(key)) continue;
      const id = parseResourceKey(key);
      const elsewhere = id.namespace && id.namespace !== namespace ? id.namespace : undefined;
      // A resource of this namespace made outside the manifests (the Secret `flux bootstrap` writes) stays with the
      // others, drawn dashed as everything the manifests do not define; another namespace's or the cluster's is framed.
      const outside = elsewhere !== undefined || id.namespace === undefined;
      nodes.push({ ...resourceNode(ctx, key), label: elsewhere ? elsewhereLabel(id, elsewhere, id.name) : resourceLabel(id, id.name), ...(outside ? { group: OUTSIDE } : {}) });
    }
    // No label: the kinds at both ends say what the link is; the text version spells it out. A dependency points the
    // way things are applied, as on the GitOps diagram.
    const [from, to, meaning] = l.type === 'depends-on' ? [l.to, l.from, 'est appliquée avant'] : [l.from, l.to, relationSentence(l.type)];
    // Two relations between the same ends (a workload using a database and the Secret it makes) are one edge.
    const same = edges.find((e) => e.from === from && e.to === to);
    if (same) same.meaning = `${same.meaning} et ${meaning}`;
    else edges.push({ from, to, meaning });
  }
  return edges;
}

/**
 * How a big namespace is made readable: step 1, resources of other namespaces collapse per namespace, supporting kinds
 * of this one per kind; step 2, what is left per application.
 */
function namespaceAggregations(ctx: EnvContext, namespace: string, insideKeys: Set<string>): ((graph: Graph) => Graph)[] {
  const env = ctx.env;
  const nsHref = namespacePath(env.name, namespace);
  const byKind = (node: DiagramNode): Aggregate | undefined => {
    const other = parseResourceKey(node.key).namespace;
    if (!insideKeys.has(node.key) && other !== namespace) {
      return {
        key: `outside:${other ?? '_cluster'}`,
        label: other ? `Espace de noms ${other}` : 'Ressources de cluster',
        detail: elementsText,
        cls: 'other',
        href: namespacePath(env.name, other),
        group: OUTSIDE,
      };
    }
    const id = parseResourceKey(node.key);
    if (!supporting(node)) return undefined;
    return { key: `kind:${id.kind}`, label: `${kindLabel(id)} ×{n}`, cls: node.cls, href: nsHref };
  };
  const byApplication = (node: DiagramNode): Aggregate | undefined => {
    if (!insideKeys.has(node.key) && !node.key.startsWith('kind:')) return undefined;
    const app = applicationOf(env.byKey.get(node.key)) ?? 'autres';
    return { key: `app:${app}`, label: `Application ${app}`, detail: elementsText, cls: 'other', href: nsHref };
  };
  return [(g) => aggregateGraph(g, byKind), (g) => aggregateGraph(g, byApplication)];
}

export function namespaceDiagram(model: Model, envName: string, namespace: string): DiagramView {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const inside = env.resources.filter((r) => r.id.namespace === namespace);
  const insideKeys = new Set(inside.map((r) => r.key));
  const touching = ctx.relations.filter((r) => insideKeys.has(r.from) || insideKeys.has(r.to));
  const issuers = uniqueSorted(touching.filter((r) => r.type === 'issued-by').map((r) => parseResourceKey(r.to).name));
  const classes = uniqueSorted(touching.filter((r) => r.type === 'uses-storage-class').map((r) => parseResourceKey(r.to).name));
  const nodes = insideNodes(ctx, inside, insideKeys, issuers, classes);

  const deployers = new Map<string, number>();
  for (const r of touching) if (r.type === 'deploys' && insideKeys.has(r.to)) deployers.set(r.from, (deployers.get(r.from) ?? 0) + 1);
  // One source read by every Kustomization of the namespace is said once, not drawn N times.
  const kustomizations = inside.filter((r) => r.id.kind === 'Kustomization').map((r) => r.key);
  const sources = uniqueSorted(touching.filter((r) => r.type === 'source' && kustomizations.includes(r.from)).map((r) => r.to));
  const sharedSource =
    kustomizations.length >= 2 && sources.length === 1 && kustomizations.every((k) => touching.some((r) => r.type === 'source' && r.from === k)) ? sources[0] : undefined;

  const edges = linkEdges(ctx, namespace, drawnLinks(ctx, touching, insideKeys, kustomizations, sharedSource), nodes, insideKeys);
  // A database cluster archives to its object store through a plugin parameter, which no relation records.
  for (const cluster of inside.filter((r) => r.id.kind === 'Cluster' && r.id.group === 'postgresql.cnpg.io')) {
    const store = clusterObjectStore(ctx, cluster);
    if (store && insideKeys.has(store)) edges.push({ from: cluster.key, to: store, meaning: 'archive ses journaux et ses copies complètes dans' });
  }

  const flat: Graph = { nodes, edges, groups: [{ key: OUTSIDE, label: 'Hors de l’espace de noms' }] };
  const steps = namespaceAggregations(ctx, namespace, insideKeys);
  const { graph: small, aggregated } = readable(flat, steps);
  const graph = framed(small, insideKeys);
  // Coarser drawings for a namespace too big for the page: supporting resources per kind, then each group of linked
  // resources as one node leading to its main resource's page.
  const byKind = aggregated ? graph : framed(steps[0](flat), insideKeys);
  const coarser = [...(aggregated ? [] : [byKind]), partsGraph(env.name, namespace, byKind, insideKeys), kindsGraph(env.name, namespace, inside)];

  const caption = namespaceCaption(ctx, namespace, deployers, inside.length, issuers, classes, sharedSource);
  const kinds = uniqueSorted(inside.map((r) => kindLabel(r.id)));
  const description =
    `Espace de noms ${namespace} de l’environnement ${env.name} : ${plural(inside.length, 'ressource')} ` +
    `(${kinds.join(', ') || 'aucune'}) et ${inside.length > 1 ? 'leurs' : 'ses'} relations ; ${sizeText(graph)} dans le schéma.` +
    (aggregated ? ' Les ressources secondaires sont regroupées par type ou par application ; la liste complète est dans le tableau.' : '') +
    (caption ? ` ${caption}` : '');
  const id = `namespace-${slug(env.name)}-${slug(namespace)}`;
  const title = `Espace de noms ${namespace} (${env.name})`;
  const summaryCaption = 'Chaque nœud est une ressource et ce qui s’y rattache : il mène à sa page, qui en dessine le détail.';
  return {
    ...diagramView(id, graph, title, description),
    ...(caption ? { caption } : {}),
    coarser: coarser.map((level, i) => {
      const kind = i === coarser.length - 1 ? 'types' : i === coarser.length - 2 ? 'parts' : 'secondary';
      const said = [kind === 'parts' ? summaryCaption : kind === 'types' ? 'Un nœud par type de ressource ; le tableau les liste toutes.' : undefined, caption].filter(Boolean).join(' ');
      const text =
        `Espace de noms ${namespace} de l’environnement ${env.name} : ${plural(inside.length, 'ressource')} ; ${sizeText(level)} dans le schéma. ` +
        (kind === 'types'
          ? 'Trop de ressources pour les dessiner : elles sont comptées par type ; la liste complète est dans le tableau.'
          : (kind === 'parts' ? 'Chaque groupe de ressources liées est résumé en un nœud qui mène à la page de sa ressource principale ; ' : '') +
            'les ressources secondaires sont regroupées par type ; la liste complète est dans le tableau.');
      return { ...diagramView(`${id}--${kind === 'secondary' ? 'types-secondaires' : kind === 'parts' ? 'resume' : 'types'}`, level, title, text), ...(said ? { caption: said } : {}) };
    }),
  };
}

/** The namespace's resources counted per kind, one node each, leading to the namespace's table of resources. */
function kindsGraph(envName: string, namespace: string, inside: readonly Resource[]): Graph {
  const FRAME = 'kinds';
  const counts = new Map<string, { label: string; count: number; cls: DiagramNode['cls'] }>();
  for (const r of inside) {
    const label = kindLabel(r.id);
    const entry = counts.get(label) ?? { label, count: 0, cls: nodeClassOf(r.id) };
    entry.count++;
    counts.set(label, entry);
  }
  const href = `${namespacePath(envName, namespace)}#ressources`;
  const nodes = [...counts.values()]
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1))
    .map((k): DiagramNode => ({ key: `kind:${k.label}`, label: k.label, detail: plural(k.count, 'ressource'), cls: k.cls, shape: 'stadium', group: FRAME, href }));
  return { nodes, edges: gridEdges(nodes), groups: [{ key: FRAME, label: `Espace de noms ${namespace}, par type`, direction: 'LR' }], direction: 'TB', layout: 'dagre' };
}

/** The main resource of a group of linked ones: an application's rather than a supporting kind, the most linked. */
function rootOf(members: readonly DiagramNode[], degree: ReadonlyMap<string, number>): DiagramNode {
  return [...members].sort(
    (a, b) =>
      Number(supporting(a)) - Number(supporting(b)) ||
      (degree.get(b.key) ?? 0) - (degree.get(a.key) ?? 0) ||
      (a.key < b.key ? -1 : 1),
  )[0];
}

/**
 * A framed namespace graph (framed()) summed up: each frame of linked resources becomes one node named after its main
 * resource, counting what it holds and leading to that resource's page; the other frames keep their nodes. Every frame
 * lays its nodes in rows that fit the column, the frames stacked top to bottom.
 */
function partsGraph(envName: string, namespace: string, graph: Graph, insideKeys: Set<string>): Graph {
  const degree = new Map<string, number>();
  for (const e of graph.edges) if (!e.invisible) for (const k of [e.from, e.to]) degree.set(k, (degree.get(k) ?? 0) + 1);
  const topOf = (group: string | undefined): string | undefined => {
    let g = group;
    for (let depth = 0; g && depth < 8; depth++) {
      const parent = graph.groups.find((x) => x.key === g)?.parent;
      if (!parent) return g;
      g = parent;
    }
    return g;
  };
  const PARTS = 'part:0-parts';
  const nodes: DiagramNode[] = [];
  const byFrame = new Map<string, DiagramNode[]>();
  for (const node of graph.nodes) {
    const top = topOf(node.group);
    if (top?.startsWith(LINKED)) byFrame.set(top, [...(byFrame.get(top) ?? []), node]);
    // Outside the groups of linked resources, a node keeps its name only: what it says besides is in the text version.
    else nodes.push({ ...node, label: node.label.replace('\n', ' '), detail: undefined, group: top });
  }
  for (const [frame, members] of [...byFrame].sort(([a], [b]) => (a < b ? 1 : -1))) {
    const inside = members.filter((m) => insideKeys.has(m.key));
    const root = rootOf(inside.length > 0 ? inside : members, degree);
    const others = members.length - 1;
    nodes.push({
      key: `${frame}#summary`,
      label: nodeName(root, '\n'),
      ...(others > 0 ? { detail: `et ${plural(others, 'ressource liée', 'ressources liées')}` } : {}),
      cls: root.cls,
      shape: 'stadium',
      group: PARTS,
      href: insideKeys.has(root.key) ? resourcePath(root.key) : namespacePath(envName, namespace),
    });
  }
  // A frame of many loose resources counts them per kind.
  for (const frame of uniqueSorted(nodes.filter((n) => n.group && n.group !== PARTS).map((n) => n.group!))) {
    const members = nodes.filter((n) => n.group === frame);
    if (members.length <= LOOSE_SHOWN) continue;
    const perKind = new Map<string, DiagramNode[]>();
    for (const m of members) perKind.set(kindLabelOf(m), [...(perKind.get(kindLabelOf(m)) ?? []), m]);
    const merged = [...perKind].map(([label, of]): DiagramNode =>
      of.length === 1 ? of[0] : { key: `${frame}#${label}`, label: `${label} ×${of.length}`, cls: of[0].cls, group: frame, href: `${namespacePath(envName, namespace)}#ressources` },
    );
    nodes.splice(0, nodes.length, ...nodes.filter((n) => n.group !== frame), ...merged);
  }
  const frames: DiagramGroup[] = [
    { key: PARTS, label: 'Ressources et ce qui s’y rattache', direction: 'LR' as const },
    ...graph.groups.filter((g) => !g.parent && !g.key.startsWith(LINKED)).map((g) => ({ ...g, direction: 'LR' as const })),
  ].filter((g) => nodes.some((n) => n.group === g.key));
  const edges: DiagramEdge[] = frames.flatMap((frame) => gridEdges(nodes.filter((n) => n.group === frame.key)));
  for (let i = 0; i + 1 < frames.length; i++) edges.push({ from: frames[i].key, to: frames[i + 1].key, invisible: true });
  return { nodes, edges, groups: frames, direction: 'TB', layout: 'dagre' };
}

function namespaceCaption(
  ctx: EnvContext,
  namespace: string,
  deployers: Map<string, number>,
  total: number,
  issuers: string[],
  classes: string[],
  sharedSource: string | undefined,
): string | undefined {
  const parts: string[] = [];
  if (sharedSource) parts.push(`Toutes les Kustomizations lisent le ${resourceName(sharedSource).replace(/^./, (c) => c.toLowerCase())}.`);
  const list = [...deployers].sort(([a], [b]) => (a < b ? -1 : 1));
  const by = (key: string) => `${/^[aeiouéh]/i.test(resourceName(key)) ? 'l’' : 'la '}${resourceName(key)}`;
  if (list.length === 1 && list[0][1] >= total) parts.push(`${total > 1 ? 'Toutes ces ressources sont déployées' : 'Déployée'} par ${by(list[0][0])}.`);
  else if (list.length > 0) parts.push(`Déploiement : ${listText(list.map(([k, n]) => `${plural(n, 'ressource')} par ${by(k)}`))}.`);
  if (issuers.length === 1) parts.push(`Certificats TLS émis par ${issuers[0]}.`);
  if (classes.length === 1) parts.push(`Volumes sur la classe de stockage ${classes[0]}.`);
  if ((ctx.env.byKind.get('NetworkPolicy') ?? []).some((p) => p.id.namespace === namespace)) {
    parts.push('Ce que permettent les règles réseau est dessiné sur le schéma des flux réseau.');
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** « Déploiement listmonk » for a resource node (kind and name apart by `between`), its label for an aggregate. */
function nodeName(node: DiagramNode, between = ' '): string {
  try {
    const id = parseResourceKey(node.key);
    return `${kindLabel(id)}${between}${id.name}`;
  } catch {
    return node.label.replace(/\n/g, ' ');
  }
}

/**
 * Frames a namespace graph so that it reads top to bottom and stays narrow: each group of linked resources in its
 * own frame, the frames stacked (the graph runs left to right, which stacks what is not linked); inside a frame, the
 * resources only one other uses are stacked in a sub-frame it points to; network rules and unlinked resources apart.
 */
function framed(graph: Graph, insideKeys: Set<string>): Graph {
  const nodes = graph.nodes.map((n) => ({ ...n }));
  let edges = [...graph.edges];
  const groups: DiagramGroup[] = [];
  const degree = new Map<string, number>();
  for (const e of edges) for (const k of [e.from, e.to]) degree.set(k, (degree.get(k) ?? 0) + 1);
  const isPolicy = (n: DiagramNode) => n.key === 'kind:NetworkPolicy' || (insideKeys.has(n.key) && parseResourceKey(n.key).kind === 'NetworkPolicy');
  // A Secret or ConfigMap several resources use would tie them into one wide knot: it is framed apart, its users
  // written in it.
  for (const n of nodes) {
    if (!insideKeys.has(n.key) || !supporting(n)) continue;
    const users = edges.filter((e) => e.to === n.key);
    if (users.length < 2 || edges.some((e) => e.from === n.key)) continue;
    const names = uniqueSorted(users.map((e) => parseName(nodes.find((m) => m.key === e.from) ?? { key: e.from, label: e.from, cls: 'other' })));
    n.label = n.label.replace('\n', ' ');
    n.detail = lines(n.detail, `utilisé par ${listText(names)}`);
    n.group = SHARED;
    edges = edges.filter((e) => e.to !== n.key);
    degree.delete(n.key);
    for (const e of users) degree.set(e.from, (degree.get(e.from) ?? 1) - 1);
  }
  for (const [k, d] of degree) if (d <= 0) degree.delete(k);
  for (const n of nodes) {
    if (n.group === SHARED) continue;
    if (degree.has(n.key)) continue;
    n.group = isPolicy(n) ? POLICIES : LOOSE;
  }
  groups.push(
    { key: SHARED, label: 'Utilisés par plusieurs', direction: 'LR', order: 100 },
    { key: POLICIES, label: 'Règles réseau', direction: 'LR', order: 101 },
    { key: LOOSE, label: 'Autres ressources', direction: 'LR', order: 102 },
  );

  // Connected parts, largest first.
  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    neighbours.set(e.from, [...(neighbours.get(e.from) ?? []), e.to]);
    neighbours.set(e.to, [...(neighbours.get(e.to) ?? []), e.from]);
  }
  const partOf = new Map<string, number>();
  const parts: string[][] = [];
  for (const n of nodes) {
    if (!degree.has(n.key) || partOf.has(n.key)) continue;
    const part: string[] = [];
    const stack = [n.key];
    partOf.set(n.key, parts.length);
    while (stack.length > 0) {
      const k = stack.pop()!;
      part.push(k);
      for (const m of neighbours.get(k) ?? []) {
        if (partOf.has(m)) continue;
        partOf.set(m, parts.length);
        stack.push(m);
      }
    }
    parts.push(part);
  }
  const order = parts.map((_, i) => i).sort((a, b) => parts[b].length - parts[a].length || a - b);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  order.forEach((index, rank) => {
    const key = `${LINKED}${String(99 - Math.min(rank, 99)).padStart(2, '0')}`;
    const members = parts[index].map((k) => byKey.get(k)!).filter(Boolean);
    const root = [...members].sort(
      (a, b) =>
        Number(supporting(a)) - Number(supporting(b)) ||
        (degree.get(b.key) ?? 0) - (degree.get(a.key) ?? 0) ||
        (a.key < b.key ? -1 : 1),
    )[0];
    groups.push({ key, label: parts.length > 1 ? `${nodeName(root)} et ses liens` : 'Ressources liées', direction: 'TB', order: rank });
    const outside = `${key}/${OUTSIDE}`;
    for (const m of members) {
      if (m.group === OUTSIDE) {
        m.group = outside;
        if (!groups.some((g) => g.key === outside)) groups.push({ key: outside, label: 'Hors de l’espace de noms', parent: key });
      } else m.group = key;
    }
    // A resource with several others that only it uses (its ConfigMaps, Secrets, volumes) points at one stack of them.
    for (const parent of members) {
      const leaves = edges.filter(
        (e) => e.from === parent.key && degree.get(e.to) === 1 && insideKeys.has(e.to) && used(byKey.get(e.to)!) && byKey.get(e.to)?.group === key,
      );
      if (leaves.length < 2) continue;
      const stack = `${key}/uses:${parent.key}`;
      // Its title names the user, a sentence names its members (« … utilise « Utilisés par calcom » (Secret scellé calcom, …) »).
      groups.push({ key: stack, label: `Utilisés par ${parseName(parent)}`, parent: key, direction: 'LR', namesMembers: true });
      for (const e of leaves) byKey.get(e.to)!.group = stack;
      edges = edges.filter((e) => !leaves.includes(e));
      edges.push({ from: parent.key, to: stack, meaning: 'utilise' });
    }
  });
  return { nodes, edges, groups, direction: 'LR', layout: 'dagre' };
}

/** « Secret », « ConfigMap »… for a node that stands for a resource; its label for one that stands for something else. */
function kindLabelOf(node: DiagramNode): string {
  try {
    return kindLabel(parseResourceKey(node.key));
  } catch {
    return node.label;
  }
}

function parseName(node: DiagramNode): string {
  try {
    return parseResourceKey(node.key).name;
  } catch {
    return node.label.split('\n')[0];
  }
}
