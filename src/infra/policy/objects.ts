// Small readers over plain Kubernetes objects, shared by the rules.
import type { KubeObject } from '../model.ts';
import { isWorkloadKind, podTemplateOf, type Container, type PodTemplate } from '../workloads.ts';
import type { PolicyViolation } from './types.ts';

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function nameOf(object: KubeObject): string {
  return object.metadata?.name ?? '(sans nom)';
}

export function namespaceOf(object: KubeObject): string | undefined {
  return object.metadata?.namespace;
}

export function groupOf(object: KubeObject): string {
  const apiVersion = object.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** True for kind K of API group G (core group: ''). */
export function isKind(object: KubeObject, group: string, kind: string): boolean {
  return object.kind === kind && groupOf(object) === group;
}

export function violation(rule: string, object: KubeObject, message: string): PolicyViolation {
  const v: PolicyViolation = { rule, kind: object.kind ?? '(sans kind)', name: nameOf(object), message };
  const namespace = namespaceOf(object);
  if (namespace) v.namespace = namespace;
  return v;
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

/** Jobs and CronJobs end by design: no probes expected from them. */
export function isLongRunning(object: KubeObject): boolean {
  return object.kind !== 'Job' && object.kind !== 'CronJob';
}

export function regularContainers(template: PodTemplate): Container[] {
  return template.spec.containers ?? [];
}

export function annotation(object: KubeObject, key: string): string | undefined {
  const value = object.metadata?.annotations?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
