// Data and backups, one frame per namespace stacked top to bottom: who uses each volume and database, what backs it
// up, and where the backups leave the cluster (an object store is drawn as its address). The storage class, when all
// share one, is said once in the caption; edges carry no label (the kinds at both ends say it, the text version
// spells it out). What is drawn is whatever kind the registry gives a `data` role.
import { backupDestinationOf, compareText, isWorkload, K8UP, KINDS, kindEntry, plural, resourcesOfKind, storageOf, type DataRole, type Model, type Resource } from '../../infra/index.ts';
import { slug, type DiagramEdge, type DiagramGroup, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { clusterObjectStore, k8upVolumes } from '../backups.ts';
import { envContext, into, out, resourceNode, uniqueSorted, type EnvContext } from '../context.ts';
import { namespacePath, parseResourceKey } from '../paths.ts';
import { gridEdges, wrapFrames } from './grid.ts';
import { diagramView, listText, nsGroup, resourceLabel, sizeText, splitAtSlash } from './shared.ts';

/** « s3://ffe-backups/ » over « postgres/booking »: a long address split after a `/` of its path. */
export function addressLabel(url: string): string {
  return splitAtSlash(url, url.indexOf('://') + 3);
}

const roleOf = (r: Resource): DataRole | undefined => kindEntry(r.id.group, r.id.kind)?.data;
/** A volume or a database: what holds data itself. */
const holdsData = (r: Resource): boolean => roleOf(r) === 'volume' || roleOf(r) === 'database';

function storageClassOf(ctx: EnvContext, r: Resource): string | undefined {
  const rel = out(ctx, r.key, 'uses-storage-class')[0];
  return rel ? parseResourceKey(rel.to).name : storageOf(r)[0]?.storageClass;
}

function sizeOf(r: Resource): string | undefined {
  return storageOf(r)[0]?.size;
}

/** Every volume and database of the environment, with who uses them and what backs them up, one frame per namespace. */
function dataGraph(ctx: EnvContext, data: readonly Resource[], oneClass: boolean): Graph {
  const env = ctx.env;
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const groups = new Map<string, DiagramGroup>();
  const groupFor = (ns: string | undefined): string | undefined => {
    if (!ns) return undefined;
    const group = nsGroup(env.name, ns);
    groups.set(group.key, { ...group, direction: 'TB' });
    return group.key;
  };
  const add = (key: string, detail?: string): void => {
    const id = parseResourceKey(key);
    const group = groupFor(id.namespace);
    // Kind over name: these frames put several nodes side by side, each must stay narrow.
    nodes.push({ ...resourceNode(ctx, key), label: resourceLabel(id, id.name, 0), ...(detail ? { detail } : {}), ...(group ? { group } : {}) });
  };
  const addStored = (r: Resource): void => {
    const storageClass = storageClassOf(ctx, r);
    const detail = [sizeOf(r), !oneClass && storageClass ? `classe ${storageClass}` : undefined].filter(Boolean).join(', ');
    add(r.key, detail || undefined);
  };
  // A destination is drawn in the frame of what sends to it, so that frames stay apart and read one by one.
  const destination = (from: Resource, url: string): void => {
    const group = groupFor(from.id.namespace);
    const key = `dest:${from.id.namespace ?? ''}:${url}`;
    nodes.push({ key, label: addressLabel(url), cls: 'external', shape: 'cylinder', ...(group ? { group } : {}) });
    edges.push({ from: from.key, to: key, meaning: 'envoie ses sauvegardes hors du cluster, vers' });
  };

  for (const r of data) {
    const url = backupDestinationOf(r);
    if (holdsData(r)) addStored(r);
    // An object store is where backups leave the cluster: its address is what a reader needs, so it is its label.
    else if (roleOf(r) === 'backup-store' && url) nodes.push({ ...resourceNode(ctx, r.key), label: addressLabel(url), shape: 'cylinder', group: groupFor(r.id.namespace) });
    else add(r.key);
  }
  for (const r of data) {
    for (const rel of out(ctx, r.key, 'backs-up')) {
      if (!env.byKey.has(rel.to)) add(rel.to);
      edges.push({ from: r.key, to: rel.to, meaning: 'sauvegarde' });
    }
    for (const rel of [...into(ctx, r.key, 'uses-pvc'), ...into(ctx, r.key, 'uses-database')]) {
      add(rel.from);
      // The other end's name says its kind (« Volume (PVC) … », « Cluster PostgreSQL … »).
      edges.push({ from: rel.from, to: r.key, meaning: rel.type === 'uses-pvc' ? 'monte' : 'utilise' });
    }
    if (roleOf(r) === 'database') {
      const store = clusterObjectStore(ctx, r);
      if (store) {
        if (!env.byKey.has(store)) add(store);
        edges.push({ from: r.key, to: store, meaning: 'archive ses journaux et ses copies complètes dans' });
      }
    }
    if (r.id.group === K8UP && roleOf(r) === 'backup-plan') {
      for (const pvc of k8upVolumes(ctx, r)) edges.push({ from: r.key, to: pvc.key, meaning: 'sauvegarde' });
    }
    const url = backupDestinationOf(r);
    if (url && roleOf(r) !== 'backup-store' && !(roleOf(r) === 'database' && clusterObjectStore(ctx, r))) destination(r, url);
  }
  // Claims a StatefulSet creates per replica are not in the manifests: draw them from the workload's relations.
  for (const w of env.resources.filter(isWorkload)) {
    for (const rel of out(ctx, w.key, 'uses-pvc')) {
      if (env.byKey.has(rel.to)) continue;
      add(w.key);
      add(rel.to, rel.detail?.size);
      edges.push({ from: w.key, to: rel.to, meaning: 'crée et monte, pour chaque réplique,' });
    }
  }

  return { nodes, edges, groups: [...groups.values()], direction: 'LR', layout: 'dagre' };
}

export function dataDiagram(model: Model, envName: string): DiagramView {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  // In the registry's order: volumes, databases, then what backs them up.
  const data = KINDS.filter((k) => k.data !== undefined).flatMap((k) => resourcesOfKind(env, k.kind, [k.group]));
  const stored = data.filter(holdsData);
  const classes = uniqueSorted(stored.map((r) => storageClassOf(ctx, r) ?? '').filter(Boolean));
  const oneClass = classes.length === 1 && stored.every((r) => storageClassOf(ctx, r) === classes[0]);

  const full = dataGraph(ctx, data, oneClass);
  const count = (role: DataRole) => data.filter((r) => roleOf(r) === role).length;
  const caption = oneClass
    ? `Volumes et bases utilisent tous la classe de stockage ${classes[0]}.`
    : classes.length > 1
      ? `Classes de stockage : ${listText(classes)}, indiquées dans chaque nœud.`
      : undefined;
  const text = (graph: Graph, level: string) =>
    `Données et sauvegardes de l’environnement ${env.name}, un cadre par espace de noms : ${plural(count('volume'), 'volume')}, ` +
    `${plural(count('database'), 'cluster PostgreSQL', 'clusters PostgreSQL')}, ${plural(count('backup-plan'), 'planning de sauvegarde', 'plannings de sauvegarde')} ` +
    `et leurs destinations hors du cluster ; ${sizeText(graph)}.` +
    (caption ? ` ${caption}` : '') +
    level;
  const id = `data-${slug(env.name)}`;
  const title = `Données et sauvegardes (${env.name})`;
  const view = (suffix: string, graph: Graph, level = '', note?: string): DiagramView => {
    const said = [note, caption].filter(Boolean).join(' ');
    return { ...diagramView(`${id}${suffix}`, graph, title, text(graph, level)), heading: 'Données et sauvegardes', ...(said ? { caption: said } : {}) };
  };
  const perNamespace = dataPerNamespace(env.name, full);
  return {
    ...view('', full),
    coarser: [
      view('--lignes', wrapFrames(full)),
      view('--espaces-de-noms', perNamespace, ' Chaque espace de noms est résumé en un nœud qui mène à son détail.', 'Chaque espace de noms mène à sa page, où ses données sont dessinées.'),
    ],
  };
}

/** « 6 volumes », « 1 base PostgreSQL »: what a namespace's frame holds, one line per data role. */
function dataPerNamespace(envName: string, graph: Graph): Graph {
  const counts = new Map<string, Map<DataRole | 'destination' | 'other', number>>();
  for (const node of graph.nodes) {
    if (!node.group) continue;
    const ns = node.group.slice(node.group.indexOf('/') + 1);
    const role = node.key.startsWith('dest:') ? 'destination' : (dataRoleOfKey(node.key) ?? 'other');
    const perRole = counts.get(ns) ?? new Map<DataRole | 'destination' | 'other', number>();
    perRole.set(role, (perRole.get(role) ?? 0) + 1);
    counts.set(ns, perRole);
  }
  const words: [DataRole | 'destination', string, string][] = [
    ['volume', 'volume', 'volumes'],
    ['database', 'base PostgreSQL', 'bases PostgreSQL'],
    ['backup-plan', 'sauvegarde planifiée', 'sauvegardes planifiées'],
    ['backup-store', 'destination de sauvegarde', 'destinations de sauvegarde'],
    ['destination', 'destination de sauvegarde', 'destinations de sauvegarde'],
  ];
  const FRAME = 'data';
  const nodes = [...counts]
    .sort(([a], [b]) => compareText(a, b))
    .map(([ns, perRole]): DiagramNode => {
      const lines = words.filter(([role]) => perRole.has(role)).map(([role, one, many]) => plural(perRole.get(role)!, one, many));
      const others = [...perRole].filter(([role]) => !words.some(([r]) => r === role)).reduce((n, [, c]) => n + c, 0);
      return { key: `ns:${ns}`, label: ns, detail: [...lines, ...(others > 0 ? [plural(others, 'autre élément', 'autres éléments')] : [])].join('\n'), cls: 'data', shape: 'cylinder', group: FRAME, href: namespacePath(envName, ns) };
    });
  return { nodes, edges: gridEdges(nodes), groups: [{ key: FRAME, label: 'Espaces de noms qui gardent des données', direction: 'LR' }], direction: 'TB', layout: 'dagre' };
}

/** The data role of the resource a node stands for (none for a workload, or a node that stands for something else). */
function dataRoleOfKey(key: string): DataRole | undefined {
  try {
    const id = parseResourceKey(key);
    return kindEntry(id.group, id.kind)?.data;
  } catch {
    return undefined;
  }
}
