// What backups cover, as keys of the environment: shared by the data diagram and the storage table so both tell the
// same story. Where backups go is the registry's `backupDestinationOf`.
import { BARMAN_CLOUD, databaseClusterOf, isBackedUpByK8up, resourceKey, resourcesOfKind, type Resource } from '../infra/index.ts';
import type { EnvContext } from './context.ts';

/** The ObjectStore a CNPG Cluster archives to through the Barman Cloud plugin. */
export function clusterObjectStore(ctx: EnvContext, cluster: Resource): string | undefined {
  const name = databaseClusterOf(cluster.object).objectStore;
  return name ? resourceKey({ env: ctx.env.name, group: BARMAN_CLOUD, kind: 'ObjectStore', namespace: cluster.id.namespace, name }) : undefined;
}

/** PVCs a k8up Schedule backs up: the annotated claims of its namespace. */
export function k8upVolumes(ctx: EnvContext, schedule: Resource): Resource[] {
  return resourcesOfKind(ctx.env, 'PersistentVolumeClaim', ['']).filter((p) => p.id.namespace === schedule.id.namespace && isBackedUpByK8up(p));
}
