// Everything that runs on a schedule: CronJobs, PostgreSQL backups and k8up tasks, with the cron expression in French
// and the time zone it runs in.
import { compareText, kindLabel, schedulesOf, type Model, type ScheduledTask } from '../../infra/index.ts';
import { envContext, out } from '../context.ts';
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

/** What runs, in the table's words. */
const TASKS: Record<ScheduledTask, string> = {
  job: 'tâche',
  'database-backup': 'sauvegarde PostgreSQL',
  'volume-backup': 'sauvegarde des volumes',
  check: 'vérification du dépôt',
  prune: 'purge des anciennes sauvegardes',
  archive: 'archivage',
  restore: 'restauration',
};

/** Time zone the controller applies when the manifest names none. */
const DEFAULT_ZONE: Partial<Record<string, string>> = {
  CronJob: 'non précisé : fuseau du contrôleur (UTC en général)',
  ScheduledBackup: 'UTC (opérateur CloudNativePG)',
  Schedule: 'UTC (opérateur k8up)',
};

export function scheduleRows(model: Model, envName: string): ScheduleRow[] {
  const ctx = envContext(model, envName);
  const rows: ScheduleRow[] = [];
  for (const r of ctx.env.resources) {
    for (const schedule of schedulesOf(r)) {
      const description = describeCron(schedule.expression);
      // A database backup names the cluster it saves.
      const target = schedule.task === 'database-backup' ? out(ctx, r.key, 'backs-up')[0] : undefined;
      rows.push({
        resource: resourceLink(ctx, r.key),
        kindLabel: kindLabel(r.id),
        ...(r.id.namespace ? { namespace: r.id.namespace } : {}),
        task: TASKS[schedule.task],
        expression: schedule.expression,
        description: description.text,
        valid: description.valid,
        timeZone: schedule.timeZone ?? DEFAULT_ZONE[r.id.kind] ?? 'UTC',
        suspended: schedule.suspended,
        source: sourceLink(r.source),
        ...(target ? { target: resourceLink(ctx, target.to) } : {}),
      });
    }
  }
  return rows.sort((a, b) => compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.resource.key, b.resource.key) || compareText(a.task, b.task));
}
