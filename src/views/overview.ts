// The generated overview pages of a site that has no pages of its own (a fork's, FFE_MANIFESTS=…): what an
// architecture page would say, written in French from the model of one environment — what runs, what it serves,
// where its data lives, how it is deployed, what is pinned to which version. Pure: facts and sentences; the
// components under src/components/overview/ lay them out with the tables and diagrams the rest of the site uses.
import {
  compareText,
  fluxSourceOf,
  imageSlotsOf,
  isWorkload,
  joinFrench,
  kindEntry,
  kindLabel,
  plural,
  resourcesOfKind,
  type Model,
  type Resource,
} from '../infra/index.ts';
import { envContext, out, uniqueSorted, type EnvContext } from './context.ts';
import { fluxOrder } from './flux.ts';
import { resourceLink, type ResourceLink } from './links.ts';
import { FINDINGS_PATH } from './pages.ts';
import { environmentPath, namespacePath } from './paths.ts';
import { fluxSteps } from './prose/flux-steps.ts';
import { publicHostList, type PublicHost } from './prose/public-hosts.ts';
import { imageRows } from './tables/images.ts';
import { storageRows, type StorageRow } from './tables/storage.ts';

export const OVERVIEW_ROOT = '/architecture/';

export type OverviewSlug = '' | 'applications' | 'donnees' | 'deploiement' | 'versions';

export interface OverviewPageInfo {
  slug: OverviewSlug;
  /** Address of the page. */
  path: string;
  /** Its sidebar entry. */
  label: string;
  title: string;
  /** What the page answers, for its description and the cards that lead to it. */
  question: string;
}

const page = (slug: OverviewSlug, label: string, title: string, question: string): OverviewPageInfo => ({
  slug,
  path: slug ? `${OVERVIEW_ROOT}${slug}/` : OVERVIEW_ROOT,
  label,
  title,
  question,
});

/** The overview pages, in reading order. */
export const OVERVIEW_PAGES: readonly OverviewPageInfo[] = [
  page('', 'Vue d’ensemble', 'Vue d’ensemble', 'Ce que l’infrastructure fait tourner, ce qu’elle sert et comment elle tient ensemble.'),
  page('applications', 'Applications', 'Ce qui tourne et ce qu’il sert', 'Les applications, espace de noms par espace de noms, et les adresses publiques qui y mènent.'),
  page('donnees', 'Données', 'Où vivent les données', 'Les volumes et les bases de données, ce qui les utilise et ce qui les sauvegarde.'),
  page('deploiement', 'Déploiement', 'Comment tout est déployé', 'Ce qui applique les manifestes, dans quel ordre, depuis quelle source.'),
  page('versions', 'Versions', 'Ce qui est épinglé, à quelle version', 'Les charts Helm et les images, leur version, et ce qui n’en fixe aucune.'),
];

/** A workload or a Helm release, as the applications page lists it. */
export interface Application {
  link: ResourceLink;
  namespace: string;
  /** « Déploiement », « Release Helm ». */
  kind: string;
  name: string;
  /** What it runs: images for a workload, « chart version » for a release. */
  runs: string[];
  hosts: string[];
}

export interface NamespaceApplications {
  namespace: string;
  href: string;
  applications: Application[];
}

/** How the manifests reach the cluster. */
export type Deployer = 'flux' | 'argo' | 'kustomize';

export interface OverviewFacts {
  env: string;
  /** The other environments of the manifests, each with its page. */
  others: { name: string; href: string }[];
  resources: number;
  namespaces: number;
  workloads: number;
  releases: number;
  applications: NamespaceApplications[];
  hosts: PublicHost[];
  storage: StorageRow[];
  deployer: Deployer;
  kustomizations: number;
  argoApplications: number;
  /** How many steps the Flux chain takes, one step per `dependsOn` level. */
  waves: number;
  /** Where the manifests are read from (Git, OCI…): addresses. */
  sources: string[];
  images: { total: number; unpinned: number };
  charts: { total: number; unpinned: number };
}

function releaseOf(ctx: EnvContext, release: Resource): Application {
  const component = ctx.model.components.find((c) => c.resource === release.key);
  const chart = component ? `${component.chart}${component.version ? ` ${component.version}` : ''}` : undefined;
  return {
    link: resourceLink(ctx, release.key),
    namespace: release.id.namespace ?? '',
    kind: kindLabel(release.id),
    name: release.id.name,
    runs: chart ? [chart] : [],
    hosts: [],
  };
}

