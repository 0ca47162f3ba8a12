// app-template's `persistence.*`: each entry is one volume of the pods (a claim the chart makes, an `existingClaim`,
// a ConfigMap, a Secret, an emptyDir, NFS, a host path…), mounted where `globalMounts` (every container of every
// controller) and `advancedMounts` (`<controller>.<container>`) say — at `/<identifier>` when neither is written.
import type { FieldPath } from '../../model.ts';
import { Field } from '../located.ts';
import { rendered, type DeducedObject, type ReleaseIdentity } from './reading.ts';
import { enabledEntries, resourceName, type Naming as AppTemplateNaming } from './app-template-naming.ts';

export interface Mount {
  /** Mounted in this controller only (`advancedMounts`); undefined: in every controller. */
  controller?: string;
  /** Mounted in this container only; undefined: in every container. */
  container?: string;
  mount: Record<string, unknown>;
  at: FieldPath;
}

/** A claim the chart makes for a volume (type `persistentVolumeClaim` without `existingClaim`). */
interface MadeClaim {
  name: string;
  /** Required by the chart: a release without them fails to render, and nothing is guessed here. */
  size?: string;
  accessMode?: string;
  storageClass?: string;
  at: FieldPath;
}

export interface Volume {
  id: string;
  /** The pod volume, named after the identifier. */
  volume: Record<string, unknown>;
  at: FieldPath;
  claim?: MadeClaim;
  mounts: Mount[];
}

function mountOf(id: string, item: Field): Record<string, unknown> {
  const path = item.at('path').string() ?? `/${id}`;
  const subPath = item.at('subPath').string();
  const readOnly = item.at('readOnly').value === true;
  return { name: id, mountPath: path, ...(subPath ? { subPath } : {}), ...(readOnly ? { readOnly } : {}) };
}

function mountsOfEntry(id: string, entry: Field): Mount[] {
  const global = entry.at('globalMounts');
  const advanced = entry.at('advancedMounts');
  if (!global.written && !advanced.written) return [{ mount: { name: id, mountPath: `/${id}` }, at: entry.path }];
  const mounts: Mount[] = global.records().map((item) => ({ mount: mountOf(id, item), at: item.path }));
  for (const [controller, containers] of advanced.entries()) {
    for (const [container, list] of containers.entries()) {
      for (const item of list.records()) mounts.push({ controller, container, mount: mountOf(id, item), at: item.path });
    }
  }
  return mounts;
}

/** The name of the ConfigMap or Secret the chart makes from `configMaps.<identifier>` / `secrets.<identifier>`. */
export function madeName(values: Field, naming: AppTemplateNaming, list: 'configMaps' | 'secrets', identifier: string | undefined): string | undefined {
  if (identifier === undefined) return undefined;
  const entries = enabledEntries(values.at(list));
  const entry = entries.find(([id]) => id === identifier);
  return entry ? resourceName(naming, identifier, entry[1], entries.length) : undefined;
}

/** The ConfigMaps and Secrets the chart makes (`configMaps.*`, `secrets.*`): a ConfigMap with its keys, a Secret without its values. */
export function configObjects(values: Field, naming: AppTemplateNaming): DeducedObject[] {
  return (['configMaps', 'secrets'] as const).flatMap((list) => {
    const entries = enabledEntries(values.at(list));
    return entries.flatMap(([id, entry]): DeducedObject[] => {
      const name = resourceName(naming, id, entry, entries.length);
      if (!name) return [];
      const keys = Object.keys(entry.at(list === 'secrets' ? 'stringData' : 'data').record() ?? {});
      const data = Object.fromEntries(keys.map((k) => [k, '']));
      const object = { apiVersion: 'v1', kind: list === 'secrets' ? 'Secret' : 'ConfigMap', metadata: { name, labels: { 'app.kubernetes.io/instance': naming.release.name } }, data };
      return [{ object, block: entry.path, from: [[[], entry.path]] }];
    });
  });
}

