// What `kubectl get … -A -o yaml` would print for a cluster running one environment of the model: every resource of
// Git as the API server returns it (defaults filled in, status, managedFields, uid, resourceVersion, Flux's labels),
// plus everything Kubernetes, k3s, Flux, Helm and the operators create by themselves (Pods and ReplicaSets,
// Endpoints, default ServiceAccounts, kube-root-ca.crt, Helm release Secrets with their data, CloudNativePG's
// Services and Secrets, cert-manager's certificates…), plus the differences a test plants. Deterministic: the same
// model and options always give the same text. Used for the drift fixtures (tests/fixtures/drift/, written by
// `npm run fixtures:drift`) and for the benchmark's large exports.
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import {
  asRecord,
  asRecords,
  asString,
  podTemplateOf,
  releaseInstalledBy,
  type Environment,
  type KubeObject,
  type Model,
  type Resource,
} from '../../src/infra/index.ts';

/** A difference planted in the export, so that a test can check the comparison finds it (once, and nothing else). */
export type Plant =
  /** `kubectl scale`: the cluster runs another number of replicas. */
  | { type: 'scaled'; namespace: string; name: string; replicas: number }
  /** `kubectl set image`: a container runs another image. */
  | { type: 'image'; namespace: string; name: string; container: string; image: string }
  /** `kubectl apply -f` of a ConfigMap that no manifest describes. */
  | { type: 'configmap-by-hand'; namespace: string; name: string; data: Record<string, string> }
  /** A Flux Kustomization that was never applied: neither it nor anything it deploys is in the cluster. */
  | { type: 'kustomization-not-applied'; namespace: string; name: string };

export interface ExportOptions {
  /** ISO date written in the header comment, and base of every timestamp. */
  takenAt: string;
  plants?: readonly Plant[];
  /** Name of the cluster's single node. */
  node?: string;
  /** Write managedFields on the objects Flux applied (`kubectl get --show-managed-fields`). Default: true. */
  managedFields?: boolean;
}

