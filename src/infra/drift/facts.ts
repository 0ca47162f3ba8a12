// What the Git ↔ cluster comparison compares, in one module: the values a reader cares about (images, replicas, hosts,
// TLS secrets, schedules, storage sizes, chart versions, suspension), each read through the parser the kind registry
// names — the same reading as the relations, checks and views, for Git's objects and the cluster's alike — with the
// field it was read from; and the markers in an object's metadata that say who made it (owner references, Helm, Flux,
// k3s, operators), which the ignore rules read. Pure: a field of the wrong type is absent, never a crash.
import { asRecord, asRecords, asString } from '../fields.ts';
import { parseImage, shortImageName } from '../images.ts';
import {
  chartsOf,
  podsOf,
  releaseOf,
  requestedCertificateOf,
  routeOf,
  scaleTargetOf,
  schedulesOf,
  storageOf,
  suspensionOf,
} from '../kinds/readers.ts';
import type { InstalledRelease } from '../kinds/charts.ts';
import type { ScheduledTask } from '../kinds/schedules.ts';
import { apiGroupOf, type FieldPath, type KubeObject } from '../model.ts';
import { parseQuantity } from '../quantities.ts';

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
  /** Every field the value is read from (each host's field for a route's hosts): a change there is this value's. */
  covers: FieldPath[];
  /** The value is the API server's default, not written in the object (`replicas` absent → 1). */
  defaulted?: boolean;
}

/** Images a workload runs, per container (CloudNativePG's Cluster runs PostgreSQL). */
function imageFacts(object: KubeObject): Fact[] {
  return (podsOf(object)?.containers ?? []).flatMap((c): Fact[] => {
    if (!c.name || !c.image) return [];
    const init = c.init ? 'init:' : '';
    const label = c.software ? `image ${c.software}` : `image du conteneur ${c.init ? 'd’initialisation ' : ''}${c.name}`;
    return [{ slot: `image:${init}${c.name}`, label, value: c.image, comparison: 'image', ...(c.at.image ? { path: c.at.image } : {}), covers: c.at.image ? [c.at.image] : [] }];
  });
}

/** Replicas (instances for a CloudNativePG Cluster); the default of 1 when not written. */
export function replicasOf(object: KubeObject): Fact | undefined {
  const replicas = podsOf(object)?.replicas;
  if (!replicas || (replicas.by !== 'replicas' && replicas.by !== 'instances')) return undefined;
  const label = replicas.by === 'instances' ? 'instances' : 'répliques';
  const value = String(replicas.count);
  return replicas.at
    ? { slot: 'replicas', label, value, comparison: 'text', path: replicas.at, covers: [replicas.at] }
    : { slot: 'replicas', label, value, comparison: 'text', defaulted: true, covers: [] };
}

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Host names a route publishes (`*`: every host) or a certificate covers, and the Secrets holding their certificates. */
function trafficFacts(object: KubeObject): Fact[] {
  const route = routeOf(object);
  const certificate = requestedCertificateOf(object);
  const facts: Fact[] = [];
  const text = (slot: 'hosts' | 'tls', values: Iterable<string>, path: FieldPath, covers: FieldPath[] = [path]): void => {
    const value = sortedUnique(values).join(', ');
    facts.push(
      slot === 'hosts'
        ? { slot, label: 'noms d’hôte', value, comparison: 'text', path, covers }
        : { slot, label: 'secrets TLS', value: value || 'aucun', comparison: 'text', path, covers },
    );
  };
  if (route) {
    const hosts = [...route.hosts, ...route.rules.filter((r) => !r.fallback).flatMap((r) => r.matches.map((m) => m.host))];
    text('hosts', hosts, route.at.hosts, route.at.hostFields);
    if (route.at.tls) text('tls', route.tls.flatMap((t) => (t.secretName ? [t.secretName] : [])), route.at.tls);
  }
  if (certificate) {
    text('hosts', certificate.dnsNames, certificate.at.dnsNames);
    text('tls', certificate.secretName ? [certificate.secretName] : [], certificate.at.secretName);
  }
  return facts;
}

