// Small readers over plain Kubernetes objects, shared by the rules. The rules also run on other people's
// repositories: every reader tolerates a malformed object (the schema check reports it) instead of throwing.
import { asRecord, asRecords } from '../fields.ts';
import { apiGroupOf, type KubeObject } from '../model.ts';
import { isWorkloadKind, podTemplateOf, type Container, type PodTemplate } from '../workloads.ts';
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

/** « « a », « b » »: container names or images, quoted the French way. */
export function quoted(items: readonly (string | undefined)[]): string {
  return items.map((item) => `« ${item ?? '(sans nom)'} »`).join(', ');
}

export interface WorkloadView {
  object: KubeObject;
  template: PodTemplate;
}

/** Every object that runs pods, with its pod template. */
export function workloadsOf(objects: KubeObject[]): WorkloadView[] {
  const result: WorkloadView[] = [];
  for (const object of objects) {
    if (!isWorkloadKind(object.kind) || groupOf(object) !== expectedGroup(object.kind)) continue;
    const template = podTemplateOf(object);
    if (template) result.push({ object, template });
  }
  return result;
}

function expectedGroup(kind: string | undefined): string {
  if (kind === 'Job' || kind === 'CronJob') return 'batch';
  if (kind === 'Pod') return '';
  return 'apps';
}

/**
 * Controllers keep their pods running, so those pods must be probed. Jobs and CronJobs end by design, and a bare
 * Pod is usually a one-off (a Helm test, a debug pod): no probes expected from them.
 */
export function isLongRunning(object: KubeObject): boolean {
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(String(object.kind));
}

function containerList(value: unknown): Container[] {
  return asRecords(value) as Container[];
}

/** Init containers then containers, skipping malformed entries. */
export function allContainers(template: PodTemplate): Container[] {
  return [...containerList(template.spec.initContainers), ...containerList(template.spec.containers)];
}

export function regularContainers(template: PodTemplate): Container[] {
  return containerList(template.spec.containers);
}

export function annotation(object: KubeObject, key: string): string | undefined {
  const value = asRecord(object.metadata?.annotations)?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function labelsOf(object: KubeObject): Record<string, unknown> {
  return asRecord(object.metadata?.labels) ?? {};
}