function applicationsOf(ctx: EnvContext, hosts: readonly PublicHost[]): NamespaceApplications[] {
  const hostsOf = (key: string) => hosts.filter((h) => h.workloads.some((w) => w.key === key)).map((h) => h.host);
  const all: Application[] = [
    ...ctx.env.resources.filter(isWorkload).map((w) => ({
      link: resourceLink(ctx, w.key),
      namespace: w.id.namespace ?? '',
      kind: kindLabel(w.id),
      name: w.id.name,
      runs: uniqueSorted(imageSlotsOf(w).map((slot) => slot.image)),
      hosts: hostsOf(w.key),
    })),
    // A release whose values say what it runs is listed by its workloads (deduced from them), not a second time.
    ...resourcesOfKind(ctx.env, 'HelmRelease', ['helm.toolkit.fluxcd.io'])
      .filter((r) => !ctx.env.resources.some((w) => w.deduced?.release === r.key && isWorkload(w)))
      .map((r) => releaseOf(ctx, r)),
  ];
  const byNamespace = new Map<string, Application[]>();
  for (const app of all) byNamespace.set(app.namespace, [...(byNamespace.get(app.namespace) ?? []), app]);
  return [...byNamespace]
    .sort(([a], [b]) => compareText(a, b))
    .map(([namespace, applications]) => ({
      namespace,
      href: namespacePath(ctx.env.name, namespace || undefined),
      applications: applications.sort((a, b) => compareText(a.name, b.name) || compareText(a.kind, b.kind)),
    }));
}

function deployerOf(ctx: EnvContext): Deployer {
  if (fluxOrder(ctx.model, ctx.env.name).length > 0) return 'flux';
  if (resourcesOfKind(ctx.env, 'Application', ['argoproj.io']).length > 0) return 'argo';
  return 'kustomize';
}

/** Where the Kustomizations read their manifests: each source's address, once. */
function sourcesOf(ctx: EnvContext): string[] {
  const keys = uniqueSorted(fluxOrder(ctx.model, ctx.env.name).flatMap((ks) => out(ctx, ks.key, 'source').map((s) => s.to)));
  return uniqueSorted(
    keys
      .map((key) => ctx.env.byKey.get(key))
      .filter((r): r is Resource => r !== undefined && kindEntry(r.id.group, r.id.kind)?.fluxSource === true)
      .map((r) => fluxSourceOf(r.object).url ?? r.id.name),
  );
}

export function overviewFacts(model: Model, envName: string): OverviewFacts {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const hosts = publicHostList(model, envName);
  const steps = fluxSteps(model, envName);
  const images = imageRows(model, envName);
  const components = model.components.filter((c) => c.env === envName);
  return {
    env: envName,
    others: model.environments.filter((e) => e.name !== envName).map((e) => ({ name: e.name, href: environmentPath(e.name) })),
    resources: env.resources.length,
    namespaces: env.namespaces.length,
    workloads: env.resources.filter(isWorkload).length,
    releases: resourcesOfKind(env, 'HelmRelease', ['helm.toolkit.fluxcd.io']).length,
    applications: applicationsOf(ctx, hosts),
    hosts,
    storage: storageRows(model, envName),
    deployer: deployerOf(ctx),
    kustomizations: steps.length,
    argoApplications: resourcesOfKind(env, 'Application', ['argoproj.io']).length,
    waves: Math.max(0, ...steps.map((s) => s.wave)),
    sources: sourcesOf(ctx),
    images: { total: images.length, unpinned: images.filter((row) => !row.pinned).length },
    charts: { total: components.length, unpinned: components.filter((c) => !c.version || /[*^~x><]|latest/i.test(c.version)).length },
  };
}

const DEPLOYER_TEXT: Record<Deployer, string> = {
  flux: 'Flux',
  argo: 'Argo CD',
  kustomize: 'kustomize, appliqué à la main ou par un outil que les manifestes ne décrivent pas',
};

/** « 12 applications dans 5 espaces de noms » — workloads and Helm releases together. */
function applicationsText(facts: OverviewFacts): string {
  const count = facts.workloads + facts.releases;
  const spaces = facts.applications.filter((n) => n.namespace).length;
  return `${plural(count, 'application')} dans ${plural(spaces, 'espace de noms', 'espaces de noms')}`;
}

