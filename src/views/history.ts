// The infrastructure's history as the site shows it: the journal page (the commits that changed what an environment
// deploys, newest first, by month), the « Historique » section of each resource page (the changes that touched it,
// and how to go back), and the words for a history that cannot be read. Plain data from src/infra/history; commit
// links are made by the site (it knows the forge), resource links here.
import { shownFindingCode } from './links.ts';
import { formatSnapshotDate, plural, type ChangeType, type EnvironmentChanges, type History, type JournalEntry, type ObjectChange, type StateFinding, type Unavailable } from '../infra/index.ts';
import { INFRA_ROOT, resourcePath } from './paths.ts';
import type { PageHeading } from './pages.ts';

export const JOURNAL_PATH = `${INFRA_ROOT}journal/`;
export const JOURNAL_FEED_PATH = `${JOURNAL_PATH}atom.xml`;
export const JOURNAL_TITLE = 'Journal de l’infrastructure';

/** What the site knows to link a commit and a resource. */
export interface HistoryLinks {
  /** The commit's page on the forge, when the repository is known. */
  commitUrl?: (sha: string) => string | undefined;
  /** Whether the resource has a page on this site (it exists at HEAD). */
  hasPage: (key: string) => boolean;
}

/** Why there is no history, for the reader: what happened and what to do. */
export const UNAVAILABLE_TEXT: Record<Unavailable | 'disabled', string> = {
  shallow:
    'Historique indisponible : ce site a été construit depuis un clone superficiel du dépôt (git clone --depth), qui ne contient pas l’histoire des manifestes. Pour la publier : git fetch --unshallow, puis reconstruire.',
  'not-git': 'Historique indisponible : les manifestes de ce site ne sont pas dans un dépôt Git.',
  'no-commits': 'Historique indisponible : le dépôt des manifestes n’a encore aucun commit.',
  'no-git': 'Historique indisponible : git n’était pas installé sur la machine qui a construit ce site.',
  disabled: 'Historique désactivé pour cette construction (option history: false, ou FFE_HISTORY=off).',
};

export interface CommitView {
  sha: string;
  short: string;
  /** Anchor on the journal page. */
  id: string;
  dateIso: string;
  /** « 22 août 2026 à 14:28 UTC ». */
  date: string;
  author: string;
  subject: string;
  url?: string;
  /** `git revert <sha>` (`-m 1` for a merge: its first parent is what the branch had). */
  revert: string;
}

export interface ChangeItemView {
  type: ChangeType;
  label: string;
  href?: string;
  /** The values that changed (or, added or removed, the object's main values), in French. */
  values: string[];
  /** The other fields that changed: the path (shown as code) and what happened to it. */
  fields: { path: string; change: string }[];
}

export interface ChangeGroupView {
  type: ChangeType;
  /** « Ajouts », « Retraits », « Modifications ». */
  title: string;
  items: ChangeItemView[];
  /** Long groups (a new environment) are folded. */
  folded: boolean;
}

export interface FindingChangeView {
  severity: StateFinding['severity'];
  code: string;
  message: string;
  path?: string;
  line?: number;
}

export interface EnvironmentChangesView {
  env: string;
  /** « nouvel environnement, 131 objets », « 130 objets (−1) ». */
  summary: string;
  groups: ChangeGroupView[];
  introduced: FindingChangeView[];
  fixed: FindingChangeView[];
}

export interface JournalEntryView {
  commit: CommitView;
  environments: EnvironmentChangesView[];
}

export interface JournalMonthView {
  id: string;
  /** « août 2026 ». */
  title: string;
  entries: JournalEntryView[];
}

export type JournalView =
  | { available: false; note: string }
  | {
      available: true;
      months: JournalMonthView[];
      /** What was read: « les 50 derniers commits touchant les manifestes (depuis le 3 mars 2026) ». */
      scope: string;
      count: number;
    };

const GROUP_TITLES: { type: ChangeType; title: string }[] = [
  { type: 'added', title: 'Ajouts' },
  { type: 'removed', title: 'Retraits' },
  { type: 'changed', title: 'Modifications' },
];

const FOLD_AFTER = 12;

function dayText(iso: string): string {
  return formatSnapshotDate(new Date(iso).toISOString());
}

export function commitView(entry: Pick<JournalEntry, 'sha' | 'parents' | 'date' | 'author' | 'subject'>, links: Pick<HistoryLinks, 'commitUrl'>): CommitView {
  const url = links.commitUrl?.(entry.sha);
  return {
    sha: entry.sha,
    short: entry.sha.slice(0, 7),
    id: `commit-${entry.sha.slice(0, 12)}`,
    dateIso: new Date(entry.date).toISOString(),
    date: dayText(entry.date),
    author: entry.author,
    subject: entry.subject || '(sans message)',
    ...(url ? { url } : {}),
    revert: `git revert ${entry.parents.length > 1 ? '-m 1 ' : ''}${entry.sha}`,
  };
}

function changeLines(change: ObjectChange): Pick<ChangeItemView, 'values' | 'fields'> {
  if (change.type !== 'changed') return { values: change.details, fields: [] };
  return { values: change.values.map((v) => v.text), fields: change.fields.map((f) => ({ path: f.path, change: f.change })) };
}

function itemView(change: ObjectChange, links: HistoryLinks): ChangeItemView {
  const href = change.type !== 'removed' && links.hasPage(change.key) ? resourcePath(change.key) : undefined;
  return { type: change.type, label: change.label, ...(href ? { href } : {}), ...changeLines(change) };
}

const findingView = (f: StateFinding): FindingChangeView => ({
  severity: f.severity,
  code: shownFindingCode(f.code),
  message: f.message,
  ...(f.path ? { path: f.path, line: f.line ?? 1 } : {}),
});

