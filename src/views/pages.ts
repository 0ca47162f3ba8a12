// The list of generated pages under /infra/: what exists, where, and under which title.
import { kindLabel, type DriftReport, type Model } from '../infra/index.ts';
import { DRIFT_TITLE, driftHeadings, driftPath } from './drift.ts';
import { JOURNAL_PATH, JOURNAL_TITLE } from './history.ts';
import { environmentPath, INFRA_ROOT, namespacePath, parseResourceKey } from './paths.ts';
import { worthDrawing } from './diagram.ts';
import { namespaceDiagram } from './diagrams/namespace.ts';
import { drawsNeighbourhood, neighbourhoodDiagram, resourcePages } from './resource.ts';

export interface PageHeading {
  depth: number;
  slug: string;
  text: string;
}

interface PageBase {
  /** The route parameter under /infra/ (`undefined` for /infra/ itself). */
  params: string | undefined;
  title: string;
  description: string;
  /** The page's table of contents: the sections its component renders, with the same ids. */
  headings?: PageHeading[];
}

const h2 = (slug: string, text: string): PageHeading => ({ depth: 2, slug, text });

/** The sections of a page, without its diagram's when the diagram says no more than the page (see worthDrawing). */
const withDiagram = (headings: PageHeading[], slug: string, drawn: boolean): PageHeading[] => (drawn ? headings : headings.filter((h) => h.slug !== slug));

/** A resource page's « Historique » comes before its manifest, when the site has a history. */
function withHistory(headings: PageHeading[], history: boolean): PageHeading[] {
  if (!history) return headings;
  const at = headings.findIndex((h) => h.slug === 'yaml');
  return [...headings.slice(0, at), h2('historique', 'Historique'), ...headings.slice(at)];
}

const HEADINGS = {
  environment: [h2('espaces-de-noms', 'Espaces de noms'), h2('types', 'Types de ressources'), h2('schemas', 'Schémas')],
  namespace: [h2('schema', 'Schéma'), h2('ressources', 'Ressources'), h2('constats', 'Constats')],
  resource: [h2('voisinage', 'Voisinage'), h2('relations', 'Relations'), h2('constats', 'Constats'), h2('yaml', 'Manifeste')],
  comparison: [
    h2('versions', 'Versions'),
    h2('repliques', 'Répliques'),
    h2('hotes', 'Hôtes par route'),
    h2('configuration', 'ConfigMaps et Secrets'),
    h2('reglages', 'Autres réglages'),
    h2('presentes-ailleurs', 'Ressources présentes d’un seul côté'),
  ],
  findings: [h2('error', 'Erreurs'), h2('warning', 'Avertissements'), h2('notice', 'Notes')],
};

export type InfraPage =
  | (PageBase & { type: 'index' })
  | (PageBase & { type: 'environment'; env: string })
  | (PageBase & { type: 'namespace'; env: string; namespace: string | undefined })
  | (PageBase & { type: 'resource'; env: string; key: string })
  | (PageBase & { type: 'comparison'; left: string; right: string })
  | (PageBase & { type: 'drift'; env: string })
  | (PageBase & { type: 'findings' })
  | (PageBase & { type: 'journal' });

export const COMPARISON_PATH = `${INFRA_ROOT}comparaison/`;
export const FINDINGS_PATH = `${INFRA_ROOT}constats/`;

/** The route parameter of a path under /infra/ (`/infra/a/b/` → `a/b`). */
function paramsOf(path: string): string {
  return decodeURIComponent(path.slice(INFRA_ROOT.length).replace(/\/$/, ''));
}

export interface InfraPagesOptions {
  /** The two environments the comparison page sets side by side; no comparison page without them. */
  comparison?: readonly [string, string];
  /** The environments compared with an export of their cluster (FFE_SNAPSHOT): each gets an « Écarts » page. */
  drift?: readonly DriftReport[];
  /** The journal's sections, when the site has a history (even one that could not be read: the page says why). */
  journal?: readonly PageHeading[];
}

/** Every page under /infra/. */
export function infraPages(model: Model, options: InfraPagesOptions = {}): InfraPage[] {
  const drift = options.drift ?? [];
  const pages: InfraPage[] = [
    {
      type: 'index',
      params: undefined,
      title: 'Infrastructure',
      description: 'Toutes les ressources Kubernetes de l’infrastructure, générées depuis ses manifestes à chaque construction.',
    },
    {
      type: 'findings',
      params: paramsOf(FINDINGS_PATH),
      title: 'Constats des vérifications',
      description: 'Ce que les vérifications ont trouvé dans les manifestes : erreurs, avertissements et notes.',
      headings: HEADINGS.findings,
    },
  ];
  if (options.journal) {
    pages.push({
      type: 'journal',
      params: paramsOf(JOURNAL_PATH),
      title: JOURNAL_TITLE,
      description: 'Chaque commit qui a changé ce qu’un environnement déploie : date, auteur, message et changements, du plus récent au plus ancien.',
      headings: [...options.journal],
    });
  }
  if (options.comparison) {
    const [left, right] = options.comparison;
    pages.push({
      type: 'comparison',
      params: paramsOf(COMPARISON_PATH),
      title: 'Comparer les environnements',
      description: `Ce qui diffère entre ${left} et ${right}, objet par objet — versions, répliques, hôtes, configuration, réglages — avec la ligne de l’overlay qui fait chaque différence et sa raison écrite.`,
      headings: HEADINGS.comparison,
      left,
      right,
    });
  }
  for (const env of model.environments) {
    pages.push({
      type: 'environment',
      params: paramsOf(environmentPath(env.name)),
      title: `Environnement ${env.name}`,
      description: `Les ${env.resources.length} ressources de l’environnement ${env.name}, leurs espaces de noms et leurs schémas.`,
      env: env.name,
      headings: HEADINGS.environment,
    });
    const report = drift.find((r) => r.env === env.name);
    if (report) {
      pages.push({
        type: 'drift',
        params: paramsOf(driftPath(env.name)),
        title: `${DRIFT_TITLE} (${env.name})`,
        description: `Ce qui diffère entre les manifestes de ${env.name} et l’export de son cluster : objets en trop, objets absents, valeurs changées.`,
        env: env.name,
        headings: driftHeadings(report),
      });
    }
    for (const namespace of [...env.namespaces, undefined]) {
      pages.push({
        type: 'namespace',
        params: paramsOf(namespacePath(env.name, namespace)),
        title: namespace ? `${namespace} (${env.name})` : `Ressources de cluster (${env.name})`,
        description: namespace
          ? `Les ressources de l’espace de noms ${namespace} en ${env.name}.`
          : `Les ressources sans espace de noms de l’environnement ${env.name}.`,
        env: env.name,
        namespace,
        ...(namespace ? { headings: withDiagram(HEADINGS.namespace, 'schema', worthDrawing(namespaceDiagram(model, env.name, namespace).graph)) } : {}),
      });
    }
  }
  for (const page of resourcePages(model).pages) {
    const id = parseResourceKey(page.key);
    const { env, namespace, name } = id;
    const where = namespace ? `dans l’espace de noms ${namespace}` : 'à l’échelle du cluster';
    pages.push({
      type: 'resource',
      params: paramsOf(page.href),
      title: `${name} — ${kindLabel(id)}`,
      description: `${kindLabel(id)} ${name} ${where}, environnement ${env} : relations, schéma, manifeste et source.`,
      env,
      key: page.key,
      headings: withHistory(withDiagram(HEADINGS.resource, 'voisinage', drawsNeighbourhood(neighbourhoodDiagram(model, page.key).graph)), options.journal !== undefined),
    });
  }
  return pages;
}
