// Every Kubernetes field the Git ↔ cluster comparison reads, in one module: the values a reader cares about (images,
// replicas, hosts, TLS secrets, schedules, storage sizes, chart versions, suspension) and the markers that say who
// made an object (owner references, Helm, Flux, k3s, operators). The comparison and its ignore rules read objects
// only through these functions, so that they can follow the per-kind parsers of src/infra when those arrive.
// Pure, and as tolerant of malformed values as fields.ts: a field of the wrong type is absent, never a crash.
import { asArray, asRecord, asRecords, asString } from '../fields.ts';
import { parseImage, shortImageName } from '../images.ts';
import { apiGroupOf, type KubeObject } from '../model.ts';
import { parseQuantity } from '../quantities.ts';
import { GATEWAY_API, INGRESS_GROUPS, TRAEFIK_GROUPS } from '../kinds/routes.ts';
import { isWorkloadKind, podTemplateOf } from '../kinds/workloads.ts';

/** A path to a field inside an object, as written (`['spec', 'replicas']`): the snapshot side turns it into a line. */
export type FieldPath = readonly (string | number)[];

export interface ObjectIdentity {
  /** API group, '' for the core group. */
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Group, kind, namespace (as written: the loader's namespace rules are applied by the caller) and name. */
export function identityOf(object: KubeObject): ObjectIdentity {
  const metadata = asRecord(object.metadata) ?? {};
  const namespace = asString(metadata.namespace);
  return {
    group: apiGroupOf(asString(object.apiVersion) ?? ''),
    kind: asString(object.kind) ?? '',
    ...(namespace ? { namespace } : {}),
    name: asString(metadata.name) ?? asString(metadata.generateName) ?? '',
  };
}

// Values compared ---------------------------------------------------------------------------------------------------

/** How two values of a slot are compared: as text, as a quantity (`1Gi` = `1024Mi`), or as an image reference. */
export type FactComparison = 'text' | 'quantity' | 'image';

/** One value of an object that a reader cares about, under a slot both sides share (`image:app`, `replicas`…). */
export interface Fact {
  slot: string;
  /** French, what the value is: « image du conteneur app », « répliques ». */
  label: string;
  value: string;
  comparison: FactComparison;
  /** Where it is written in the object; undefined when the value is a server default (`replicas` not written). */
  path?: FieldPath;
  /** The value is the API server's default, not written in the object (`replicas` absent → 1). */
  defaulted?: boolean;
}

const WORKLOAD_TEMPLATE_PATH: Record<string, FieldPath> = {
  Pod: ['spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function workloadImages(object: KubeObject): Fact[] {
  const { group, kind } = identityOf(object);
  if (!isWorkloadKind(group, kind)) return [];
  const template = podTemplateOf(object);
  if (!template) return [];
  const base = WORKLOAD_TEMPLATE_PATH[kind] ?? ['spec', 'template', 'spec'];
  const facts: Fact[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    asArray(template.spec[list]).forEach((item, index) => {
      const container = asRecord(item);
      const name = asString(container?.name);
      const image = asString(container?.image);
      if (!name || !image) return;
      const init = list === 'initContainers';
      facts.push({
        slot: `image:${init ? 'init:' : ''}${name}`,
        label: `image du conteneur ${init ? 'd’initialisation ' : ''}${name}`,
        value: image,
        comparison: 'image',
        path: [...base, list, index, 'image'],
      });
    });
  }
  return facts;
}

/** Images a workload runs, per container (CloudNativePG's Cluster runs its `imageName`). */
export function imagesOf(object: KubeObject): Fact[] {
  const { group, kind } = identityOf(object);
  if (group === 'postgresql.cnpg.io' && kind === 'Cluster') {
    const image = asString(asRecord(object.spec)?.imageName);
    return image ? [{ slot: 'image:postgres', label: 'image PostgreSQL', value: image, comparison: 'image', path: ['spec', 'imageName'] }] : [];
  }
  return workloadImages(object);
}

const REPLICATED = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/ReplicaSet', 'postgresql.cnpg.io/Cluster']);

/** Replicas (instances for a CloudNativePG Cluster); the server's default of 1 when not written. */
export function replicasOf(object: KubeObject): Fact | undefined {
  const { group, kind } = identityOf(object);
  if (!REPLICATED.has(`${group}/${kind}`)) return undefined;
  const field = kind === 'Cluster' ? 'instances' : 'replicas';
  const written = asString(asRecord(object.spec)?.[field]);
  const label = kind === 'Cluster' ? 'instances' : 'répliques';
  return written !== undefined
    ? { slot: 'replicas', label, value: written, comparison: 'text', path: ['spec', field] }
    : { slot: 'replicas', label, value: '1', comparison: 'text', defaulted: true };
}

const isIngressGroup = (group: string): boolean => (INGRESS_GROUPS as readonly string[]).includes(group);
const isTraefikGroup = (group: string): boolean => (TRAEFIK_GROUPS as readonly string[]).includes(group);

function hostArguments(match: string): string[] {
  const hosts: string[] = [];
  for (const call of match.matchAll(/\bHost(?:SNI)?\(([^)]*)\)/g)) for (const arg of call[1].matchAll(/[`"]([^`"]*)[`"]/g)) hosts.push(arg[1]);
  return hosts;
}

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Host names a route publishes (Ingress, Traefik IngressRoute, Gateway HTTPRoute) or a Certificate covers. */
export function hostsOf(object: KubeObject): Fact | undefined {
  const { group, kind } = identityOf(object);
  const spec = asRecord(object.spec) ?? {};
  let hosts: string[] | undefined;
  let path: FieldPath = ['spec'];
  if (kind === 'Ingress' && isIngressGroup(group)) {
    hosts = asRecords(spec.rules).map((r) => asString(r.host) ?? '*');
    path = ['spec', 'rules'];
  } else if ((kind === 'IngressRoute' || kind === 'IngressRouteTCP') && isTraefikGroup(group)) {
    hosts = asRecords(spec.routes).flatMap((r) => hostArguments(asString(r.match) ?? ''));
    path = ['spec', 'routes'];
  } else if (kind === 'HTTPRoute' && group === GATEWAY_API) {
    hosts = asArray(spec.hostnames).map((h) => asString(h)).filter((h): h is string => h !== undefined);
    path = ['spec', 'hostnames'];
  } else if (kind === 'Certificate' && group === 'cert-manager.io') {
    hosts = asArray(spec.dnsNames).map((h) => asString(h)).filter((h): h is string => h !== undefined);
    path = ['spec', 'dnsNames'];
  }
  if (hosts === undefined) return undefined;
  return { slot: 'hosts', label: 'noms d’hôte', value: sortedUnique(hosts).join(', '), comparison: 'text', path };
}

/** The Secrets holding the TLS certificates of a route (or the Secret a Certificate writes). */
export function tlsSecretsOf(object: KubeObject): Fact | undefined {
  const { group, kind } = identityOf(object);
  const spec = asRecord(object.spec) ?? {};
  let secrets: string[] | undefined;
  let path: FieldPath = ['spec', 'tls'];
  if (kind === 'Ingress' && isIngressGroup(group)) {
    secrets = asRecords(spec.tls).map((t) => asString(t.secretName)).filter((s): s is string => s !== undefined);
  } else if (kind === 'IngressRoute' && isTraefikGroup(group)) {
    const secret = asString(asRecord(spec.tls)?.secretName);
    secrets = secret ? [secret] : [];
  } else if (kind === 'Certificate' && group === 'cert-manager.io') {
    const secret = asString(spec.secretName);
    secrets = secret ? [secret] : [];
    path = ['spec', 'secretName'];
  }
  if (secrets === undefined) return undefined;
  return { slot: 'tls', label: 'secrets TLS', value: sortedUnique(secrets).join(', ') || 'aucun', comparison: 'text', path };
}

const K8UP_TASKS: [string, string][] = [
  ['backup', 'sauvegarde'],
  ['check', 'vérification'],
  ['prune', 'purge'],
  ['archive', 'archivage'],
  ['restore', 'restauration'],
];

/** Cron expressions: a CronJob's, a CloudNativePG ScheduledBackup's, each k8up Schedule task's. */
export function schedulesOf(object: KubeObject): Fact[] {
  const { group, kind } = identityOf(object);
  const spec = asRecord(object.spec) ?? {};
  const fact = (slot: string, label: string, value: string | undefined, path: FieldPath): Fact[] =>
    value ? [{ slot, label, value, comparison: 'text', path }] : [];
  if ((kind === 'CronJob' && group === 'batch') || (kind === 'ScheduledBackup' && group === 'postgresql.cnpg.io')) {
    return fact('schedule', 'planification', asString(spec.schedule), ['spec', 'schedule']);
  }
  if (kind === 'Schedule' && group === 'k8up.io') {
    return K8UP_TASKS.flatMap(([task, label]) =>
      fact(`schedule:${task}`, `planification (${label})`, asString(asRecord(spec[task])?.schedule), ['spec', task, 'schedule']),
    );
  }
  return [];
}

const SUSPENDABLE = new Set([
  'batch/CronJob',
  'postgresql.cnpg.io/ScheduledBackup',
  'kustomize.toolkit.fluxcd.io/Kustomization',
  'helm.toolkit.fluxcd.io/HelmRelease',
  'source.toolkit.fluxcd.io/GitRepository',
  'source.toolkit.fluxcd.io/HelmRepository',
  'source.toolkit.fluxcd.io/OCIRepository',
]);

/** Whether a CronJob, a scheduled backup or a Flux object is suspended (`flux suspend` writes it in the cluster only). */
export function suspensionOf(object: KubeObject): Fact | undefined {
  const { group, kind } = identityOf(object);
  if (!SUSPENDABLE.has(`${group}/${kind}`)) return undefined;
  const suspended = asRecord(object.spec)?.suspend === true;
  return { slot: 'suspend', label: 'suspension', value: suspended ? 'suspendu' : 'actif', comparison: 'text', path: ['spec', 'suspend'], ...(suspended ? {} : { defaulted: true }) };
}

function requestedStorage(spec: Record<string, unknown> | undefined): string | undefined {
  return asString(asRecord(asRecord(spec?.resources)?.requests)?.storage);
}

/** Requested storage: a PVC's, each StatefulSet volume template's, a CloudNativePG Cluster's data and WAL volumes. */
export function storageOf(object: KubeObject): Fact[] {
  const { group, kind } = identityOf(object);
  const spec = asRecord(object.spec);
  const fact = (slot: string, label: string, value: string | undefined, path: FieldPath): Fact[] =>
    value ? [{ slot, label, value, comparison: 'quantity', path }] : [];
  if (kind === 'PersistentVolumeClaim' && group === '') return fact('storage', 'taille demandée', requestedStorage(spec), ['spec', 'resources', 'requests', 'storage']);
  if (kind === 'StatefulSet' && group === 'apps') {
    return asArray(spec?.volumeClaimTemplates).flatMap((item, index) => {
      const template = asRecord(item);
      const name = asString(asRecord(template?.metadata)?.name);
      return name
        ? fact(`storage:${name}`, `taille du volume ${name}`, requestedStorage(asRecord(template?.spec)), ['spec', 'volumeClaimTemplates', index, 'spec', 'resources', 'requests', 'storage'])
        : [];
    });
  }
  if (kind === 'Cluster' && group === 'postgresql.cnpg.io') {
    return [
      ...fact('storage:data', 'taille du volume de données', asString(asRecord(spec?.storage)?.size), ['spec', 'storage', 'size']),
      ...fact('storage:wal', 'taille du volume des journaux (WAL)', asString(asRecord(spec?.walStorage)?.size), ['spec', 'walStorage', 'size']),
    ];
  }
  return [];
}

/** The chart and version a Flux HelmRelease, a k3s HelmChart or an Argo CD Application installs. */
export function chartOf(object: KubeObject): Fact | undefined {
  const { group, kind } = identityOf(object);
  const spec = asRecord(object.spec) ?? {};
  const fact = (chart: string | undefined, version: string | undefined, path: FieldPath): Fact | undefined =>
    chart ? { slot: 'chart', label: 'chart et version', value: `${chart} ${version ?? '(sans version)'}`, comparison: 'text', path } : undefined;
  if (kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
    const chartSpec = asRecord(asRecord(spec.chart)?.spec);
    if (chartSpec) return fact(asString(chartSpec.chart), asString(chartSpec.version), ['spec', 'chart', 'spec', 'version']);
    const ref = asRecord(spec.chartRef);
    return fact(asString(ref?.name), undefined, ['spec', 'chartRef']);
  }
  if (kind === 'HelmChart' && group === 'helm.cattle.io') return fact(asString(spec.chart), asString(spec.version), ['spec', 'version']);
  if (kind === 'Application' && group === 'argoproj.io') {
    const source = asRecord(spec.source);
    return source?.chart ? fact(asString(source.chart), asString(source.targetRevision), ['spec', 'source', 'targetRevision']) : undefined;
  }
  return undefined;
}

/** Every value of an object the comparison looks at. Replicas are separate: an autoscaler may own them. */
export function comparedFacts(object: KubeObject): Fact[] {
  return [
    ...imagesOf(object),
    ...[hostsOf(object), tlsSecretsOf(object), chartOf(object), suspensionOf(object)].filter((f): f is Fact => f !== undefined),
    ...schedulesOf(object),
    ...storageOf(object),
  ];
}

/** Whether two values of the same slot mean the same thing. */
export function sameValue(comparison: FactComparison, a: string, b: string): boolean {
  if (a === b) return true;
  if (comparison === 'quantity') {
    const x = parseQuantity(a);
    const y = parseQuantity(b);
    return Number.isFinite(x) && x === y;
  }
  // `nginx:1.27` and `docker.io/library/nginx:1.27` are the same image for the container runtime.
  if (comparison === 'image') return shortImageName(parseImage(a)) === shortImageName(parseImage(b));
  return false;
}

// Autoscaling -------------------------------------------------------------------------------------------------------

export interface ScaleTarget {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The workload an autoscaler (HorizontalPodAutoscaler, KEDA ScaledObject) sets the replicas of. */
export function scaleTargetOf(object: KubeObject): ScaleTarget | undefined {
  const { group, kind, namespace } = identityOf(object);
  const isHpa = kind === 'HorizontalPodAutoscaler' && group === 'autoscaling';
  const isKeda = kind === 'ScaledObject' && group === 'keda.sh';
  if (!isHpa && !isKeda) return undefined;
  const ref = asRecord(asRecord(object.spec)?.scaleTargetRef);
  const name = asString(ref?.name);
  if (!name) return undefined;
  return {
    group: apiGroupOf(asString(ref?.apiVersion) ?? 'apps/v1'),
    kind: asString(ref?.kind) ?? 'Deployment',
    ...(namespace ? { namespace } : {}),
    name,
  };
}

// Who made an object --------------------------------------------------------------------------------------------------

export interface HelmReleaseName {
  name: string;
  namespace?: string;
}

/** What an object says about its makers: read once per object, used by the ignore rules. */
export interface Markers {
  /** Kinds and names of the objects that own it (`metadata.ownerReferences`). */
  owners: { kind: string; name: string }[];
  /** The Helm release that rendered it (annotations meta.helm.sh/*, else Flux helm-controller labels). */
  helmRelease?: HelmReleaseName;
  /** A Helm hook (Job, Pod…): made by Helm at install or upgrade time. */
  helmHook: boolean;
  /** A Secret where Helm stores a release (`sh.helm.release.v1.<release>.v<n>`). */
  helmStorage?: HelmReleaseName;
  /** The Flux Kustomization that applied it (labels kustomize.toolkit.fluxcd.io/*). */
  fluxKustomization?: { name: string; namespace: string };
  /** Part of Flux itself, installed by `flux bootstrap` or `flux install`. */
  fluxComponent: boolean;
  /** Applied by k3s from its own manifests folder, or made by its service load balancer. */
  k3s: boolean;
  /** The cert-manager Certificate that writes this Secret. */
  certManagerCertificate?: string;
  /** Kubernetes' default RBAC objects (`kubernetes.io/bootstrapping: rbac-defaults`). */
  kubernetesDefault: boolean;
  /** A PersistentVolume made by a provisioner for a claim. */
  dynamicallyProvisioned: boolean;
  /** A Secret holding a ServiceAccount token, made by Kubernetes. */
  serviceAccountToken: boolean;
  /** The sealed-secrets controller's own key pair. */
  sealedSecretsKey: boolean;
  /** The Argo CD Application tracking it (annotation argocd.argoproj.io/tracking-id). */
  argoApplication?: string;
}

const HELM_STORAGE = /^sh\.helm\.release\.v1\.(.+)\.v\d+$/;

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(asRecord(value) ?? {})) if (typeof v === 'string') out[key] = v;
  return out;
}

export function markersOf(object: KubeObject): Markers {
  const metadata = asRecord(object.metadata) ?? {};
  const labels = stringMap(metadata.labels);
  const annotations = stringMap(metadata.annotations);
  const { group, kind, namespace, name } = identityOf(object);
  const owners = asRecords(metadata.ownerReferences)
    .map((o) => ({ kind: asString(o.kind) ?? '', name: asString(o.name) ?? '' }))
    .filter((o) => o.kind && o.name);

  let helmRelease: HelmReleaseName | undefined;
  const releaseName = annotations['meta.helm.sh/release-name'];
  if (releaseName) helmRelease = { name: releaseName, namespace: annotations['meta.helm.sh/release-namespace'] ?? namespace };
  else if (labels['app.kubernetes.io/managed-by'] === 'Helm' && labels['helm.toolkit.fluxcd.io/name']) {
    helmRelease = { name: labels['helm.toolkit.fluxcd.io/name'], namespace: labels['helm.toolkit.fluxcd.io/namespace'] ?? namespace };
  }

  const isSecret = group === '' && kind === 'Secret';
  const type = asString(object.type);
  const storageMatch = isSecret ? HELM_STORAGE.exec(name) : null;
  const helmStorage =
    isSecret && (type === 'helm.sh/release.v1' || storageMatch) ? { name: labels.name ?? storageMatch?.[1] ?? name, namespace } : undefined;

  const fluxName = labels['kustomize.toolkit.fluxcd.io/name'];
  const fluxNamespace = labels['kustomize.toolkit.fluxcd.io/namespace'];
  const tracking = annotations['argocd.argoproj.io/tracking-id'];

  return {
    owners,
    ...(helmRelease ? { helmRelease } : {}),
    helmHook: annotations['helm.sh/hook'] !== undefined,
    ...(helmStorage ? { helmStorage } : {}),
    ...(fluxName && fluxNamespace ? { fluxKustomization: { name: fluxName, namespace: fluxNamespace } } : {}),
    fluxComponent: labels['app.kubernetes.io/part-of'] === 'flux',
    k3s:
      labels['objectset.rio.cattle.io/hash'] !== undefined ||
      annotations['objectset.rio.cattle.io/applied'] !== undefined ||
      labels['svccontroller.k3s.cattle.io/svcname'] !== undefined,
    ...(isSecret && annotations['cert-manager.io/certificate-name'] ? { certManagerCertificate: annotations['cert-manager.io/certificate-name'] } : {}),
    kubernetesDefault: labels['kubernetes.io/bootstrapping'] === 'rbac-defaults' || annotations['apf.kubernetes.io/autoupdate-spec'] !== undefined,
    dynamicallyProvisioned: group === '' && kind === 'PersistentVolume' && annotations['pv.kubernetes.io/provisioned-by'] !== undefined,
    serviceAccountToken: isSecret && type === 'kubernetes.io/service-account-token',
    sealedSecretsKey: isSecret && labels['sealedsecrets.bitnami.com/sealed-secrets-key'] !== undefined,
    ...(tracking ? { argoApplication: tracking.split(':')[0] } : {}),
  };
}

export interface InstalledRelease extends HelmReleaseName {
  /** Namespace of the Secrets where Helm stores the release. */
  storageNamespace?: string;
  /** The deploying object creates its target namespace (`install.createNamespace`). */
  createsNamespace: boolean;
  /** A Flux HelmRelease: helm-controller makes a source HelmChart `<namespace>-<name>` for it. */
  fluxHelmChart?: { namespace?: string; name: string };
}

/** The Helm release an object installs: a Flux HelmRelease, a k3s HelmChart, an Argo CD Application with a chart. */
export function releaseInstalledBy(object: KubeObject): InstalledRelease | undefined {
  const { group, kind, namespace, name } = identityOf(object);
  const spec = asRecord(object.spec) ?? {};
  if (kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
    const target = asString(spec.targetNamespace);
    const chartSpec = asRecord(asRecord(spec.chart)?.spec);
    const sourceNamespace = asString(asRecord(chartSpec?.sourceRef)?.namespace) ?? namespace;
    return {
      name: asString(spec.releaseName) ?? (target ? `${target}-${name}` : name),
      namespace: target ?? namespace,
      storageNamespace: asString(spec.storageNamespace) ?? namespace,
      createsNamespace: asRecord(spec.install)?.createNamespace === true,
      ...(chartSpec ? { fluxHelmChart: { ...(sourceNamespace ? { namespace: sourceNamespace } : {}), name: `${namespace}-${name}` } } : {}),
    };
  }
  if (kind === 'HelmChart' && group === 'helm.cattle.io') {
    const target = asString(spec.targetNamespace) ?? namespace;
    return { name, namespace: target, storageNamespace: target, createsNamespace: spec.createNamespace === true };
  }
  if (kind === 'Application' && group === 'argoproj.io' && asRecord(spec.source)?.chart) {
    const target = asString(asRecord(spec.destination)?.namespace);
    return {
      name: asString(asRecord(asRecord(spec.source)?.helm)?.releaseName) ?? name,
      ...(target ? { namespace: target } : {}),
      createsNamespace: false,
    };
  }
  return undefined;
}

// Secrets --------------------------------------------------------------------------------------------------------------

/** Fields of a Secret that hold values: the snapshot reader removes them before anything else reads the object. */
export const SECRET_VALUE_FIELDS = ['data', 'stringData'] as const;

/** Annotations that may repeat a Secret's values (`kubectl apply` keeps the whole object there). */
export const SECRET_VALUE_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'] as const;

export function isSecret(object: { apiVersion?: unknown; kind?: unknown }): boolean {
  return object.kind === 'Secret' && apiGroupOf(typeof object.apiVersion === 'string' ? object.apiVersion : '') === '';
}