function environmentSummary(e: EnvironmentChanges): string {
  if (e.status === 'created') return `nouvel environnement, ${plural(e.after, 'objet', 'objets')}`;
  if (e.status === 'removed') return `environnement retiré (${plural(e.before, 'objet', 'objets')})`;
  const delta = e.after - e.before;
  return delta === 0 ? plural(e.after, 'objet', 'objets') : `${plural(e.after, 'objet', 'objets')} (${delta > 0 ? '+' : '−'}${Math.abs(delta)})`;
}

export function environmentChangesView(e: EnvironmentChanges, links: HistoryLinks): EnvironmentChangesView {
  return {
    env: e.env,
    summary: environmentSummary(e),
    groups: GROUP_TITLES.map(({ type, title }) => {
      const items = e.objects.filter((o) => o.type === type).map((o) => itemView(o, links));
      return { type, title, items, folded: items.length > FOLD_AFTER };
    }).filter((g) => g.items.length > 0),
    introduced: e.introduced.map(findingView),
    fixed: e.fixed.map(findingView),
  };
}

function monthOf(iso: string): { id: string; title: string } {
  const date = new Date(iso);
  const title = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
  return { id: `mois-${date.toISOString().slice(0, 7)}`, title };
}

function scopeText(history: Extract<History, { available: true }>): string {
  const what = history.truncated
    ? `les ${plural(history.read, 'dernier commit', 'derniers commits')} qui touchent les manifestes${history.from ? `, depuis le ${dayText(history.from)}` : ''}`
    : `tous les commits qui touchent les manifestes (${history.read})`;
  return `Lus : ${what}. Seuls ceux qui changent ce qu’un environnement déploie sont listés ; ceux qui ne changent que du texte ou la mise en forme ne le sont pas.`;
}

export function journalView(history: History | undefined, links: HistoryLinks): JournalView {
  if (!history) return { available: false, note: UNAVAILABLE_TEXT.disabled };
  if (!history.available) return { available: false, note: UNAVAILABLE_TEXT[history.reason] };
  const months: JournalMonthView[] = [];
  for (const entry of history.entries) {
    const month = monthOf(entry.date);
    let current = months[months.length - 1];
    if (!current || current.id !== month.id) {
      current = { ...month, entries: [] };
      months.push(current);
    }
    current.entries.push({
      commit: commitView(entry, links),
      environments: entry.comparison.environments.filter((e) => e.status !== 'changed' || e.objects.length > 0 || e.introduced.length + e.fixed.length > 0).map((e) => environmentChangesView(e, links)),
    });
  }
  // Two months of the same name (history rewritten out of order) keep distinct anchors.
  const seen = new Map<string, number>();
  for (const month of months) {
    const n = (seen.get(month.id) ?? 0) + 1;
    seen.set(month.id, n);
    if (n > 1) month.id = `${month.id}-${n}`;
  }
  return { available: true, months, scope: scopeText(history), count: history.entries.length };
}

export function journalHeadings(view: JournalView): PageHeading[] {
  return view.available ? view.months.map((m) => ({ depth: 2, slug: m.id, text: m.title })) : [];
}

// One resource -------------------------------------------------------------------------------------------------------

export interface ResourceChangeView {
  commit: CommitView;
  /** Link to the commit's entry on the journal page. */
  journalHref: string;
  type: ChangeType;
  /** « Ajout », « Modification », « Retrait ». */
  typeText: string;
  values: string[];
  fields: { path: string; change: string }[];
  /** The values before this change, for a change that has some: what to write back by hand. */
  previous: { label: string; value: string }[];
}

export type ResourceHistoryView =
  | { available: false; note: string }
  | { available: true; changes: ResourceChangeView[]; empty: string };

export const TYPE_TEXT: Record<ChangeType, string> = { added: 'Ajout', removed: 'Retrait', changed: 'Modification' };

/** Resource key → its changes in the journal, newest first: computed once per history. */
const indexes = new WeakMap<object, Map<string, { entry: JournalEntry; change: ObjectChange }[]>>();

function changesByResource(history: Extract<History, { available: true }>): Map<string, { entry: JournalEntry; change: ObjectChange }[]> {
  let index = indexes.get(history);
  if (!index) {
    index = new Map();
    for (const entry of history.entries) {
      for (const env of entry.comparison.environments) {
        for (const change of env.objects) {
          const list = index.get(change.key) ?? [];
          list.push({ entry, change });
          index.set(change.key, list);
        }
      }
    }
    indexes.set(history, index);
  }
  return index;
}

export function resourceHistoryView(history: History | undefined, key: string, links: Pick<HistoryLinks, 'commitUrl'>): ResourceHistoryView {
  if (!history) return { available: false, note: UNAVAILABLE_TEXT.disabled };
  if (!history.available) return { available: false, note: UNAVAILABLE_TEXT[history.reason] };
  const changes = (changesByResource(history).get(key) ?? []).map(({ entry, change }): ResourceChangeView => {
    const commit = commitView(entry, links);
    return {
      commit,
      journalHref: `${JOURNAL_PATH}#${commit.id}`,
      type: change.type,
      typeText: TYPE_TEXT[change.type],
      ...changeLines(change),
      previous: change.type === 'changed' ? change.values.filter((v) => v.before !== undefined).map((v) => ({ label: v.label, value: v.before! })) : [],
    };
  });
  const empty = history.truncated
    ? `Aucun changement dans ${history.read > 1 ? 'les' : 'le'} ${plural(history.read, 'dernier commit lu', 'derniers commits lus')} (le journal remonte jusque-là).`
    : 'Aucun commit ne l’a encore ajoutée : elle n’existe que dans la copie de travail d’où ce site a été construit.';
  return { available: true, changes, empty };
}
