// Workloads: the kinds that run pods, where each keeps its pod template, and what the template says — containers,
// images, replicas, service account, security context. Relations, checks and views all ask these questions; this is
// the one place that answers them. Manifests are read before an API server would validate them: every reader here
// tolerates a malformed value (the schema check reports it) instead of throwing.
import { asRecord, asRecords, asString, asStringMap } from '../fields.ts';
import { apiGroupOf, compareText, type KubeObject, type Resource } from '../model.ts';

/** The kinds that run pods, with their API group: a `Deployment` of another group is not one. */
export const WORKLOAD_KINDS = [
  { group: 'apps', kind: 'Deployment' },
  { group: 'apps', kind: 'StatefulSet' },
  { group: 'apps', kind: 'DaemonSet' },
  { group: 'apps', kind: 'ReplicaSet' },
  { group: 'batch', kind: 'Job' },
  { group: 'batch', kind: 'CronJob' },
  { group: '', kind: 'Pod' },
] as const;

export type WorkloadKind = (typeof WORKLOAD_KINDS)[number]['kind'];

/** Controllers that keep their pods running (Jobs end by design; a bare Pod is usually a one-off). */
const LONG_RUNNING: readonly string[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

export interface PodTemplate {
  labels: Record<string, string>;
  /** The pod spec as written: read it through the functions of this module. */
  spec: Record<string, unknown>;
}

/** Quantities as written (`100m`, `256Mi`); a field left empty is not declared. */
export interface ComputeResources {
  cpu?: string;
  memory?: string;
}

/** `resources.requests` or `resources.limits` of a container (or of a CloudNativePG Cluster). */
export function computeResourcesOf(resources: unknown, section: 'requests' | 'limits'): ComputeResources {
  const map = asRecord(asRecord(resources)?.[section]);
  const cpu = asString(map?.cpu);
  const memory = asString(map?.memory);
  return { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) };
}

export interface ContainerPort {
  name?: string;
  containerPort?: string;
  protocol?: string;
}

/** What a container's security context allows, with the pod's settings applied where the container leaves them. */
export interface ContainerSecurity {
  runsAsNonRoot: boolean;
  readOnlyRootFilesystem: boolean;
  noPrivilegeEscalation: boolean;
  /** `capabilities.drop` holds `ALL`, written in capitals as Kubernetes compares it. */
  dropsAllCapabilities: boolean;
  /** A seccomp profile is set on the container or on the pod. */
  seccomp: boolean;
}

export interface Container {
  /** As written; a container without a name is a schema error, reported by the checks. */
  name?: string;
  /** The image reference, when written as a non-empty string. */
  image?: string;
  /** An init container: it runs to completion before the others start. */
  init: boolean;
  /**
   * A container the operator creates from the resource's own fields (CloudNativePG's `postgres`): it has no entry in
   * the manifest, so messages name the resource rather than a container.
   */
  implicit?: true;
  ports: ContainerPort[];
  /** CPU and memory it reserves (`resources.requests`) and may not exceed (`resources.limits`), as written. */
  requests: ComputeResources;
  limits: ComputeResources;
  env: Record<string, unknown>[];
  envFrom: Record<string, unknown>[];
}

/** A container written in a pod template, with what the checks judge. */
export interface WorkloadContainer extends Container {
  readinessProbe: boolean;
  livenessProbe: boolean;
  security: ContainerSecurity;
}

/** How many pods a resource runs. */
export type Replicas =
  /** A fixed count: `spec.replicas` of a Deployment, StatefulSet or ReplicaSet (Kubernetes' default: 1). */
  | { by: 'replicas'; count: number }
  /** CloudNativePG's `spec.instances` (the operator's default: 1). */
  | { by: 'instances'; count: number }
  /** A DaemonSet: one pod per node. */
  | { by: 'node' }
  /** A Pod, a Job or a CronJob run: one pod each time. */
  | { by: 'run'; count: 1 };

/** What a resource runs: its containers (init containers first, each once) and how many pods. */
export interface Pods {
  containers: Container[];
  replicas: Replicas;
}

export interface Workload extends Pods {
  kind: WorkloadKind;
  containers: WorkloadContainer[];
  template: PodTemplate;
  serviceAccountName?: string;
  /** Deployments, StatefulSets, DaemonSets and ReplicaSets keep their pods running: those must be probed. */
  longRunning: boolean;
}

export function isWorkloadKind(group: string, kind: string | undefined): kind is WorkloadKind {
  return WORKLOAD_KINDS.some((k) => k.group === group && k.kind === kind);
}

