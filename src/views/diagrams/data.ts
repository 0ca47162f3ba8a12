// Data and backups: volumes, PostgreSQL clusters, their storage classes, who uses them, what backs them up and where
// the backups leave the cluster.
import { backupDestinationOf, databaseClusterOf, isWorkload, plural, resourceKey, type Model } from '../../infra/index.ts';
import { aggregateGraph, slug, type DiagramEdge, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { clusterObjectStore, k8upVolumes } from '../backups.ts';
import { envContext, into, out, resourceNode } from '../context.ts';
import { parseResourceKey } from '../paths.ts';
import { diagramView, namespaceAggregate, nsGroup, readable, sizeText } from './shared.ts';

const DATA_KINDS: [string, string][] = [
  ['', 'PersistentVolumeClaim'],
  ['postgresql.cnpg.io', 'Cluster'],
  ['postgresql.cnpg.io', 'ScheduledBackup'],
  ['barmancloud.cnpg.io', 'ObjectStore'],
  ['k8up.io', 'Schedule'],
];

export function dataDiagram(model: Model, envName: string): DiagramView {
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
      const storageClass = databaseClusterOf(r.object).storage.storageClass;
      if (storageClass) {
        const key = resourceKey({ env: env.name, group: 'storage.k8s.io', kind: 'StorageClass', name: storageClass });
        add(key);
        edges.push({ from: r.key, to: key, label: 'classe' });
      }
    }
    if (r.id.kind === 'Schedule') for (const pvc of k8upVolumes(ctx, r)) edges.push({ from: r.key, to: pvc.key, label: 'sauvegarde' });
    const url = backupDestinationOf(r);
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
    `et leurs destinations hors du cluster ; ${sizeText(graph)}.` +
    (aggregated ? ' Chaque espace de noms est résumé en un nœud qui mène à son détail.' : '');
  return diagramView(`data-${slug(env.name)}`, graph, `Données et sauvegardes (${env.name})`, description);
}
