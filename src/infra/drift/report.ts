// The drift report as text (French, for `npm run drift`) and as JSON (`--json`). Secret values cannot appear here:
// the snapshot reader dropped them before the comparison ran.
import { formatLocation } from '../findings.ts';
import type { Drift, DriftReport, DriftType } from './compare.ts';
import { IGNORE_RULES } from './ignore.ts';
import { plural } from '../french.ts';

export type Paint = (style: 'red' | 'yellow' | 'green' | 'dim' | 'bold', text: string) => string;

const SECTIONS: { type: DriftType; title: string }[] = [
  { type: 'cluster-only', title: 'Dans le cluster, absent de Git' },
  { type: 'git-only', title: 'Dans Git, absent du cluster' },
  { type: 'value', title: 'Valeurs différentes' },
];

/** « 1 juin 2025 à 08:30 UTC », the same on every machine. */
export function formatSnapshotDate(iso: string): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(date);
  return `${day} à ${time} UTC`;
}

/** « du 1 juin 2025 à 08:30 UTC », « postérieur au … » (date read from the objects), or « non daté ». */
export function snapshotDateText(report: DriftReport): string {
  const { takenAt, takenAtSource } = report.snapshot;
  if (!takenAt) return 'non daté';
  return takenAtSource === 'header' ? `du ${formatSnapshotDate(takenAt)}` : `postérieur au ${formatSnapshotDate(takenAt)} (dernière modification qu’il contient)`;
}

/** `Deployment (apps)` for `apps/Deployment`, `ConfigMap` for the core group. */
export function kindText(kindKey: string): string {
  const slash = kindKey.lastIndexOf('/');
  const group = kindKey.slice(0, slash);
  const kind = kindKey.slice(slash + 1);
  return group ? `${kind} (${group})` : kind;
}

export function differenceCountText(report: DriftReport): string {
  const n = report.differences.length;
  return n === 0 ? 'conforme : aucun écart' : plural(n, 'écart', 'écarts');
}

function formatDrift(drift: Drift, paint: Paint): string {
  const lines = [`  ${drift.message}`];
  const where = [
    ...(drift.git ? [`Git : ${formatLocation(drift.git)}`] : []),
    ...(drift.cluster ? [`cluster : ${formatLocation(drift.cluster)}`] : []),
  ];
  lines.push(paint('dim', `    ${where.join(' · ')}`));
  if (drift.members && drift.members.length > 0) {
    const shown = drift.members.slice(0, 8).map((m) => `${m.subject.label} (${formatLocation(m.git ?? m.cluster)})`);
    const rest = drift.members.length - shown.length;
    lines.push(paint('dim', `    ${drift.type === 'git-only' ? 'ressources absentes avec elle' : 'objets'} : ${shown.join(', ')}${rest > 0 ? ` et ${rest} autres` : ''}`));
  }
  lines.push(`    → ${drift.hint}`);
  return lines.join('\n');
}

/** The report of one environment, as `npm run drift` prints it. */
export function formatDriftReport(report: DriftReport, options: { paint?: Paint } = {}): string {
  const paint: Paint = options.paint ?? ((_style, text) => text);
  const blocks: string[] = [
    paint('bold', `${report.env} — export ${report.snapshot.path} ${snapshotDateText(report)} (${plural(report.snapshot.objects, 'objet', 'objets')})`),
  ];
  for (const warning of report.warnings) {
    blocks.push(paint('yellow', `  avertissement  ${warning.code}  ${warning.message}${warning.hint ? `\n    → ${warning.hint}` : ''}`));
  }
  for (const section of SECTIONS) {
    const drifts = report.differences.filter((d) => d.type === section.type);
    if (drifts.length === 0) continue;
    blocks.push(`${paint('bold', `${section.title} (${drifts.length})`)}\n${drifts.map((d) => formatDrift(d, paint)).join('\n')}`);
  }
  const ignoredTotal = report.ignored.reduce((n, i) => n + i.count, 0);
  if (ignoredTotal > 0) {
    const lines = report.ignored.map((i) => `  ${String(i.count).padStart(5)}  ${i.title} (${i.rule})`);
    blocks.push(paint('dim', `Mis de côté : ${plural(ignoredTotal, 'objet que Kubernetes, Flux, Helm ou un opérateur crée lui-même', 'objets que Kubernetes, Flux, Helm ou les opérateurs créent eux-mêmes')}\n${lines.join('\n')}`));
  }
  if (report.notCompared.kinds.length > 0) {
    blocks.push(
      paint(
        'dim',
        `Non comparés : ${plural(report.notCompared.resources, 'ressource de Git', 'ressources de Git')} d’un type absent de l’export — ${report.notCompared.kinds.map(kindText).join(', ')}.\n  → Ajoutez ces types à la commande « kubectl get » pour les comparer aussi.`,
      ),
    );
  }
  const verdict = report.differences.length === 0 ? paint('green', `${report.env} : conforme, aucun écart (${plural(report.compared, 'objet comparé', 'objets comparés')}).`) : paint('red', `${report.env} : ${differenceCountText(report)} (${plural(report.compared, 'objet comparé', 'objets comparés')}).`);
  blocks.push(verdict);
  return `${blocks.join('\n\n')}\n`;
}

/** The machine-readable form of `npm run drift -- --json`. */
export function driftJson(reports: readonly DriftReport[]): unknown {
  return {
    ok: reports.every((r) => r.differences.length === 0),
    differences: reports.reduce((n, r) => n + r.differences.length, 0),
    environments: reports,
    rules: IGNORE_RULES.map((rule) => ({ id: rule.id, title: rule.title, reason: rule.reason })),
  };
}