function isWorkloadObject(object: KubeObject): boolean {
  return isWorkloadKind(apiGroupOf(typeof object.apiVersion === 'string' ? object.apiVersion : ''), object.kind);
}

/** The pod template of a workload object (Pod itself, a controller's template, or a CronJob's job template). */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  const spec = asRecord(object.spec);
  if (!spec || !isWorkloadObject(object)) return undefined;
  if (object.kind === 'Pod') return { labels: asStringMap(object.metadata?.labels), spec };
  const template = object.kind === 'CronJob' ? asRecord(asRecord(asRecord(spec.jobTemplate)?.spec)?.template) : asRecord(spec.template);
  if (!template) return undefined;
  return { labels: asStringMap(asRecord(template.metadata)?.labels), spec: asRecord(template.spec) ?? {} };
}

export function isWorkload(resource: Resource): boolean {
  return isWorkloadKind(resource.id.group, resource.id.kind) && podTemplateOf(resource.object) !== undefined;
}

function securityOf(container: Record<string, unknown>, pod: Record<string, unknown>): ContainerSecurity {
  const own = asRecord(container.securityContext) ?? {};
  const drop = asRecord(own.capabilities)?.drop;
  return {
    runsAsNonRoot: typeof own.runAsNonRoot === 'boolean' ? own.runAsNonRoot : pod.runAsNonRoot === true,
    readOnlyRootFilesystem: own.readOnlyRootFilesystem === true,
    noPrivilegeEscalation: own.allowPrivilegeEscalation === false,
    // The Pod Security Standards compare `ALL` case-sensitively: `all` drops nothing for them.
    dropsAllCapabilities: Array.isArray(drop) && drop.includes('ALL'),
    seccomp: (asString(asRecord(own.seccompProfile)?.type) ?? asString(asRecord(pod.seccompProfile)?.type)) !== undefined,
  };
}

function containerOf(raw: Record<string, unknown>, init: boolean, pod: Record<string, unknown>): WorkloadContainer {
  const image = typeof raw.image === 'string' && raw.image.trim() !== '' ? raw.image : undefined;
  const name = asString(raw.name);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(image !== undefined ? { image } : {}),
    init,
    ports: asRecords(raw.ports).map((p) => {
      const port: ContainerPort = {};
      for (const field of ['name', 'containerPort', 'protocol'] as const) {
        const value = asString(p[field]);
        if (value !== undefined) port[field] = value;
      }
      return port;
    }),
    requests: computeResourcesOf(raw.resources, 'requests'),
    limits: computeResourcesOf(raw.resources, 'limits'),
    readinessProbe: Boolean(raw.readinessProbe),
    livenessProbe: Boolean(raw.livenessProbe),
    env: asRecords(raw.env),
    envFrom: asRecords(raw.envFrom),
    security: securityOf(raw, asRecord(pod.securityContext) ?? {}),
  };
}

/** Init containers then containers of a pod spec, each once; a `null` or a string in a list is skipped. */
function containersOf(spec: Record<string, unknown>): WorkloadContainer[] {
  return [
    ...asRecords(spec.initContainers).map((c) => containerOf(c, true, spec)),
    ...asRecords(spec.containers).map((c) => containerOf(c, false, spec)),
  ];
}

/** A whole number of pods as written, else the default. */
export function countOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function replicasOf(kind: WorkloadKind, spec: Record<string, unknown>): Replicas {
  if (kind === 'DaemonSet') return { by: 'node' };
  if (kind === 'Pod' || kind === 'Job' || kind === 'CronJob') return { by: 'run', count: 1 };
  return { by: 'replicas', count: countOr(spec.replicas, 1) };
}

/** Everything a workload object says about the pods it runs, or undefined when it is not a workload. */
export function workloadOf(object: KubeObject): Workload | undefined {
  const template = podTemplateOf(object);
  if (!template) return undefined;
  const kind = object.kind as WorkloadKind;
  const serviceAccountName = asString(template.spec.serviceAccountName) ?? asString(template.spec.serviceAccount);
  return {
    kind,
    template,
    containers: containersOf(template.spec),
    replicas: replicasOf(kind, asRecord(object.spec) ?? {}),
    ...(serviceAccountName ? { serviceAccountName } : {}),
    longRunning: LONG_RUNNING.includes(kind),
  };
}

/** The registry's `pods` parser for workload kinds. */
export function workloadPods(object: KubeObject): Pods | undefined {
  const workload = workloadOf(object);
  return workload && { containers: workload.containers, replicas: workload.replicas };
}

