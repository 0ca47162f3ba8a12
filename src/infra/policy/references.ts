// Every Secret, ConfigMap and PVC an object points to must be produced by the rendered manifests themselves:
// a dangling name is a pod stuck in CreateContainerConfigError on the day of the deployment.
import type { KubeObject } from '../model.ts';
import { containersOf, type PodSpec } from '../workloads.ts';
import { asArray, asRecord, isKind, namespaceOf, nameOf, violation, workloadsOf } from './objects.ts';
import type { PolicyRule, PolicyViolation } from './types.ts';

type RefKind = 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim';

export interface Reference {
  kind: RefKind;
  name: string;
  /** Where the name is used, in French, for the message. */
  via: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Names a pod spec refers to: env, envFrom, volumes (projected sources included), image pull secrets. */
export function podReferences(spec: PodSpec): Reference[] {
  const refs: Reference[] = [];
  for (const c of containersOf(spec)) {
    for (const env of c.env ?? []) {
      const from = asRecord(env.valueFrom);
      const secret = str(asRecord(from?.secretKeyRef)?.name);
      const config = str(asRecord(from?.configMapKeyRef)?.name);
      if (secret && asRecord(from?.secretKeyRef)?.optional !== true)
        refs.push({ kind: 'Secret', name: secret, via: `variable ${String(env.name)} du conteneur « ${c.name} »` });
      if (config && asRecord(from?.configMapKeyRef)?.optional !== true)
        refs.push({ kind: 'ConfigMap', name: config, via: `variable ${String(env.name)} du conteneur « ${c.name} »` });
    }
    for (const from of c.envFrom ?? []) {
      const secret = asRecord(from.secretRef);
      const config = asRecord(from.configMapRef);
      if (str(secret?.name) && secret?.optional !== true)
        refs.push({ kind: 'Secret', name: String(secret?.name), via: `envFrom du conteneur « ${c.name} »` });
      if (str(config?.name) && config?.optional !== true)
        refs.push({ kind: 'ConfigMap', name: String(config?.name), via: `envFrom du conteneur « ${c.name} »` });
    }
  }
  for (const volume of spec.volumes ?? []) {
    const via = `volume « ${String(volume.name)} »`;
    const secret = asRecord(volume.secret);
    const config = asRecord(volume.configMap);
    const claim = str(asRecord(volume.persistentVolumeClaim)?.claimName);
    if (str(secret?.secretName) && secret?.optional !== true) refs.push({ kind: 'Secret', name: String(secret?.secretName), via });
    if (str(config?.name) && config?.optional !== true) refs.push({ kind: 'ConfigMap', name: String(config?.name), via });
    if (claim) refs.push({ kind: 'PersistentVolumeClaim', name: claim, via });
    for (const source of asArray(asRecord(volume.projected)?.sources)) {
      const s = asRecord(asRecord(source)?.secret);
      const cm = asRecord(asRecord(source)?.configMap);
      if (str(s?.name) && s?.optional !== true) refs.push({ kind: 'Secret', name: String(s?.name), via });
      if (str(cm?.name) && cm?.optional !== true) refs.push({ kind: 'ConfigMap', name: String(cm?.name), via });
    }
  }
  for (const pull of asArray(spec.imagePullSecrets)) {
    const name = str(asRecord(pull)?.name);
    if (name) refs.push({ kind: 'Secret', name, via: 'imagePullSecrets' });
  }
  return refs;
}

/** Secrets named by the custom resources of this platform (CloudNativePG, Barman Cloud, k8up). */
export function customResourceReferences(object: KubeObject): Reference[] {
  const spec = asRecord(object.spec) ?? {};
  const refs: Reference[] = [];
  const add = (name: unknown, via: string) => {
    const n = str(name);
    if (n) refs.push({ kind: 'Secret', name: n, via });
  };
  if (isKind(object, 'postgresql.cnpg.io', 'Cluster')) {
    const initdb = asRecord(asRecord(spec.bootstrap)?.initdb);
    add(asRecord(initdb?.secret)?.name, 'bootstrap.initdb.secret');
    add(asRecord(spec.superuserSecret)?.name, 'superuserSecret');
  }
  if (isKind(object, 'barmancloud.cnpg.io', 'ObjectStore')) {
    const creds = asRecord(asRecord(spec.configuration)?.s3Credentials);
    add(asRecord(creds?.accessKeyId)?.name, 's3Credentials.accessKeyId');
    add(asRecord(creds?.secretAccessKey)?.name, 's3Credentials.secretAccessKey');
  }
  if (isKind(object, 'k8up.io', 'Schedule')) {
    const backend = asRecord(spec.backend);
    add(asRecord(backend?.repoPasswordSecretRef)?.name, 'backend.repoPasswordSecretRef');
    const s3 = asRecord(backend?.s3);
    add(asRecord(s3?.accessKeyIDSecretRef)?.name, 'backend.s3.accessKeyIDSecretRef');
    add(asRecord(s3?.secretAccessKeySecretRef)?.name, 'backend.s3.secretAccessKeySecretRef');
  }
  return refs;
}

/** Secrets that exist once the manifests are applied: sealed ones, data-less Secrets, and those operators write. */
export function producedSecrets(objects: KubeObject[]): Set<string> {
  const produced = new Set<string>();
  const add = (ns: string | undefined, name: unknown) => {
    if (typeof name === 'string' && name) produced.add(`${ns ?? ''}/${name}`);
  };
  for (const o of objects) {
    const ns = namespaceOf(o);
    const spec = asRecord(o.spec) ?? {};
    if (isKind(o, 'bitnami.com', 'SealedSecret')) {
      add(ns, asRecord(asRecord(spec.template)?.metadata)?.name ?? nameOf(o));
    } else if (isKind(o, '', 'Secret')) {
      add(ns, nameOf(o));
    } else if (isKind(o, 'cert-manager.io', 'Certificate')) {
      add(ns, spec.secretName);
    } else if (isKind(o, 'postgresql.cnpg.io', 'Cluster')) {
      // Written by the CNPG operator for every cluster.
      for (const suffix of ['app', 'superuser', 'ca', 'server', 'replication']) add(ns, `${nameOf(o)}-${suffix}`);
    }
  }
  return produced;
}

function existing(objects: KubeObject[], kind: 'ConfigMap' | 'PersistentVolumeClaim'): Set<string> {
  const set = new Set<string>();
  for (const o of objects) if (isKind(o, '', kind)) set.add(`${namespaceOf(o) ?? ''}/${nameOf(o)}`);
  // A StatefulSet's volumeClaimTemplates create their PVCs (named <template>-<set>-<ordinal>): count the template name.
  if (kind === 'PersistentVolumeClaim')
    for (const o of objects)
      if (isKind(o, 'apps', 'StatefulSet'))
        for (const t of asArray(asRecord(o.spec)?.volumeClaimTemplates))
          set.add(`${namespaceOf(o) ?? ''}/${String(asRecord(asRecord(t)?.metadata)?.name)}`);
  return set;
}

const KIND_FR: Record<RefKind, string> = {
  Secret: 'le Secret',
  ConfigMap: 'la ConfigMap',
  PersistentVolumeClaim: 'le PersistentVolumeClaim',
};

export const referencesExist: PolicyRule = {
  id: 'references-exist',
  title: 'Références résolues',
  description:
    'Tout Secret, ConfigMap ou PersistentVolumeClaim qu’un objet utilise existe dans les manifestes rendus : un Secret vient d’un SealedSecret du même nom dans le même namespace (ou d’un opérateur, comme le secret <cluster>-app de CloudNativePG).',
  check(objects) {
    const secrets = producedSecrets(objects);
    const configMaps = existing(objects, 'ConfigMap');
    const claims = existing(objects, 'PersistentVolumeClaim');
    const out: PolicyViolation[] = [];
    const checkAll = (object: KubeObject, refs: Reference[]) => {
      const ns = namespaceOf(object) ?? '';
      for (const ref of refs) {
        const key = `${ns}/${ref.name}`;
        const found =
          ref.kind === 'Secret' ? secrets.has(key) : ref.kind === 'ConfigMap' ? configMaps.has(key) : claims.has(key);
        if (!found)
          out.push(
            violation(
              'references-exist',
              object,
              `${KIND_FR[ref.kind]} « ${ref.name} » (${ref.via}) n’existe pas dans le namespace « ${ns} »` +
                (ref.kind === 'Secret' ? ' : déclarer un SealedSecret de ce nom.' : '.'),
            ),
          );
      }
    };
    for (const { object, template } of workloadsOf(objects)) checkAll(object, podReferences(template.spec));
    for (const object of objects) checkAll(object, customResourceReferences(object));
    return out;
  },
};