/** The few sentences that open the overview: what the manifests describe, in figures. */
export function overviewIntro(facts: OverviewFacts, name: string): string[] {
  const sentences = [
    `Les manifestes de ${name} décrivent ${plural(facts.resources, 'ressource Kubernetes', 'ressources Kubernetes')} dans l’environnement ${facts.env} : ` +
      `${applicationsText(facts)}${facts.releases > 0 ? `, dont ${plural(facts.releases, 'release Helm', 'releases Helm')}` : ''}.`,
    facts.hosts.length > 0
      ? `L’infrastructure sert ${plural(facts.hosts.length, 'nom d’hôte public', 'noms d’hôte publics')}.`
      : 'Aucune route ne publie de nom d’hôte : d’après les manifestes, l’infrastructure ne sert rien publiquement.',
    storageText(facts.storage),
    `Elle est déployée par ${DEPLOYER_TEXT[facts.deployer]}${facts.deployer === 'flux' ? ` (${plural(facts.kustomizations, 'Kustomization', 'Kustomizations')}, appliquées en ${plural(facts.waves, 'étape')})` : ''}.`,
  ];
  if (facts.others.length > 0) {
    sentences.push(`Ces pages décrivent ${facts.env} ; ${joinFrench(facts.others.map((o) => o.name))} ${facts.others.length > 1 ? 'ont' : 'a'} aussi ${facts.others.length > 1 ? 'leurs pages' : 'ses pages'} sous Infrastructure.`);
  }
  return sentences;
}

/** « 32 volumes (120 Gio en tout) et 2 bases PostgreSQL, dont 10 sauvegardés » */
export function storageText(rows: readonly StorageRow[]): string {
  if (rows.length === 0) return 'Aucun volume ni aucune base de données n’est déclaré : les données vivent hors du cluster, ou nulle part.';
  const volumes = rows.filter((r) => !r.type.startsWith('Cluster')).length;
  const databases = rows.length - volumes;
  const saved = rows.filter((r) => r.backups.length > 0).length;
  const parts = [volumes > 0 ? plural(volumes, 'volume') : '', databases > 0 ? plural(databases, 'base PostgreSQL', 'bases PostgreSQL') : ''].filter(Boolean);
  const backed = saved === 0 ? 'aucun n’est sauvegardé par un planning que les manifestes décrivent' : saved === rows.length ? 'tous sont sauvegardés' : `${saved} sur ${rows.length} sont sauvegardés`;
  return `Ses données tiennent dans ${joinFrench(parts)} ; ${backed}.`;
}

/** « Les Kustomizations lisent le dépôt https://… » */
export function sourcesText(facts: OverviewFacts): string | undefined {
  if (facts.sources.length === 0) return undefined;
  return facts.sources.length === 1 ? `Toutes lisent ${facts.sources[0]}.` : `Elles lisent ${joinFrench(facts.sources)}.`;
}


/** Text from the manifests as Markdown that says exactly that text (a name may hold `_`, `*`, `<`…). */
function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~!]/g, (c) => `\\${c}`);
}

/**
 * The body of the generated home page, in Markdown: what the manifests describe, then the way in — the overview
 * pages when the site has them, the generated pages of every environment, the findings.
 */
export function homeMarkdown(intro: readonly string[], options: { overview: boolean; environments: readonly string[] }): string {
  const links = [
    ...(options.overview ? OVERVIEW_PAGES.map((p) => `- [${p.title}](${p.path}) — ${p.question}`) : []),
    ...options.environments.map((env) => `- [Environnement ${markdownText(env)}](${environmentPath(env)}) — chaque ressource, avec ses relations, son schéma, son manifeste et le fichier d’où elle vient.`),
    `- [Constats des vérifications](${FINDINGS_PATH}) — ce que les vérifications ont trouvé dans les manifestes.`,
  ];
  return [...intro.map(markdownText), '## Par où entrer', links.join('\n')].join('\n\n');
}

/** The sections of an overview page, as its component writes them (ids and titles), for the page's table of contents. */
export function overviewHeadings(slug: OverviewSlug, facts: OverviewFacts | undefined): { depth: number; slug: string; text: string }[] {
  const h2 = (id: string, text: string) => ({ depth: 2, slug: id, text });
  const sections: Record<OverviewSlug, (false | ReturnType<typeof h2>)[]> = {
    '': [],
    applications: [h2('adresses-publiques', 'Adresses publiques')],
    donnees: [Boolean(facts?.storage.length) && h2('volumes', 'Volumes et bases de données'), h2('plannings', 'Tâches planifiées')],
    deploiement: [facts?.deployer === 'flux' && h2('etapes', 'Étape par étape')],
    versions: [Boolean(facts?.charts.total) && h2('charts', 'Charts Helm'), Boolean(facts?.images.total) && h2('images', 'Images')],
  };
  return [...(facts ? sections[slug].filter((h): h is ReturnType<typeof h2> => h !== false) : []), h2('voir-aussi', 'Voir aussi')];
}