/** FFE's prefix for the exemption annotations; a fork may choose its own (option `annotationPrefix`). */
export const DEFAULT_ANNOTATION_PREFIX = 'policy.ffe.fr';

/** Annotations through which a workload declares a reasoned exception to a rule (value = the reason, in French). */
export interface ExemptionAnnotations {
  allowRoot: string;
  writableRootFilesystem: string;
}

export function exemptionAnnotations(prefix: string = DEFAULT_ANNOTATION_PREFIX): ExemptionAnnotations {
  return { allowRoot: `${prefix}/allow-root`, writableRootFilesystem: `${prefix}/writable-root-filesystem` };
}

export const EXEMPTION_ANNOTATIONS: ExemptionAnnotations = exemptionAnnotations();

export interface Exemption {
  annotation: string;
  reason: string;
}

/**
 * The exemptions an object declares with `annotations` (the repository's prefix): an exemption annotation with an
 * empty value gives no reason and counts for none.
 */
export function exemptionsOf(object: KubeObject, exemptions: ExemptionAnnotations = EXEMPTION_ANNOTATIONS): Exemption[] {
  const annotations = asRecord(object.metadata?.annotations) ?? {};
  return Object.values(exemptions)
    .filter((annotation) => typeof annotations[annotation] === 'string' && (annotations[annotation] as string).trim() !== '')
    .sort(compareText)
    .map((annotation) => ({ annotation, reason: annotations[annotation] as string }));
}

/** How a pod uses a ConfigMap, a Secret or a volume claim. */
export type PodUsage =
  | { how: 'volume'; volume: string }
  | { how: 'projected'; volume: string }
  | { how: 'env'; variable: string }
  | { how: 'envFrom' }
  | { how: 'imagePull' };

/** One place a pod spec names a ConfigMap, a Secret or a PersistentVolumeClaim. */
export interface PodReference {
  kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';
  name: string;
  /** `optional: true`: the pod starts without it. */
  optional: boolean;
  usage: PodUsage;
}

function isOptional(ref: Record<string, unknown> | undefined): boolean {
  return ref?.optional === true;
}

/**
 * Everything a workload's pods read: env, envFrom, volumes (projected too), image pull secrets; init containers
 * included (the containers workloadOf already read).
 */
export function podReferencesOf(workload: Workload): PodReference[] {
  const spec = workload.template.spec;
  const refs: PodReference[] = [];
  for (const container of workload.containers) {
    for (const variable of container.env) {
      const from = asRecord(variable.valueFrom);
      const name = asString(variable.name) ?? '?';
      for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
        const ref = asRecord(from?.[field]);
        const target = asString(ref?.name);
        if (target) refs.push({ kind, name: target, optional: isOptional(ref), usage: { how: 'env', variable: name } });
      }
    }
    for (const source of container.envFrom) {
      for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
        const ref = asRecord(source[field]);
        const target = asString(ref?.name);
        if (target) refs.push({ kind, name: target, optional: isOptional(ref), usage: { how: 'envFrom' } });
      }
    }
  }
  for (const volume of asRecords(spec.volumes)) {
    const usage = { how: 'volume', volume: asString(volume.name) ?? '?' } as const;
    const configMap = asRecord(volume.configMap);
    const secret = asRecord(volume.secret);
    const claim = asRecord(volume.persistentVolumeClaim);
    const configMapName = asString(configMap?.name);
    const secretName = asString(secret?.secretName);
    const claimName = asString(claim?.claimName);
    if (configMapName) refs.push({ kind: 'ConfigMap', name: configMapName, optional: isOptional(configMap), usage });
    if (secretName) refs.push({ kind: 'Secret', name: secretName, optional: isOptional(secret), usage });
    if (claimName) refs.push({ kind: 'PersistentVolumeClaim', name: claimName, optional: false, usage });
    for (const source of asRecords(asRecord(volume.projected)?.sources)) {
      for (const [field, kind] of [['configMap', 'ConfigMap'], ['secret', 'Secret']] as const) {
        const ref = asRecord(source[field]);
        const target = asString(ref?.name);
        if (target) refs.push({ kind, name: target, optional: isOptional(ref), usage: { how: 'projected', volume: usage.volume } });
      }
    }
  }
  for (const pull of asRecords(spec.imagePullSecrets)) {
    const name = asString(pull.name);
    if (name) refs.push({ kind: 'Secret', name, optional: false, usage: { how: 'imagePull' } });
  }
  return refs;
}
