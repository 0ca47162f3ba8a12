// Workloads: what a pod template says — containers, images, replicas, service account, security context, and every
// ConfigMap, Secret and claim its pods read — for every kind whose registry entry has a `workload` shape (where the
// template is, how many pods). Relations, checks, views and the Git ↔ cluster comparison all ask these questions;
// this is the one place that answers them, each answer with the field it was read from. Manifests are read before an
// API server would validate them: every reader here tolerates a malformed value (the schema check reports it).
import { compareText, type FieldPath, type KubeObject } from '../model.ts';
import { asRecord, asStringMap } from '../fields.ts';
import { Field } from './located.ts';

/** Where a kind keeps its pods' template and how many pods it runs: the registry's `workload` entry. */
export interface WorkloadShape {
  /** The pod template (`metadata` and `spec`) from the object's root; `[]` when the object is the pod itself. */
  template: FieldPath;
  /** The count written at this path (Kubernetes' default: 1), one pod per node, or one pod per run. */
  replicas: FieldPath | 'per-node' | 'per-run';
  /**
   * `long-running`: keeps its pods running (they must be probed); `to-completion`: runs from time to time until done
   * (not part of the steady load); `once`: a bare pod.
   */
  lifecycle: 'long-running' | 'to-completion' | 'once';
  /** Its pods are usually another workload's (a Deployment's ReplicaSet): counted there, not again. */
  ownedPods?: true;
}

export interface PodTemplate {
  labels: Record<string, string>;
  /** The pod spec as written: read it through the functions of this module. */
  podSpec: Record<string, unknown>;
  /** Where the pod spec is. */
  at: FieldPath;
}

/** Quantities as written (`100m`, `256Mi`); a field left empty is not declared. */
export interface ComputeResources {
  cpu?: string;
  memory?: string;
}

/** `resources.requests` or `resources.limits` of a container (or of a CloudNativePG Cluster). */
export function computeResourcesOf(resources: Field, section: 'requests' | 'limits'): ComputeResources {
  const cpu = resources.at(section, 'cpu').string();
  const memory = resources.at(section, 'memory').string();
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

/** A ConfigMap or Secret a pod reads, and whether it may be missing. */
export interface ObjectKeyReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  /** The key read (`configMapKeyRef.key`), for a single variable. */
  key?: string;
  optional: boolean;
  at: FieldPath;
}

/** An environment variable: its value as written, or where it is read from. */
export interface EnvVar {
  name?: string;
  value?: string;
  from?: ObjectKeyReference;
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
  /** How messages name an implicit container's software: « PostgreSQL ». */
  software?: string;
  ports: ContainerPort[];
  /** CPU and memory it reserves (`resources.requests`) and may not exceed (`resources.limits`), as written. */
  requests: ComputeResources;
  limits: ComputeResources;
  env: EnvVar[];
  /** ConfigMaps and Secrets loaded whole into the environment. */
  envFrom: ObjectKeyReference[];
  /** Where its name and image are written, and its `resources` (requests and limits). */
  at: { name?: FieldPath; image?: FieldPath; resources?: FieldPath };
}

/** A container written in a pod template, with what the checks judge. */
export interface WorkloadContainer extends Container {
  readinessProbe: boolean;
  livenessProbe: boolean;
  security: ContainerSecurity;
}

/**
 * How many pods a resource runs. For a count: `field`, where it is (or would be) written; `at`, the same when it is
 * written (absent: the default applies).
 */
export type Replicas =
  /** A fixed count: `spec.replicas` of a Deployment, StatefulSet or ReplicaSet (Kubernetes' default: 1). */
  | { by: 'replicas'; count: number; field: FieldPath; at?: FieldPath }
  /** CloudNativePG's `spec.instances` (the operator's default: 1). */
  | { by: 'instances'; count: number; field: FieldPath; at?: FieldPath }
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
  containers: WorkloadContainer[];
  template: PodTemplate;
  serviceAccountName?: string;
  /** Keeps its pods running (Deployments, StatefulSets, DaemonSets, ReplicaSets): those must be probed. */
  longRunning: boolean;
}

/** The pod template of an object of a workload kind, when it has one. */
export function podTemplateAt(object: KubeObject, shape: WorkloadShape): PodTemplate | undefined {
  if (!asRecord(object.spec)) return undefined;
  const template = Field.of(object).at(...shape.template);
  if (!template.record()) return undefined;
  const podSpec = template.at('spec');
  return { labels: asStringMap(template.at('metadata', 'labels').value), podSpec: podSpec.record() ?? {}, at: podSpec.path };
}

function securityOf(container: Field, pod: Field): ContainerSecurity {
  const own = container.at('securityContext');
  const podContext = pod.at('securityContext');
  const runAsNonRoot = own.at('runAsNonRoot').value;
  const drop = own.at('capabilities', 'drop').value;
  return {
    runsAsNonRoot: typeof runAsNonRoot === 'boolean' ? runAsNonRoot : podContext.at('runAsNonRoot').value === true,
    readOnlyRootFilesystem: own.at('readOnlyRootFilesystem').value === true,
    noPrivilegeEscalation: own.at('allowPrivilegeEscalation').value === false,
    // The Pod Security Standards compare `ALL` case-sensitively: `all` drops nothing for them.
    dropsAllCapabilities: Array.isArray(drop) && drop.includes('ALL'),
    seccomp: (own.at('seccompProfile', 'type').string() ?? podContext.at('seccompProfile', 'type').string()) !== undefined,
  };
}

function keyReference(ref: Field, kind: ObjectKeyReference['kind'], nameField = 'name'): ObjectKeyReference | undefined {
  const name = ref.at(nameField).string();
  if (!ref.record() || !name) return undefined;
  const key = ref.at('key').string();
  return { kind, name, ...(key ? { key } : {}), optional: ref.at('optional').value === true, at: ref.path };
}