const hash = (text: string, length = 10): string => createHash('sha1').update(text).digest('hex').slice(0, length);
const uid = (text: string): string => {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
/** Pod-template hashes and name suffixes as Kubernetes writes them (consonants and digits). */
const suffix = (text: string, length: number): string => {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const bytes = createHash('sha1').update(text).digest();
  return Array.from(bytes.subarray(0, length), (b) => alphabet[b % alphabet.length]).join('');
};
/** A value that looks like base64 data and is unique to this fixture, so tests can prove it is never shown. */
const secretValue = (text: string): string => Buffer.from(`ffe-valeur-secrete-${hash(text, 16)}`).toString('base64');

const clone = <T>(value: T): T => structuredClone(value);

class Builder {
  readonly objects: KubeObject[] = [];
  private version = 41_000;
  private readonly base: number;
  readonly node: string;
  readonly managedFields: boolean;

  constructor(options: ExportOptions) {
    this.base = Date.parse(options.takenAt);
    this.node = options.node ?? 'node-1';
    this.managedFields = options.managedFields ?? true;
  }

  /** A time before the export, `daysBefore` days (fractional) earlier, as the API writes it. */
  time(daysBefore: number): string {
    return new Date(this.base - Math.round(daysBefore * 86_400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** Server-side metadata on top of `metadata` (name, namespace, labels, annotations as given). */
  meta(apiVersion: string, kind: string, metadata: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const key = `${apiVersion}/${kind}/${String(metadata.namespace ?? '')}/${String(metadata.name)}`;
    const days = 30 + (parseInt(hash(key, 4), 16) % 300) / 10;
    this.version += 7;
    return { ...metadata, creationTimestamp: this.time(days), resourceVersion: String(this.version), uid: uid(key), ...extra };
  }

  add(object: KubeObject): KubeObject {
    this.objects.push(object);
    return object;
  }
}

function deployerIndex(model: Model, env: Environment): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const relation of model.relations) {
    if (relation.type !== 'deploys' || !relation.from.startsWith(`${env.name}/`) || out.has(relation.to)) continue;
    const deployer = env.byKey.get(relation.from);
    if (deployer) out.set(relation.to, deployer);
  }
  return out;
}

function managedFieldsFor(b: Builder, object: Record<string, unknown>, manager: string, days: number): Record<string, unknown>[] {
  const fields = (value: unknown, depth: number): unknown => {
    const record = asRecord(value);
    if (!record || depth > 3) return {};
    return Object.fromEntries(Object.keys(record).sort().map((k) => [`f:${k}`, fields(record[k], depth + 1)]));
  };
  const entries: Record<string, unknown>[] = [
    {
      apiVersion: object.apiVersion,
      fieldsType: 'FieldsV1',
      fieldsV1: fields({ metadata: { labels: asRecord(asRecord(object.metadata)?.labels) ?? {} }, spec: object.spec ?? {} }, 0),
      manager,
      operation: 'Apply',
      time: b.time(days),
    },
  ];
  if (object.status) entries.push({ apiVersion: object.apiVersion, fieldsType: 'FieldsV1', fieldsV1: { 'f:status': {} }, manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', time: b.time(days / 2) });
  return entries;
}

const READY = (b: Builder, type = 'Ready', reason = 'ReconciliationSucceeded', message = 'Applied revision: main@sha1:4f1c2e9a7b'): Record<string, unknown> => ({
  lastTransitionTime: b.time(0.2),
  message,
  observedGeneration: 1,
  reason,
  status: 'True',
  type,
});

/** What the API server writes in a pod template: the defaults of a pod and of its containers. */
function podSpecDefaults(pod: Record<string, unknown>): void {
  pod.dnsPolicy ??= 'ClusterFirst';
  pod.restartPolicy ??= 'Always';
  pod.schedulerName ??= 'default-scheduler';
  pod.securityContext ??= {};
  pod.terminationGracePeriodSeconds ??= 30;
  for (const container of [...asRecords(pod.initContainers), ...asRecords(pod.containers)]) {
    container.imagePullPolicy ??= String(container.image ?? '').endsWith(':latest') ? 'Always' : 'IfNotPresent';
    container.terminationMessagePath ??= '/dev/termination-log';
    container.terminationMessagePolicy ??= 'File';
    container.resources ??= {};
    for (const port of asRecords(container.ports)) port.protocol ??= 'TCP';
  }
}

/** A Deployment, StatefulSet or DaemonSet as the API server keeps it: defaults, its template's, and a rolled-out status. */
function workloadServerSide(b: Builder, object: Record<string, unknown>, spec: Record<string, unknown>, replicasOverride: number | undefined): void {
  const kind = String(object.kind);
  const metadata = asRecord(object.metadata)!;
  if (kind !== 'DaemonSet') spec.replicas = replicasOverride ?? spec.replicas ?? 1;
  spec.revisionHistoryLimit ??= 10;
  if (kind === 'Deployment') {
    spec.progressDeadlineSeconds ??= 600;
    spec.strategy ??= { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' };
    metadata.annotations = { ...(asRecord(metadata.annotations) ?? {}), 'deployment.kubernetes.io/revision': '3' };
  }
  const template = asRecord(spec.template);
  if (template) {
    template.metadata = { creationTimestamp: null, ...(asRecord(template.metadata) ?? {}) };
    podSpecDefaults(asRecord(template.spec) ?? {});
  }
  const replicas = Number(spec.replicas ?? 1);
  object.status = {
    availableReplicas: replicas,
    conditions: [
      { lastTransitionTime: b.time(3), lastUpdateTime: b.time(3), message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
      { lastTransitionTime: b.time(20), lastUpdateTime: b.time(3), message: `ReplicaSet "${String(metadata.name)}-${suffix(String(metadata.name), 10)}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
    ],
    observedGeneration: 3,
    readyReplicas: replicas,
    replicas,
    updatedReplicas: replicas,
  };
}

/** A PersistentVolumeClaim bound by k3s's local-path provisioner. */
function claimServerSide(b: Builder, object: Record<string, unknown>, spec: Record<string, unknown>): void {
  const metadata = asRecord(object.metadata)!;
  spec.storageClassName ??= 'local-path';
  spec.volumeMode ??= 'Filesystem';
  spec.volumeName ??= `pvc-${uid(`${String(metadata.namespace)}/${String(metadata.name)}`)}`;
  metadata.annotations = {
    ...(asRecord(metadata.annotations) ?? {}),
    'pv.kubernetes.io/bind-completed': 'yes',
    'pv.kubernetes.io/bound-by-controller': 'yes',
    'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
    'volume.kubernetes.io/selected-node': b.node,
    'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
  };
  metadata.finalizers = ['kubernetes.io/pvc-protection'];
  const storage = asString(asRecord(asRecord(spec.resources)?.requests)?.storage) ?? '1Gi';
  object.status = { accessModes: spec.accessModes ?? ['ReadWriteOnce'], capacity: { storage }, phase: 'Bound' };
}

/** Fills in what the API server adds to a written object of this kind: defaults, and a status. */
function serverSide(b: Builder, object: Record<string, unknown>, replicasOverride?: number): void {
  const kind = String(object.kind);
  const group = String(object.apiVersion).includes('/') ? String(object.apiVersion).split('/')[0] : '';
  const spec = asRecord(object.spec);
  const metadata = asRecord(object.metadata)!;
  if (group === 'apps' && (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'DaemonSet') && spec) {
    workloadServerSide(b, object, spec, replicasOverride);
  } else if (group === '' && kind === 'Service' && spec) {
    const ip = `10.43.${parseInt(hash(String(metadata.name) + String(metadata.namespace), 2), 16)}.${parseInt(hash(String(metadata.namespace) + String(metadata.name), 2), 16)}`;
    spec.clusterIP ??= ip;
    spec.clusterIPs ??= [spec.clusterIP];
    spec.internalTrafficPolicy ??= 'Cluster';
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.sessionAffinity ??= 'None';
    spec.type ??= 'ClusterIP';
    for (const port of asRecords(spec.ports)) {
      port.protocol ??= 'TCP';
      port.targetPort ??= port.port;
    }
    object.status = { loadBalancer: {} };
  } else if (group === '' && kind === 'PersistentVolumeClaim' && spec) {
    claimServerSide(b, object, spec);
  } else if (group === 'networking.k8s.io' && kind === 'Ingress' && spec) {
    spec.ingressClassName ??= 'traefik';
    object.status = { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } };
  } else if (group === 'networking.k8s.io' && kind === 'NetworkPolicy' && spec) {
    spec.policyTypes ??= [...(spec.ingress !== undefined || !spec.egress ? ['Ingress'] : []), ...(spec.egress !== undefined ? ['Egress'] : [])];
  } else if (group === '' && kind === 'Namespace') {
    metadata.labels = { ...(asRecord(metadata.labels) ?? {}), 'kubernetes.io/metadata.name': String(metadata.name) };
    object.spec = { finalizers: ['kubernetes'] };
    object.status = { phase: 'Active' };
  } else if (group === 'policy' && kind === 'PodDisruptionBudget') {
    object.status = { currentHealthy: 1, desiredHealthy: 1, disruptionsAllowed: 0, expectedPods: 1, observedGeneration: 1 };
  } else if (group === 'kustomize.toolkit.fluxcd.io' || group === 'helm.toolkit.fluxcd.io' || group === 'source.toolkit.fluxcd.io') {
    metadata.finalizers = ['finalizers.fluxcd.io'];
    metadata.generation = 1;
    object.status = { conditions: [READY(b)], lastAppliedRevision: 'main@sha1:4f1c2e9a7b', observedGeneration: 1 };
  } else if (group === 'postgresql.cnpg.io' && kind === 'Cluster' && spec) {
    spec.enablePDB ??= true;
    spec.enableSuperuserAccess ??= false;
    spec.failoverDelay ??= 0;
    spec.logLevel ??= 'info';
    spec.maxSyncReplicas ??= 0;
    spec.minSyncReplicas ??= 0;
    spec.primaryUpdateMethod ??= 'restart';
    spec.primaryUpdateStrategy ??= 'unsupervised';
    spec.smartShutdownTimeout ??= 180;
    spec.startDelay ??= 3600;
    spec.stopDelay ??= 1800;
    spec.switchoverDelay ??= 3600;
    object.status = { currentPrimary: `${String(metadata.name)}-1`, instances: spec.instances ?? 1, phase: 'Cluster in healthy state', readyInstances: spec.instances ?? 1 };
  } else if (group === 'bitnami.com' && kind === 'SealedSecret') {
    object.status = { conditions: [{ lastTransitionTime: b.time(4), lastUpdateTime: b.time(4), status: 'True', type: 'Synced' }], observedGeneration: 1 };
  } else if (group === 'cert-manager.io' && kind === 'ClusterIssuer') {
    object.status = { acme: { lastPrivateKeyHash: hash(String(metadata.name), 20), lastRegisteredEmail: 'ops@example.invalid', uri: `https://acme-v02.api.letsencrypt.org/acme/acct/${parseInt(hash(String(metadata.name), 6), 16)}` }, conditions: [READY(b, 'Ready', 'ACMEAccountRegistered', 'The ACME account was registered with the ACME server')] };
  } else if (group === 'k8up.io' || group === 'monitoring.coreos.com' || group === 'traefik.io' || group === 'barmancloud.cnpg.io' || group === 'helm.cattle.io') {
    metadata.generation = 1;
  }
}

interface Context {
  b: Builder;
  model: Model;
  env: Environment;
  deployer: Map<string, Resource>;
  plants: readonly Plant[];
  /** Keys of the resources that are not in the cluster (a Kustomization never applied, and what it deploys). */
  absent: Set<string>;
  namespaces: Set<string>;
}

const MANAGED_FIELDS_KINDS = new Set(['Deployment', 'HelmRelease', 'Ingress', 'PersistentVolumeClaim', 'Cluster']);

/** The Git resource as the API server returns it after Flux applied it. */
function applied(ctx: Context, resource: Resource): KubeObject {
  const { b } = ctx;
  const object = clone(resource.object) as Record<string, unknown>;
  const metadata = { ...(asRecord(object.metadata) ?? {}) } as Record<string, unknown>;
  if (resource.id.namespace) metadata.namespace = resource.id.namespace;
  else delete metadata.namespace;
  const deployer = ctx.deployer.get(resource.key);
  if (deployer) {
    metadata.labels = {
      ...(asRecord(metadata.labels) ?? {}),
      'kustomize.toolkit.fluxcd.io/name': deployer.id.name,
      'kustomize.toolkit.fluxcd.io/namespace': deployer.id.namespace ?? '',
    };
  }
  object.metadata = b.meta(resource.apiVersion, resource.id.kind, metadata);
  const scaled = ctx.plants.find((p): p is Extract<Plant, { type: 'scaled' }> => p.type === 'scaled' && p.namespace === resource.id.namespace && p.name === resource.id.name && resource.id.kind === 'Deployment');
  serverSide(b, object, scaled?.replicas);
  for (const plant of ctx.plants) {
    if (plant.type !== 'image' || plant.namespace !== resource.id.namespace || plant.name !== resource.id.name || !podTemplateOf(object as KubeObject)) continue;
    for (const container of asRecords(podTemplateOf(object as KubeObject)!.podSpec.containers)) if (container.name === plant.container) container.image = plant.image;
  }
  // managedFields only on the kinds people edit by hand: enough to prove they are ignored, without tripling the file.
  if (ctx.b.managedFields && deployer && MANAGED_FIELDS_KINDS.has(resource.id.kind)) {
    (object.metadata as Record<string, unknown>).managedFields = managedFieldsFor(b, object, 'kustomize-controller', 5);
  }
  return object as KubeObject;
}

function owner(apiVersion: string, kind: string, name: string, namespace: string | undefined, controller = true): Record<string, unknown> {
  return { apiVersion, blockOwnerDeletion: true, controller, kind, name, uid: uid(`${apiVersion}/${kind}/${namespace ?? ''}/${name}`) };
}

function pod(ctx: Context, namespace: string, name: string, ownerRef: Record<string, unknown>, template: { labels: Record<string, string>; spec: Record<string, unknown> }): void {
  const spec = clone(template.spec);
  spec.nodeName = ctx.b.node;
  spec.serviceAccountName ??= 'default';
  spec.serviceAccount = spec.serviceAccountName;
  spec.enableServiceLinks = true;
  spec.preemptionPolicy = 'PreemptLowerPriority';
  spec.priority = 0;
  spec.tolerations = [
    { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
    { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
  ];
  ctx.b.add({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: ctx.b.meta('v1', 'Pod', { name, namespace, labels: template.labels, ownerReferences: [ownerRef], generateName: name.replace(/[^-]+$/, '') }),
    spec,
    status: { conditions: [{ lastTransitionTime: ctx.b.time(2), status: 'True', type: 'Ready' }], hostIP: '203.0.113.10', phase: 'Running', podIP: `10.42.0.${parseInt(hash(name, 2), 16)}`, qosClass: 'Burstable', startTime: ctx.b.time(2) },
  });
}

/** ReplicaSet and Pods of a Deployment, as the controllers make them. */
function deploymentChildren(ctx: Context, deployment: KubeObject): void {
  const namespace = String(deployment.metadata?.namespace);
  const name = String(deployment.metadata?.name);
  const spec = asRecord(deployment.spec) ?? {};
  const template = asRecord(spec.template) ?? {};
  const labels = { ...((asRecord(asRecord(template.metadata)?.labels) as Record<string, string>) ?? {}) };
  const hashValue = suffix(`${namespace}/${name}/template`, 10);
  const rsName = `${name}-${hashValue}`;
  const replicas = Number(spec.replicas ?? 1);
  const podLabels = { ...labels, 'pod-template-hash': hashValue };
  ctx.b.add({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: ctx.b.meta('apps/v1', 'ReplicaSet', {
      name: rsName,
      namespace,
      labels: podLabels,
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + 1), 'deployment.kubernetes.io/revision': '3' },
      ownerReferences: [owner('apps/v1', 'Deployment', name, namespace)],
    }),
    spec: { replicas, selector: { matchLabels: podLabels }, template: { metadata: { creationTimestamp: null, labels: podLabels }, spec: asRecord(template.spec) ?? {} } },
    status: { availableReplicas: replicas, fullyLabeledReplicas: replicas, observedGeneration: 3, readyReplicas: replicas, replicas },
  });
  for (let i = 0; i < replicas; i++) {
    pod(ctx, namespace, `${rsName}-${suffix(`${rsName}/${i}`, 5)}`, owner('apps/v1', 'ReplicaSet', rsName, namespace), { labels: podLabels, spec: asRecord(template.spec) ?? {} });
  }
}

/** Endpoints (no owner) and an EndpointSlice (owned by the Service) for a Service. */
function serviceChildren(ctx: Context, service: KubeObject): void {
  const namespace = String(service.metadata?.namespace);
  const name = String(service.metadata?.name);
  const ports = asRecords(asRecord(service.spec)?.ports).map((p) => ({ name: p.name, port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: 'TCP' }));
  const address = { ip: `10.42.0.${parseInt(hash(`${namespace}/${name}`, 2), 16)}`, nodeName: ctx.b.node };
  ctx.b.add({ apiVersion: 'v1', kind: 'Endpoints', metadata: ctx.b.meta('v1', 'Endpoints', { name, namespace, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': ctx.b.time(2) } }), subsets: [{ addresses: [address], ports }] });
  ctx.b.add({
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: [{ addresses: [address.ip], conditions: { ready: true, serving: true, terminating: false }, nodeName: ctx.b.node }],
    kind: 'EndpointSlice',
    metadata: ctx.b.meta('discovery.k8s.io/v1', 'EndpointSlice', {
      name: `${name}-${suffix(`${namespace}/${name}/slice`, 5)}`,
      namespace,
      generateName: `${name}-`,
      labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': name },
      ownerReferences: [owner('v1', 'Service', name, namespace)],
    }),
    ports,
  });
}

function plainSecret(ctx: Context, namespace: string, name: string, keys: readonly string[], extra: { labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: unknown[]; type?: string } = {}): void {
  ctx.b.add({
    apiVersion: 'v1',
    data: Object.fromEntries(keys.map((k) => [k, secretValue(`${ctx.env.name}/${namespace}/${name}/${k}`)])),
    kind: 'Secret',
    metadata: ctx.b.meta('v1', 'Secret', { name, namespace, ...(extra.labels ? { labels: extra.labels } : {}), ...(extra.annotations ? { annotations: extra.annotations } : {}), ...(extra.ownerReferences ? { ownerReferences: extra.ownerReferences } : {}) }),
    type: extra.type ?? 'Opaque',
  } as KubeObject);
}

/** What a Helm chart installs, reduced to a few labelled objects, and where Helm keeps the release. */
function helmRelease(ctx: Context, release: { name: string; namespace: string; chart: string; version: string; storageNamespace: string; flux?: { name: string; namespace: string } }): void {
  const labels: Record<string, string> = {
    'app.kubernetes.io/instance': release.name,
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/name': release.chart,
    'helm.sh/chart': `${release.chart}-${release.version.replace(/^v/, '')}`,
    ...(release.flux ? { 'helm.toolkit.fluxcd.io/name': release.flux.name, 'helm.toolkit.fluxcd.io/namespace': release.flux.namespace } : {}),
  };
  const annotations = { 'meta.helm.sh/release-name': release.name, 'meta.helm.sh/release-namespace': release.namespace };
  const name = release.name;
  const namespace = release.namespace;
  ctx.b.add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: ctx.b.meta('v1', 'ServiceAccount', { name, namespace, labels, annotations }) });
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: ctx.b.meta('apps/v1', 'Deployment', { name, namespace, labels, annotations }),
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': release.chart } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': release.chart } },
        spec: { serviceAccountName: name, containers: [{ name: release.chart, image: `registry.example.invalid/${release.chart}:${release.version}`, ports: [{ containerPort: 8080, name: 'http' }] }] },
      },
    },
  } as Record<string, unknown>;
  serverSide(ctx.b, deployment);
  ctx.b.add(deployment as KubeObject);
  deploymentChildren(ctx, deployment as KubeObject);
  const service = { apiVersion: 'v1', kind: 'Service', metadata: ctx.b.meta('v1', 'Service', { name, namespace, labels, annotations }), spec: { ports: [{ name: 'http', port: 80, targetPort: 'http' }], selector: { 'app.kubernetes.io/instance': name } } } as Record<string, unknown>;
  serverSide(ctx.b, service);
  ctx.b.add(service as KubeObject);
  serviceChildren(ctx, service as KubeObject);
  plainSecret(ctx, release.storageNamespace, `sh.helm.release.v1.${name}.v1`, ['release'], {
    labels: { modifiedAt: String(Math.floor(Date.parse(ctx.b.time(10)) / 1000)), name, owner: 'helm', status: 'deployed', version: '1' },
    type: 'helm.sh/release.v1',
  });
}

function namespaceNoise(ctx: Context, namespace: string): void {
  ctx.b.add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: ctx.b.meta('v1', 'ServiceAccount', { name: 'default', namespace }) });
  ctx.b.add({
    apiVersion: 'v1',
    data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2Vy\n-----END CERTIFICATE-----\n' },
    kind: 'ConfigMap',
    metadata: ctx.b.meta('v1', 'ConfigMap', { name: 'kube-root-ca.crt', namespace, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }),
  } as KubeObject);
}

/** What every k3s cluster set up as documented holds besides Git: Kubernetes, k3s and Flux themselves. */
function clusterBase(ctx: Context): void {
  const { b } = ctx;
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: b.meta('v1', 'Namespace', { name }) } as Record<string, unknown>;
    serverSide(b, ns);
    b.add(ns as KubeObject);
    ctx.namespaces.add(name);
  }
  const fluxLabels = { 'app.kubernetes.io/instance': 'flux-system', 'app.kubernetes.io/part-of': 'flux', 'app.kubernetes.io/version': 'v2.7.2' };
  const fluxNs = { apiVersion: 'v1', kind: 'Namespace', metadata: b.meta('v1', 'Namespace', { name: 'flux-system', labels: { ...fluxLabels, 'pod-security.kubernetes.io/warn': 'restricted' } }) } as Record<string, unknown>;
  serverSide(b, fluxNs);
  b.add(fluxNs as KubeObject);
  ctx.namespaces.add('flux-system');
  b.add({ apiVersion: 'v1', kind: 'Node', metadata: b.meta('v1', 'Node', { name: b.node, labels: { 'kubernetes.io/hostname': b.node, 'node-role.kubernetes.io/control-plane': 'true' } }), spec: { podCIDR: '10.42.0.0/24' }, status: { nodeInfo: { kubeletVersion: 'v1.33.5+k3s1' } } });
  const kubernetesService = { apiVersion: 'v1', kind: 'Service', metadata: b.meta('v1', 'Service', { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } }), spec: { ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] } } as Record<string, unknown>;
  serverSide(b, kubernetesService);
  b.add(kubernetesService as KubeObject);
  serviceChildren(ctx, kubernetesService as KubeObject);
  b.add({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: b.meta('coordination.k8s.io/v1', 'Lease', { name: b.node, namespace: 'kube-node-lease', ownerReferences: [owner('v1', 'Node', b.node, undefined, false)] }), spec: { holderIdentity: b.node, leaseDurationSeconds: 40, renewTime: b.time(0.001) } });
  b.add({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: b.meta('coordination.k8s.io/v1', 'Lease', { name: 'kube-controller-manager', namespace: 'kube-system' }), spec: { holderIdentity: `${b.node}_${hash('kcm', 8)}`, leaseDurationSeconds: 15 } });
  b.add({ apiVersion: 'v1', kind: 'Event', metadata: b.meta('v1', 'Event', { name: `${b.node}.${hash('event-node', 16)}`, namespace: 'default' }), involvedObject: { kind: 'Node', name: b.node }, message: 'Node ready', reason: 'NodeReady', type: 'Normal', count: 1 } as KubeObject);
  b.add({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: b.meta('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'system:coredns', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } }), rules: [{ apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] }] } as KubeObject);

  // k3s: its own manifests (CoreDNS, local storage, metrics-server), the Traefik chart, the service load balancer.
  const k3sLabels = (name: string): Record<string, string> => ({ 'objectset.rio.cattle.io/hash': hash(`k3s/${name}`, 40) });
  const k3sAnnotations = { 'objectset.rio.cattle.io/id': '', 'objectset.rio.cattle.io/owner-gvk': 'k3s.cattle.io/v1, Kind=Addon', 'objectset.rio.cattle.io/owner-namespace': 'kube-system' };
  for (const [name, image] of [
    ['coredns', 'rancher/mirrored-coredns-coredns:1.12.3'],
    ['local-path-provisioner', 'rancher/local-path-provisioner:v0.0.32'],
    ['metrics-server', 'rancher/mirrored-metrics-server:v0.8.0'],
  ] as const) {
    const labels = { ...k3sLabels(name), 'k8s-app': name };
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: b.meta('apps/v1', 'Deployment', { name, namespace: 'kube-system', labels, annotations: { ...k3sAnnotations, 'objectset.rio.cattle.io/owner-name': name } }),
      spec: { selector: { matchLabels: { 'k8s-app': name } }, template: { metadata: { labels: { 'k8s-app': name } }, spec: { serviceAccountName: name, containers: [{ name, image }] } } },
    } as Record<string, unknown>;
    serverSide(b, deployment);
    b.add(deployment as KubeObject);
    deploymentChildren(ctx, deployment as KubeObject);
    b.add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: b.meta('v1', 'ServiceAccount', { name, namespace: 'kube-system', labels: k3sLabels(name), annotations: k3sAnnotations }) });
  }
  b.add({ apiVersion: 'v1', data: { Corefile: '.:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}\n' }, kind: 'ConfigMap', metadata: b.meta('v1', 'ConfigMap', { name: 'coredns', namespace: 'kube-system', labels: k3sLabels('coredns-config'), annotations: k3sAnnotations }) } as KubeObject);
  for (const chart of ['traefik', 'traefik-crd']) {
    b.add({
      apiVersion: 'helm.cattle.io/v1',
      kind: 'HelmChart',
      metadata: b.meta('helm.cattle.io/v1', 'HelmChart', { name: chart, namespace: 'kube-system', labels: k3sLabels(chart), annotations: k3sAnnotations, finalizers: ['wrangler.cattle.io/on-helm-chart-remove'], generation: 1 }),
      spec: { chart: `https://%{KUBERNETES_API}%/static/charts/${chart}-37.1.1+up37.1.0.tgz`, targetNamespace: 'kube-system' },
      status: { jobName: `helm-install-${chart}` },
    } as KubeObject);
  }
  helmRelease(ctx, { name: 'traefik', namespace: 'kube-system', chart: 'traefik', version: '37.1.1+up37.1.0', storageNamespace: 'kube-system' });
  b.add({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: b.meta('apps/v1', 'DaemonSet', { name: `svclb-traefik-${hash('svclb', 8)}`, namespace: 'kube-system', labels: { 'objectset.rio.cattle.io/hash': hash('svclb-traefik', 40), 'svccontroller.k3s.cattle.io/nodeselector': 'false', 'svccontroller.k3s.cattle.io/svcname': 'traefik', 'svccontroller.k3s.cattle.io/svcnamespace': 'kube-system' } }),
    spec: { selector: { matchLabels: { app: 'svclb-traefik' } }, template: { metadata: { labels: { app: 'svclb-traefik' } }, spec: { containers: [{ name: 'lb-tcp-443', image: 'rancher/klipper-lb:v0.4.13' }] } } },
  } as KubeObject);

  // Flux, installed by `flux bootstrap`: controllers, their accounts, and the repository's deploy key (data!).
  for (const controller of ['source-controller', 'kustomize-controller', 'helm-controller', 'notification-controller']) {
    const labels = { ...fluxLabels, 'control-plane': 'controller' };
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: b.meta('apps/v1', 'Deployment', { name: controller, namespace: 'flux-system', labels }),
      spec: { selector: { matchLabels: { app: controller } }, template: { metadata: { labels: { app: controller } }, spec: { serviceAccountName: controller, containers: [{ name: 'manager', image: `ghcr.io/fluxcd/${controller}:v1.7.0` }] } } },
    } as Record<string, unknown>;
    serverSide(b, deployment);
    b.add(deployment as KubeObject);
    deploymentChildren(ctx, deployment as KubeObject);
    b.add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: b.meta('v1', 'ServiceAccount', { name: controller, namespace: 'flux-system', labels: fluxLabels }) });
  }
  b.add({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: b.meta('apiextensions.k8s.io/v1', 'CustomResourceDefinition', { name: 'kustomizations.kustomize.toolkit.fluxcd.io', labels: { ...fluxLabels, 'app.kubernetes.io/component': 'kustomize-controller' } }),
    spec: { group: 'kustomize.toolkit.fluxcd.io', names: { kind: 'Kustomization', listKind: 'KustomizationList', plural: 'kustomizations', singular: 'kustomization' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true }] },
  } as KubeObject);
  plainSecret(ctx, 'flux-system', 'flux-system', ['identity', 'identity.pub', 'known_hosts']);
}

