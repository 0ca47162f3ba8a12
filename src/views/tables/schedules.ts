// Everything that runs on a schedule: CronJobs, PostgreSQL backups and k8up tasks, with the cron expression in French
// and the time zone it runs in.
import type { Model, Resource } from '../../infra/model.ts';
import { asRecord, asString, specOf } from '../../infra/fields.ts';
import { resourcesOfKind } from '../../infra/relations/common.ts';
import { compareText, envContext, out } from '../context.ts';
import { kindLabel } from '../labels.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';
import { describeCron } from '../schedule.ts';

export interface ScheduleRow {
  resource: ResourceLink;
  kindLabel: string;
  namespace?: string;
  /** What runs: « tâche », « sauvegarde », « vérification », « purge ». */
  task: string;
  expression: string;
  /** French description (cronstrue), or « Expression … non reconnue ». */
  description: string;
  valid: boolean;
  timeZone: string;
  suspended: boolean;
  target?: ResourceLink;
  source: SourceLink;
}

/** Time zone the controller applies when the manifest names none. */
const DEFAULT_ZONE = {
  CronJob: 'non précisé : fuseau du contrôleur (UTC en général)',
  ScheduledBackup: 'UTC (opérateur CloudNativePG)',
  Schedule: 'UTC (opérateur k8up)',
};

export function scheduleRows(model: Model, envName: string): ScheduleRow[] {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const rows: ScheduleRow[] = [];
  const row = (r: Resource, task: string, expression: string, timeZone: string, extra: Partial<ScheduleRow> = {}): ScheduleRow => {
    const description = describeCron(expression);
    return {
      resource: resourceLink(ctx, r.key),
      kindLabel: kindLabel(r.id.kind),
      ...(r.id.namespace ? { namespace: r.id.namespace } : {}),
      task,
      expression,
      description: description.text,
      valid: description.valid,
      timeZone,
      suspended: specOf(r).suspend === true,
      source: sourceLink(r.source),
      ...extra,
    };
  };
  for (const job of resourcesOfKind(env, 'CronJob', ['batch'])) {
    const spec = specOf(job);
    rows.push(row(job, 'tâche', asString(spec.schedule) ?? '', asString(spec.timeZone) ?? DEFAULT_ZONE.CronJob));
  }
  for (const backup of resourcesOfKind(env, 'ScheduledBackup', ['postgresql.cnpg.io'])) {
    const target = out(ctx, backup.key, 'backs-up')[0];
    rows.push(
      row(backup, 'sauvegarde PostgreSQL', asString(specOf(backup).schedule) ?? '', DEFAULT_ZONE.ScheduledBackup, {
        ...(target ? { target: resourceLink(ctx, target.to) } : {}),
      }),
    );
  }
  const K8UP_TASKS: [string, string][] = [
    ['backup', 'sauvegarde des volumes'],
    ['check', 'vérification du dépôt'],
    ['prune', 'purge des anciennes sauvegardes'],
    ['archive', 'archivage'],
    ['restore', 'restauration'],
  ];
  for (const schedule of resourcesOfKind(env, 'Schedule', ['k8up.io'])) {
    const spec = specOf(schedule);
    for (const [field, task] of K8UP_TASKS) {
      const expression = asString(asRecord(spec[field])?.schedule);
      if (expression) rows.push(row(schedule, task, expression, DEFAULT_ZONE.Schedule));
    }
  }
  return rows.sort((a, b) => compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.resource.key, b.resource.key) || compareText(a.task, b.task));
}
