// Cron schedules: what runs when, for every kind that runs on a schedule (CronJob, CloudNativePG ScheduledBackup,
// k8up Schedule). The registry names the parser of each kind; tables, resource pages, relations and the Git ↔ cluster
// comparison read the result.
import type { KubeObject } from '../model.ts';
import { Field, type FieldsOf } from './located.ts';

/** What runs: a CronJob's job, a database backup, or one of k8up's tasks on volumes. */
export type ScheduledTask = 'job' | 'database-backup' | 'volume-backup' | 'check' | 'prune' | 'archive' | 'restore';

export interface Schedule {
  task: ScheduledTask;
  /** The task's own field, when a kind schedules several (k8up's `backup`, `check`…). */
  field?: string;
  /** The cron expression as written ('' when the field is missing: the schedule then never runs). */
  expression: string;
  /** `spec.timeZone` of a CronJob; the other kinds run in their operator's zone. */
  timeZone?: string;
  suspended: boolean;
  at: FieldsOf<Schedule>;
}

function single(object: KubeObject, task: ScheduledTask, withTimeZone: boolean): Schedule[] {
  const spec = Field.of(object).at('spec');
  const timeZone = withTimeZone ? spec.at('timeZone').string() : undefined;
  const expression = spec.at('schedule').string();
  return [
    {
      task,
      expression: expression ?? '',
      ...(timeZone ? { timeZone } : {}),
      suspended: spec.at('suspend').value === true,
      at: { ...(expression ? { expression: spec.at('schedule').path } : {}), suspended: spec.at('suspend').path },
    },
  ];
}

export const cronJobSchedules = (object: KubeObject): Schedule[] => single(object, 'job', true);
export const scheduledBackupSchedules = (object: KubeObject): Schedule[] => single(object, 'database-backup', false);

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
  const spec = Field.of(object).at('spec');
  return K8UP_TASKS.flatMap(([field, task]): Schedule[] => {
    const written = spec.at(field, 'schedule');
    const expression = written.string();
    return expression ? [{ task, field, expression, suspended: spec.at('suspend').value === true, at: { expression: written.path, suspended: spec.at('suspend').path } }] : [];
  });
}
