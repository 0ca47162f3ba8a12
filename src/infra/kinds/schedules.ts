// Cron schedules: what runs when, for every kind that runs on a schedule (CronJob, CloudNativePG ScheduledBackup,
// k8up Schedule). The registry names the parser of each kind; tables, resource pages and relations read the result.
import { asRecord, asString } from '../fields.ts';
import type { KubeObject } from '../model.ts';

/** What runs: a CronJob's job, a database backup, or one of k8up's tasks on volumes. */
export type ScheduledTask = 'job' | 'database-backup' | 'volume-backup' | 'check' | 'prune' | 'archive' | 'restore';

export interface Schedule {
  task: ScheduledTask;
  /** The cron expression as written ('' when the field is missing: the schedule then never runs). */
  expression: string;
  /** `spec.timeZone` of a CronJob; the other kinds run in their operator's zone. */
  timeZone?: string;
  suspended: boolean;
}

function spec(object: KubeObject): Record<string, unknown> {
  return asRecord(object.spec) ?? {};
}

export function cronJobSchedules(object: KubeObject): Schedule[] {
  const s = spec(object);
  const timeZone = asString(s.timeZone);
  return [{ task: 'job', expression: asString(s.schedule) ?? '', ...(timeZone ? { timeZone } : {}), suspended: s.suspend === true }];
}

export function scheduledBackupSchedules(object: KubeObject): Schedule[] {
  const s = spec(object);
  return [{ task: 'database-backup', expression: asString(s.schedule) ?? '', suspended: s.suspend === true }];
}

/** k8up's tasks, in the order a reader expects them: back up, check, prune, then the rarer ones. */
const K8UP_TASKS: [string, ScheduledTask][] = [
  ['backup', 'volume-backup'],
  ['check', 'check'],
  ['prune', 'prune'],
  ['archive', 'archive'],
  ['restore', 'restore'],
];

/** A k8up Schedule: one entry per task it schedules. */
export function k8upSchedules(object: KubeObject): Schedule[] {
  const s = spec(object);
  return K8UP_TASKS.flatMap(([field, task]) => {
    const expression = asString(asRecord(s[field])?.schedule);
    return expression ? [{ task, expression, suspended: s.suspend === true }] : [];
  });
}