/** French names of the tasks a kind schedules several of (k8up's). */
const TASK_NAMES: Partial<Record<ScheduledTask, string>> = {
  'volume-backup': 'sauvegarde',
  check: 'vérification',
  prune: 'purge',
  archive: 'archivage',
  restore: 'restauration',
};

/** Cron expressions: a CronJob's, a CloudNativePG ScheduledBackup's, each k8up Schedule task's. */
function scheduleFacts(object: KubeObject): Fact[] {
  return schedulesOf(object).flatMap((s): Fact[] => {
    if (!s.expression || !s.at.expression) return [];
    const slot = s.field ? `schedule:${s.field}` : 'schedule';
    const label = s.field ? `planification (${TASK_NAMES[s.task] ?? s.field})` : 'planification';
    return [{ slot, label, value: s.expression, comparison: 'text', path: s.at.expression, covers: [s.at.expression] }];
  });
}

/** Whether a CronJob, a scheduled backup or a Flux object is suspended (`flux suspend` writes it in the cluster only). */
function suspensionFact(object: KubeObject): Fact[] {
  const suspension = suspensionOf(object);
  if (!suspension) return [];
  const { suspended, at } = suspension;
  return [{ slot: 'suspend', label: 'suspension', value: suspended ? 'suspendu' : 'actif', comparison: 'text', path: at, covers: [at], ...(suspended ? {} : { defaulted: true }) }];
}

/** Requested storage: a PVC's, each StatefulSet volume template's, a CloudNativePG Cluster's data and WAL volumes. */
function storageFacts(object: KubeObject): Fact[] {
  return storageOf(object).map(({ volume, title, size, at }) => ({
    slot: volume ? `storage:${volume}` : 'storage',
    label: volume ? `taille du ${title ?? `volume ${volume}`}` : 'taille demandée',
    value: size,
    comparison: 'quantity',
    path: at.size,
    covers: [at.size],
  }));
}

/** The chart and version a Flux HelmRelease, a k3s HelmChart or an Argo CD Application installs. */
function chartFacts(object: KubeObject): Fact[] {
  const installs = chartsOf(object).filter((c) => !c.configures);
  return installs.map((c) => ({
    slot: installs.length > 1 ? `chart:${c.chart}` : 'chart',
    label: 'chart et version',
    value: `${c.chart} ${c.version ?? '(sans version)'}`,
    comparison: 'text',
    path: c.at.version ?? c.at.chart,
    covers: c.at.version ? [c.at.version, c.at.chart] : [c.at.chart],
  }));
}

/** Every value of an object the comparison looks at. Replicas are separate: an autoscaler may own them. */
export function comparedFacts(object: KubeObject): Fact[] {
  return [...imageFacts(object), ...trafficFacts(object), ...chartFacts(object), ...suspensionFact(object), ...scheduleFacts(object), ...storageFacts(object)];
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

/** The workload an autoscaler (HorizontalPodAutoscaler, KEDA ScaledObject) sets the replicas of, in its namespace. */
export function scaledBy(object: KubeObject): ObjectIdentity | undefined {
  const scaling = scaleTargetOf(object);
  if (!scaling) return undefined;
  const { namespace } = identityOf(object);
  return { ...scaling.target, ...(namespace ? { namespace } : {}) };
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

/** The Helm release an object installs: a Flux HelmRelease, a k3s HelmChart, an Argo CD Application with a chart. */
export function releaseInstalledBy(object: KubeObject): InstalledRelease | undefined {
  return releaseOf(object);
}

// Secrets --------------------------------------------------------------------------------------------------------------

/** Fields of a Secret that hold values: the snapshot reader removes them before anything else reads the object. */
export const SECRET_VALUE_FIELDS = ['data', 'stringData'] as const;

/** Annotations that may repeat a Secret's values (`kubectl apply` keeps the whole object there). */
export const SECRET_VALUE_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'] as const;

export function isSecret(object: { apiVersion?: unknown; kind?: unknown }): boolean {
  return object.kind === 'Secret' && apiGroupOf(typeof object.apiVersion === 'string' ? object.apiVersion : '') === '';
}
