// Kinds that run pods, and where each keeps its pod template: relations, checks and views all ask the same question.
import { asRecord } from './fields.ts';
import type { KubeObject, Resource } from './model.ts';

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface Container {
  name: string;
  image?: string;
  ports?: { name?: string; containerPort?: number; protocol?: string }[];
  env?: Record<string, unknown>[];
  envFrom?: Record<string, unknown>[];
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  startupProbe?: unknown;
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
  [key: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Record<string, unknown>[];
  serviceAccountName?: string;
  securityContext?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface PodTemplate {
  labels: Record<string, string>;
  spec: PodSpec;
}

export function isWorkloadKind(kind: string | undefined): kind is WorkloadKind {
  return (WORKLOAD_KINDS as readonly string[]).includes(kind ?? '');
}

/** The pod template of a workload object (Pod itself, a controller's template, or a CronJob's job template). */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  const spec = asRecord(object.spec);
  if (!spec) return undefined;
  let template: Record<string, unknown> | undefined;
  switch (object.kind) {
    case 'Pod':
      return { labels: { ...(object.metadata?.labels ?? {}) }, spec: spec as PodSpec };
    case 'CronJob':
      template = asRecord(asRecord(asRecord(spec.jobTemplate)?.spec)?.template);
      break;
    default:
      if (!isWorkloadKind(object.kind)) return undefined;
      template = asRecord(spec.template);
  }
  if (!template) return undefined;
  const metadata = asRecord(template.metadata);
  return {
    labels: { ...((asRecord(metadata?.labels) as Record<string, string> | undefined) ?? {}) },
    spec: (asRecord(template.spec) ?? {}) as PodSpec,
  };
}

export function isWorkload(resource: Resource): boolean {
  return isWorkloadKind(resource.id.kind) && podTemplateOf(resource.object) !== undefined;
}

/** Containers and init containers of a pod spec, in order. */
export function containersOf(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}