/** The pod volume of an entry, and the claim the chart makes for it; undefined when its type says nothing readable. */
function sourceOf(values: Field, id: string, entry: Field, naming: AppTemplateNaming, claimCount: number): { volume: Record<string, unknown>; claim?: MadeClaim } | undefined {
  const type = entry.at('type').string() ?? 'persistentVolumeClaim';
  const release = naming.release;
  const named = (field: string): string | undefined => rendered(entry.at(field).string(), release);
  switch (type) {
    case 'persistentVolumeClaim': {
      const existing = named('existingClaim');
      if (existing) return { volume: { name: id, persistentVolumeClaim: { claimName: existing } } };
      const name = resourceName(naming, id, entry, claimCount);
      if (!name) return undefined;
      const written = entry.at('storageClass').string();
      const storageClass = written === '-' ? undefined : written;
      const size = entry.at('size').string();
      const accessMode = entry.at('accessMode').string();
      const claim: MadeClaim = { name, ...(size ? { size } : {}), ...(accessMode ? { accessMode } : {}), ...(storageClass ? { storageClass } : {}), at: entry.path };
      return { volume: { name: id, persistentVolumeClaim: { claimName: name } }, claim };
    }
    case 'configMap': {
      const name = named('name') ?? madeName(values, naming, 'configMaps', entry.at('identifier').string());
      return name ? { volume: { name: id, configMap: { name } } } : undefined;
    }
    case 'secret': {
      const name = named('name') ?? madeName(values, naming, 'secrets', entry.at('identifier').string());
      return name ? { volume: { name: id, secret: { secretName: name } } } : undefined;
    }
    case 'emptyDir':
      return { volume: { name: id, emptyDir: entry.at('medium').string() ? { medium: entry.at('medium').string() } : {} } };
    case 'nfs':
      return { volume: { name: id, nfs: { server: entry.at('server').string() ?? '', path: entry.at('path').string() ?? '' } } };
    case 'hostPath':
      return { volume: { name: id, hostPath: { path: entry.at('hostPath').string() ?? '' } } };
    default:
      return undefined;
  }
}

/** Every enabled entry of `persistence`, as a pod volume with its mounts. */
export function persistenceVolumes(values: Field, naming: AppTemplateNaming, unknown: string[]): Volume[] {
  const entries = enabledEntries(values.at('persistence'));
  const made = entries.filter(([, e]) => (e.at('type').string() ?? 'persistentVolumeClaim') === 'persistentVolumeClaim' && !e.at('existingClaim').string());
  return entries.flatMap(([id, entry]): Volume[] => {
    const source = sourceOf(values, id, entry, naming, made.length);
    if (!source) {
      unknown.push(`volume ${id} : type ${entry.at('type').string() ?? 'persistentVolumeClaim'} non lu`);
      return [];
    }
    if (source.claim && (!source.claim.size || !source.claim.accessMode)) unknown.push(`volume ${id} : size ou accessMode non écrits (le chart les exige)`);
    return [{ id, volume: source.volume, at: entry.path, ...(source.claim ? { claim: source.claim } : {}), mounts: mountsOfEntry(id, entry) }];
  });
}

/** The mounts of one controller's containers. */
export function mountsOf(volumes: readonly Volume[], controller: string): Mount[] {
  return volumes.flatMap((v) => v.mounts.filter((m) => m.controller === undefined || m.controller === controller));
}

/** The volumes one controller mounts. */
export function volumesOf(volumes: readonly Volume[], controller: string): Volume[] {
  return volumes.filter((v) => mountsOf([v], controller).length > 0);
}

/** The PersistentVolumeClaim the chart makes for a volume. */
export function claimObject(volume: Volume, release: ReleaseIdentity): DeducedObject {
  const claim = volume.claim!;
  const object = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: claim.name, labels: { 'app.kubernetes.io/instance': release.name } },
    spec: {
      ...(claim.accessMode ? { accessModes: [claim.accessMode] } : {}),
      ...(claim.size ? { resources: { requests: { storage: claim.size } } } : {}),
      ...(claim.storageClass ? { storageClassName: claim.storageClass } : {}),
    },
  };
  const at = claim.at;
  return {
    object,
    block: at,
    from: [
      [[], at],
      [['spec', 'accessModes'], [...at, 'accessMode']],
      [['spec', 'resources'], [...at, 'size']],
      [['spec', 'storageClassName'], [...at, 'storageClass']],
    ],
  };
}