/** What the operators of the manifests make for the resources they watch. */
function operatorChildren(ctx: Context, resource: Resource, object: KubeObject): void {
  const { b } = ctx;
  const { group, kind, namespace, name } = resource.id;
  const spec = asRecord(object.spec) ?? {};
  if (group === 'bitnami.com' && kind === 'SealedSecret') {
    const keys = Object.keys(asRecord(spec.encryptedData) ?? {}).sort();
    plainSecret(ctx, namespace!, name, keys, { ownerReferences: [owner(resource.apiVersion, 'SealedSecret', name, namespace)] });
  } else if (group === 'postgresql.cnpg.io' && kind === 'Cluster') {
    const own = owner(resource.apiVersion, 'Cluster', name, namespace);
    const labels = { 'cnpg.io/cluster': name };
    for (const role of ['rw', 'ro', 'r']) {
      const service = { apiVersion: 'v1', kind: 'Service', metadata: b.meta('v1', 'Service', { name: `${name}-${role}`, namespace, labels: { ...labels, 'cnpg.io/isManaged': 'true' }, ownerReferences: [own] }), spec: { ports: [{ name: 'postgres', port: 5432, targetPort: 5432 }], selector: { 'cnpg.io/cluster': name } } } as Record<string, unknown>;
      serverSide(b, service);
      b.add(service as KubeObject);
      serviceChildren(ctx, service as KubeObject);
    }
    plainSecret(ctx, namespace!, `${name}-app`, ['dbname', 'host', 'jdbc-uri', 'password', 'pgpass', 'port', 'uri', 'user', 'username'], { labels: { ...labels, 'cnpg.io/reload': 'true' }, ownerReferences: [own], type: 'kubernetes.io/basic-auth' });
    for (const suffixName of ['ca', 'server', 'replication']) plainSecret(ctx, namespace!, `${name}-${suffixName}`, ['tls.crt', 'tls.key'], { labels, ownerReferences: [own], type: suffixName === 'ca' ? 'Opaque' : 'kubernetes.io/tls' });
    const instance = `${name}-1`;
    b.add({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: b.meta('v1', 'PersistentVolumeClaim', { name: instance, namespace, labels: { ...labels, 'cnpg.io/instanceName': instance, 'cnpg.io/pvcRole': 'PG_DATA' }, ownerReferences: [own] }), spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: asString(asRecord(spec.storage)?.size) ?? '1Gi' } }, storageClassName: 'local-path', volumeMode: 'Filesystem' }, status: { phase: 'Bound' } } as KubeObject);
    pod(ctx, namespace!, instance, own, { labels: { ...labels, 'cnpg.io/instanceName': instance, 'cnpg.io/instanceRole': 'primary' }, spec: { containers: [{ name: 'postgres', image: asString(spec.imageName) ?? 'ghcr.io/cloudnative-pg/postgresql:17' }] } });
    b.add({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: b.meta('policy/v1', 'PodDisruptionBudget', { name: `${name}-primary`, namespace, labels, ownerReferences: [own] }), spec: { maxUnavailable: 0, selector: { matchLabels: { ...labels, 'cnpg.io/instanceRole': 'primary' } } } } as KubeObject);
  } else if ((group === 'networking.k8s.io' && kind === 'Ingress') && resource.annotations['cert-manager.io/cluster-issuer']) {
    const issuer = resource.annotations['cert-manager.io/cluster-issuer'];
    for (const tls of asRecords(spec.tls)) {
      const secretName = asString(tls.secretName);
      if (!secretName) continue;
      const certificate = {
        apiVersion: 'cert-manager.io/v1',
        kind: 'Certificate',
        metadata: b.meta('cert-manager.io/v1', 'Certificate', { name: secretName, namespace, generation: 1, ownerReferences: [owner('networking.k8s.io/v1', 'Ingress', name, namespace)] }),
        spec: { dnsNames: tls.hosts, issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: issuer }, secretName, usages: ['digital signature', 'key encipherment'] },
        status: { conditions: [READY(b, 'Ready', 'Ready', 'Certificate is up to date and has not expired')], notAfter: b.time(-60), notBefore: b.time(30), renewalTime: b.time(-30), revision: 1 },
      };
      b.add(certificate as KubeObject);
      plainSecret(ctx, namespace!, secretName, ['tls.crt', 'tls.key'], {
        annotations: { 'cert-manager.io/alt-names': (tls.hosts as string[] | undefined)?.join(',') ?? '', 'cert-manager.io/certificate-name': secretName, 'cert-manager.io/common-name': String((tls.hosts as string[] | undefined)?.[0] ?? ''), 'cert-manager.io/issuer-kind': 'ClusterIssuer', 'cert-manager.io/issuer-name': issuer },
        labels: { 'controller.cert-manager.io/fao': 'true' },
        type: 'kubernetes.io/tls',
      });
    }
  } else if (group === 'cert-manager.io' && kind === 'ClusterIssuer') {
    const account = asString(asRecord(asRecord(spec.acme)?.privateKeySecretRef)?.name);
    if (account) plainSecret(ctx, 'cert-manager', account, ['tls.key']);
  } else if (group === 'k8up.io' && kind === 'Schedule') {
    const backup = `${name}-backup-${suffix(`${namespace}/${name}/backup`, 5)}`;
    b.add({ apiVersion: 'k8up.io/v1', kind: 'Backup', metadata: b.meta('k8up.io/v1', 'Backup', { name: backup, namespace, ownerReferences: [owner(resource.apiVersion, 'Schedule', name, namespace)] }), spec: { backend: asRecord(spec.backend) ?? {} } } as KubeObject);
    b.add({ apiVersion: 'batch/v1', kind: 'Job', metadata: b.meta('batch/v1', 'Job', { name: backup, namespace, ownerReferences: [owner('k8up.io/v1', 'Backup', backup, namespace)] }), spec: { backoffLimit: 6, template: { spec: { containers: [{ name: 'backup', image: 'ghcr.io/k8up-io/k8up:v2.13.0' }], restartPolicy: 'Never' } } }, status: { succeeded: 1 } } as KubeObject);
  } else if (group === 'helm.toolkit.fluxcd.io' && kind === 'HelmRelease') {
    const release = releaseInstalledBy(object);
    const chartSpec = asRecord(asRecord(spec.chart)?.spec);
    if (!release || !chartSpec) return;
    const chart = asString(chartSpec.chart) ?? name;
    helmRelease(ctx, { name: release.name, namespace: release.namespace ?? namespace!, chart, version: asString(chartSpec.version) ?? '0.0.0', storageNamespace: release.storageNamespace ?? namespace!, flux: { name, namespace: namespace! } });
    const source = release.fluxHelmChart!;
    b.add({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmChart',
      metadata: b.meta('source.toolkit.fluxcd.io/v1', 'HelmChart', { name: source.name, namespace: source.namespace, finalizers: ['finalizers.fluxcd.io'], generation: 1 }),
      spec: { chart, interval: '1h', reconcileStrategy: 'ChartVersion', sourceRef: asRecord(chartSpec.sourceRef) ?? {}, version: asString(chartSpec.version) ?? '*' },
      status: { conditions: [READY(b, 'Ready', 'ChartPullSucceeded', `pulled '${chart}' chart with version '${asString(chartSpec.version) ?? ''}'`)] },
    } as KubeObject);
  } else if (group === '' && kind === 'PersistentVolumeClaim') {
    const volume = `pvc-${uid(`${namespace}/${name}`)}`;
    const storage = asString(asRecord(asRecord(spec.resources)?.requests)?.storage) ?? '1Gi';
    b.add({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: b.meta('v1', 'PersistentVolume', { name: volume, annotations: { 'local.path.provisioner/selected-node': b.node, 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' }, finalizers: ['kubernetes.io/pv-protection'] }),
      spec: { accessModes: spec.accessModes ?? ['ReadWriteOnce'], capacity: { storage }, claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace }, hostPath: { path: `/var/lib/rancher/k3s/storage/${volume}_${namespace}_${name}`, type: 'DirectoryOrCreate' }, persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'local-path', volumeMode: 'Filesystem' },
      status: { phase: 'Bound' },
    } as KubeObject);
  }
}

/** The keys of `env` that a `kustomization-not-applied` plant removes: the Kustomization and all it deploys. */
function unappliedKeys(model: Model, env: Environment, plants: readonly Plant[]): Set<string> {
  const absent = new Set<string>();
  const deploys = new Map<string, string[]>();
  for (const relation of model.relations) {
    if (relation.type === 'deploys' && relation.from.startsWith(`${env.name}/`)) deploys.set(relation.from, [...(deploys.get(relation.from) ?? []), relation.to]);
  }
  const visit = (key: string): void => {
    if (absent.has(key)) return;
    absent.add(key);
    for (const child of deploys.get(key) ?? []) visit(child);
  };
  for (const plant of plants) {
    if (plant.type !== 'kustomization-not-applied') continue;
    const kustomization = env.resources.find((r) => r.id.kind === 'Kustomization' && r.id.namespace === plant.namespace && r.id.name === plant.name);
    if (!kustomization) throw new Error(`Kustomization ${plant.namespace}/${plant.name} absente de l’environnement ${env.name}`);
    visit(kustomization.key);
  }
  return absent;
}

/** Every object of the export, in the order kubectl lists them (by kind, then namespace and name). */
export function clusterObjects(model: Model, envName: string, options: ExportOptions): KubeObject[] {
  const env = model.environments.find((e) => e.name === envName);
  if (!env) throw new Error(`Environnement « ${envName} » absent du modèle.`);
  const plants = options.plants ?? [];
  const ctx: Context = { b: new Builder(options), model, env, deployer: deployerIndex(model, env), plants, absent: unappliedKeys(model, env, plants), namespaces: new Set() };
  clusterBase(ctx);
  for (const resource of env.resources) {
    if (ctx.absent.has(resource.key)) continue;
    const object = applied(ctx, resource);
    ctx.b.add(object);
    if (resource.id.namespace) ctx.namespaces.add(resource.id.namespace);
    if (resource.id.kind === 'Namespace') ctx.namespaces.add(resource.id.name);
    if (resource.id.kind === 'Deployment' && resource.id.group === 'apps') deploymentChildren(ctx, object);
    if (resource.id.kind === 'Service' && resource.id.group === '') serviceChildren(ctx, object);
    operatorChildren(ctx, resource, object);
  }
  for (const plant of plants) {
    if (plant.type !== 'configmap-by-hand') continue;
    const written = { apiVersion: 'v1', data: plant.data, kind: 'ConfigMap', metadata: { name: plant.name, namespace: plant.namespace } };
    ctx.b.add({
      ...written,
      metadata: ctx.b.meta('v1', 'ConfigMap', { ...written.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(written)}\n` } }),
    } as KubeObject);
  }
  for (const namespace of [...ctx.namespaces].sort()) namespaceNoise(ctx, namespace);
  const order = (o: KubeObject): string => `${o.apiVersion}\u0000${o.kind}\u0000${o.metadata?.namespace ?? ''}\u0000${o.metadata?.name ?? ''}`;
  return ctx.b.objects.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** The List kubectl wraps an export's objects in. */
const exportList = (objects: readonly KubeObject[]) => ({ apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } });

/** The objects as `kubectl get … -o json` prints them (four spaces of indentation). */
export function exportJson(objects: readonly KubeObject[]): string {
  return JSON.stringify(exportList(objects), null, 4);
}

/** The objects as `kubectl get … -o yaml` prints them: a List, keys sorted, sequences not indented. */
export function exportYaml(objects: readonly KubeObject[], header: readonly string[] = []): string {
  const body = stringify(exportList(objects), { sortMapEntries: true, indentSeq: false, lineWidth: 0, aliasDuplicateObjects: false })
    // kubectl (go-yaml) quotes strings that YAML 1.1 would read as timestamps.
    .replace(/^(\s*(?:- )?[\w.-]+: )(\d{4}-\d{2}-\d{2}T[\d:.]+Z)$/gm, '$1"$2"');
  return `${header.map((line) => `# ${line}`.trimEnd()).join('\n')}${header.length > 0 ? '\n' : ''}${body}`;
}

/** The export of one environment, with the header comment `npm run drift` reads the date from. */
export function clusterExport(model: Model, envName: string, options: ExportOptions): string {
  return exportYaml(clusterObjects(model, envName, options), [
    `Export du cluster ${envName}, pris le ${options.takenAt} (kubectl get … -A -o yaml).`,
    'Données de test : écrit par scripts/lib/snapshot-fixture.ts (npm run fixtures:drift), ne pas modifier à la main.',
  ]);
}
