// The page « Écarts entre Git et le cluster » of an environment, and the line its environment page shows: plain data
// from a drift report (src/infra/drift), with links to the resource pages, and the places in the Git sources and in
// the export that the components link to (the export's lines only when it is a file of the repository).
import { differenceCountText, formatSnapshotDate, kindLabel, kindText, plural, type Drift, type DriftReport, type DriftType, type SourceLocation } from '../infra/index.ts';
import { sourceLink, type SourceLink } from './links.ts';
import type { PageHeading } from './pages.ts';
import { environmentPath, resourcePath } from './paths.ts';

/** Not a namespace name (those never start with `_`): the page cannot collide with a namespace page. */
export const DRIFT_SEGMENT = '_ecarts';

export function driftPath(env: string): string {
  return `${environmentPath(env)}${DRIFT_SEGMENT}/`;
}

export const DRIFT_TITLE = 'Écarts entre Git et le cluster';

/** A place in the export: its file and line; SnapshotRef.astro links it when the export is a file of the repository. */
export interface SnapshotLink {
  path: string;
  line: number;
  inRepository: boolean;
}

export interface DriftSubjectView {
  /** « Déploiement booking/calcom ». */
  label: string;
  /** Its page on the site, when Git defines it. */
  href?: string;
}

export interface DriftItemView {
  subject: DriftSubjectView;
  /** What differs, in French. */
  message: string;
  hint: string;
  value?: { label: string; git: string; cluster: string };
  git?: SourceLink;
  cluster?: SnapshotLink;
  members: { subject: DriftSubjectView; git?: SourceLink; cluster?: SnapshotLink }[];
}

export interface DriftSectionView {
  id: string;
  title: string;
  intro: string;
  items: DriftItemView[];
}

export interface DriftPageView {
  env: string;
  /** « du 2 juin 2025 à 07:45 UTC » … */
  date: string;
  snapshot: SnapshotLink & { objects: number };
  /** « conforme : aucun écart » or « 3 écarts ». */
  verdict: string;
  conform: boolean;
  compared: number;
  warnings: { message: string; hint?: string }[];
  sections: DriftSectionView[];
  ignored: { title: string; reason: string; count: number }[];
  ignoredTotal: number;
  notCompared: { kinds: string[]; resources: number };
}

const SECTIONS: { type: DriftType; id: string; title: string; intro: string }[] = [
  {
    type: 'cluster-only',
    id: 'dans-le-cluster',
    title: 'Dans le cluster, absent de Git',
    intro: 'Ces objets tournent sans qu’aucun manifeste ne les décrive : créés à la main, ou restés d’une version précédente.',
  },
  {
    type: 'git-only',
    id: 'absent-du-cluster',
    title: 'Dans Git, absent du cluster',
    intro: 'Ces ressources sont décrites dans Git mais le cluster ne les a pas : jamais appliquées, en échec, ou supprimées à la main.',
  },
  {
    type: 'value',
    id: 'valeurs',
    title: 'Valeurs différentes',
    intro: 'Ces ressources existent des deux côtés, mais le cluster ne fait pas tourner ce que Git décrit.',
  },
];

function snapshotLink(location: SourceLocation, inRepository: boolean): SnapshotLink {
  return { path: location.path, line: location.line, inRepository };
}

function subjectView(drift: { subject: Drift['subject']; resourceKey?: string }): DriftSubjectView {
  const { group, kind, namespace, name } = drift.subject;
  // A Helm release is no Kubernetes kind: its label is already French.
  const label = group === 'helm.sh' ? drift.subject.label : `${kindLabel({ group, kind })} ${namespace ? `${namespace}/` : ''}${name}`;
  return { label, ...(drift.resourceKey ? { href: resourcePath(drift.resourceKey) } : {}) };
}

function itemView(drift: Drift, inRepository: boolean): DriftItemView {
  return {
    subject: subjectView(drift),
    message: drift.detail,
    hint: drift.hint,
    ...(drift.value ? { value: { label: drift.value.label, git: drift.value.git, cluster: drift.value.cluster } } : {}),
    ...(drift.git ? { git: sourceLink(drift.git) } : {}),
    ...(drift.cluster ? { cluster: snapshotLink(drift.cluster, inRepository) } : {}),
    members: (drift.members ?? []).map((m) => ({
      subject: subjectView(m),
      ...(m.git ? { git: sourceLink(m.git) } : {}),
      ...(m.cluster ? { cluster: snapshotLink(m.cluster, inRepository) } : {}),
    })),
  };
}

export function driftPageView(drift: { report: DriftReport; inRepository: boolean }): DriftPageView {
  const { report, inRepository } = drift;
  return {
    env: report.env,
    date: report.snapshot.takenAt ? `${report.snapshot.takenAtSource === 'header' ? 'du' : 'postérieur au'} ${formatSnapshotDate(report.snapshot.takenAt)}` : 'non daté',
    snapshot: { ...snapshotLink({ path: report.snapshot.path, line: 1 }, inRepository), objects: report.snapshot.objects },
    verdict: differenceCountText(report),
    conform: report.differences.length === 0,
    compared: report.compared,
    warnings: report.warnings.map((w) => ({ message: w.message, ...(w.hint ? { hint: w.hint } : {}) })),
    sections: SECTIONS.map((s) => ({ id: s.id, title: s.title, intro: s.intro, items: report.differences.filter((d) => d.type === s.type).map((d) => itemView(d, inRepository)) })).filter(
      (s) => s.items.length > 0,
    ),
    ignored: report.ignored.map((i) => ({ title: i.title, reason: i.reason, count: i.count })),
    ignoredTotal: report.ignored.reduce((n, i) => n + i.count, 0),
    notCompared: { kinds: report.notCompared.kinds.map(kindText), resources: report.notCompared.resources },
  };
}

/** The table of contents of the page: the sections it shows, with the same ids. */
export function driftHeadings(report: DriftReport): PageHeading[] {
  const present = SECTIONS.filter((s) => report.differences.some((d) => d.type === s.type)).map((s) => ({ depth: 2, slug: s.id, text: s.title }));
  return [...present, { depth: 2, slug: 'non-compare', text: 'Ce qui n’est pas comparé' }, { depth: 2, slug: 'refaire', text: 'Refaire la comparaison' }];
}

/** The line of the environment page: « Comparé au cluster (export du …) : 3 écarts. » */
export function driftSummary(report: DriftReport): { href: string; date: string; verdict: string; conform: boolean; objects: string } {
  return {
    href: driftPath(report.env),
    date: report.snapshot.takenAt ? formatSnapshotDate(report.snapshot.takenAt) : 'non daté',
    verdict: report.differences.length === 0 ? 'conforme' : plural(report.differences.length, 'écart', 'écarts'),
    conform: report.differences.length === 0,
    objects: plural(report.compared, 'objet comparé', 'objets comparés'),
  };
}
