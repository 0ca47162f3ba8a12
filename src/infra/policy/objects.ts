// Small readers over plain Kubernetes objects, shared by the rules. The rules also run on other people's
// repositories: every reader tolerates a malformed object (the schema check reports it) instead of throwing.
import { asRecord } from '../fields.ts';
import { workloadOf } from '../kinds/readers.ts';
import type { Workload } from '../kinds/workloads.ts';
import { apiGroupOf, type KubeObject } from '../model.ts';
import type { ObjectRef, PolicyViolation } from './types.ts';

export function nameOf(object: KubeObject): string {
  const name = object.metadata?.name;
  return name === undefined || name === null || name === '' ? '(sans nom)' : String(name);
}

export function namespaceOf(object: KubeObject): string | undefined {
  const namespace = object.metadata?.namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}

export function groupOf(object: KubeObject): string {
  return apiGroupOf(typeof object.apiVersion === 'string' ? object.apiVersion : '');
}

/** True for kind K of API group G (core group: ''). */
export function isKind(object: KubeObject, group: string, kind: string): boolean {
  return object.kind === kind && groupOf(object) === group;
}

export function refOf(object: KubeObject): ObjectRef {
  const ref: ObjectRef = { group: groupOf(object), kind: String(object.kind ?? '(sans kind)'), name: nameOf(object) };
  const namespace = namespaceOf(object);
  if (namespace) ref.namespace = namespace;
  return ref;
}

/** « Deployment web »: how messages name the object they are about. */
export function labelOf(object: KubeObject): string {
  return `${String(object.kind ?? '(sans kind)')} ${nameOf(object)}`;
}

export function violation(rule: string, object: KubeObject, message: string): PolicyViolation {
  return { rule, ...refOf(object), message };
}

export interface WorkloadView {
  object: KubeObject;
  workload: Workload;
}

/** Every object that runs pods, with what its pod template says. */
export function workloadsOf(objects: KubeObject[]): WorkloadView[] {
  return objects.flatMap((object) => {
    const workload = workloadOf(object);
    return workload ? [{ object, workload }] : [];
  });
}


export function labelsOf(object: KubeObject): Record<string, unknown> {
  return asRecord(object.metadata?.labels) ?? {};
}
