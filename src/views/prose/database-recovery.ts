// A how-to whose names come from the manifests: the manifest that recovers a CloudNativePG database from its backups.
import { stringify } from 'yaml';
import { BARMAN_CLOUD, databaseClusterOf, resourceKey, type Model } from '../../infra/index.ts';
import { envContext } from '../context.ts';
import { resourceLink, type ResourceLink } from '../links.ts';
import { ProseError, resolveResource } from './resolve.ts';

/** The CNPG Barman Cloud plugin: the name a Cluster's `plugins` entry and a recovery's `externalClusters` use. */
const BARMAN_PLUGIN = 'barman-cloud.cloudnative-pg.io';

export interface RecoveryManifest {
  cluster: ResourceLink;
  objectStore?: ResourceLink;
  /** Name of the new Cluster the recovery creates next to the damaged one. */
  restoredName: string;
  /** The Cluster manifest to apply, YAML. */
  yaml: string;
}

/**
 * A CloudNativePG Cluster that bootstraps from the backups of an existing one (its ObjectStore, through the Barman
 * Cloud plugin): same image, storage and owner secret, a new name, so the damaged cluster stays untouched.
 */
export function databaseRecovery(model: Model, query: { namespace: string; name: string; env?: string }): RecoveryManifest {
  const element = `<DatabaseRecovery namespace="${query.namespace}" name="${query.name}" />`;
  const cluster = resolveResource(element, model, { ...query, kinds: ['Cluster'] });
  const facts = databaseClusterOf(cluster.object);
  const store = facts.objectStore;
  if (!store) throw new ProseError(element, `le cluster ${cluster.id.name} n’archive vers aucun ObjectStore (plugin Barman Cloud) : il n’a pas de sauvegarde à restaurer`, 'Ajoutez au Cluster le plugin barman-cloud.cloudnative-pg.io avec barmanObjectName, ou citez un cluster sauvegardé.');
  const ctx = envContext(model, cluster.id.env);
  const storeKey = resourceKey({ env: cluster.id.env, group: BARMAN_CLOUD, kind: 'ObjectStore', namespace: cluster.id.namespace, name: store });
  const initdb = facts.initdb;
  const restoredName = `${cluster.id.name}-restore`;
  const manifest = {
    apiVersion: cluster.apiVersion,
    kind: 'Cluster',
    metadata: { name: restoredName, namespace: cluster.id.namespace },
    spec: {
      instances: facts.instances,
      ...(facts.imageName ? { imageName: facts.imageName } : {}),
      ...(facts.storageSpec ? { storage: facts.storageSpec } : {}),
      bootstrap: {
        recovery: {
          source: 'origine',
          ...(initdb?.database ? { database: initdb.database } : {}),
          ...(initdb?.owner ? { owner: initdb.owner } : {}),
          ...(initdb?.secret ? { secret: { name: initdb.secret } } : {}),
        },
      },
      externalClusters: [{ name: 'origine', plugin: { name: BARMAN_PLUGIN, parameters: { barmanObjectName: store, serverName: cluster.id.name } } }],
    },
  };
  return {
    cluster: resourceLink(ctx, cluster.key),
    objectStore: resourceLink(ctx, storeKey),
    restoredName,
    yaml: stringify(manifest, { lineWidth: 0 }),
  };
}