function envVarOf(variable: Field): EnvVar {
  const name = variable.at('name').string();
  const value = variable.at('value').string();
  const from = variable.at('valueFrom');
  const ref = keyReference(from.at('configMapKeyRef'), 'ConfigMap') ?? keyReference(from.at('secretKeyRef'), 'Secret');
  return { ...(name !== undefined ? { name } : {}), ...(value !== undefined ? { value } : {}), ...(ref ? { from: ref } : {}) };
}

function envSourcesOf(source: Field): ObjectKeyReference[] {
  return [keyReference(source.at('configMapRef'), 'ConfigMap'), keyReference(source.at('secretRef'), 'Secret')].filter(
    (r): r is ObjectKeyReference => r !== undefined,
  );
}

function containerOf(container: Field, init: boolean, pod: Field): WorkloadContainer {
  const raw = container.record()!;
  const image = typeof raw.image === 'string' && raw.image.trim() !== '' ? raw.image : undefined;
  const name = container.at('name').string();
  const resources = container.at('resources');
  const at: Container['at'] = {
    ...(name !== undefined ? { name: container.at('name').path } : {}),
    ...(image !== undefined ? { image: container.at('image').path } : {}),
    ...(resources.written ? { resources: resources.path } : {}),
  };
  return {
    ...(name !== undefined ? { name } : {}),
    ...(image !== undefined ? { image } : {}),
    init,
    ports: container.at('ports').records().map((p) => {
      const port: ContainerPort = {};
      for (const field of ['name', 'containerPort', 'protocol'] as const) {
        const value = p.at(field).string();
        if (value !== undefined) port[field] = value;
      }
      return port;
    }),
    requests: computeResourcesOf(resources, 'requests'),
    limits: computeResourcesOf(resources, 'limits'),
    readinessProbe: Boolean(raw.readinessProbe),
    livenessProbe: Boolean(raw.livenessProbe),
    env: container.at('env').records().map(envVarOf),
    envFrom: container.at('envFrom').records().flatMap(envSourcesOf),
    security: securityOf(container, pod),
    at,
  };
}

/** Init containers then containers of a pod spec, each once; a `null` or a string in a list is skipped. */
function containersOf(pod: Field): WorkloadContainer[] {
  return [
    ...pod.at('initContainers').records().map((c) => containerOf(c, true, pod)),
    ...pod.at('containers').records().map((c) => containerOf(c, false, pod)),
  ];
}

/** A count of pods as written (a whole number), with where it is; else the default. */
export function countAt(field: Field, fallback: number): { count: number; at?: FieldPath } {
  return typeof field.value === 'number' && Number.isFinite(field.value) ? { count: field.value, at: field.path } : { count: fallback };
}

function replicasOf(object: KubeObject, shape: WorkloadShape): Replicas {
  if (shape.replicas === 'per-node') return { by: 'node' };
  if (shape.replicas === 'per-run') return { by: 'run', count: 1 };
  return { by: 'replicas', ...countAt(Field.of(object).at(...shape.replicas), 1), field: shape.replicas };
}

/** Everything an object of a workload kind says about the pods it runs, or undefined when it has no pod template. */
export function readWorkload(object: KubeObject, shape: WorkloadShape): Workload | undefined {
  const template = podTemplateAt(object, shape);
  if (!template) return undefined;
  const pod = Field.of(object).at(...template.at);
  const serviceAccountName = pod.at('serviceAccountName').string() ?? pod.at('serviceAccount').string();
  return {
    template,
    containers: containersOf(pod),
    replicas: replicasOf(object, shape),
    ...(serviceAccountName ? { serviceAccountName } : {}),
    longRunning: shape.lifecycle === 'long-running',
  };
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
  /** The field naming it. */
  at: FieldPath;
}

/**
 * Everything a workload's pods read: env, envFrom, volumes (projected too), image pull secrets; init containers
 * included (the containers readWorkload already read).
 */
export function podReferencesOf(workload: Workload, object: KubeObject): PodReference[] {
  const pod = Field.of(object).at(...workload.template.at);
  const refs: PodReference[] = [];
  const add = (ref: ObjectKeyReference | undefined, usage: PodUsage): void => {
    if (ref) refs.push({ kind: ref.kind, name: ref.name, optional: ref.optional, usage, at: ref.at });
  };
  for (const container of workload.containers) {
    for (const variable of container.env) add(variable.from, { how: 'env', variable: variable.name ?? '?' });
    for (const source of container.envFrom) add(source, { how: 'envFrom' });
  }
  for (const volume of pod.at('volumes').records()) {
    const usage = { how: 'volume', volume: volume.at('name').string() ?? '?' } as const;
    add(keyReference(volume.at('configMap'), 'ConfigMap'), usage);
    add(keyReference(volume.at('secret'), 'Secret', 'secretName'), usage);
    const claim = volume.at('persistentVolumeClaim');
    const claimName = claim.at('claimName').string();
    if (claim.record() && claimName) refs.push({ kind: 'PersistentVolumeClaim', name: claimName, optional: false, usage, at: claim.path });
    for (const source of volume.at('projected', 'sources').records()) {
      for (const ref of [keyReference(source.at('configMap'), 'ConfigMap'), keyReference(source.at('secret'), 'Secret')]) {
        add(ref, { how: 'projected', volume: usage.volume });
      }
    }
  }
  for (const pull of pod.at('imagePullSecrets').records()) {
    const name = pull.at('name').string();
    if (name) refs.push({ kind: 'Secret', name, optional: false, usage: { how: 'imagePull' }, at: pull.path });
  }
  return refs;
}
