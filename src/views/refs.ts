// Resolving what prose cites — a resource, a kind, a glossary term — against the model, with French messages that
// say what exists instead and what was probably meant. Pure: the MDX plugin (src/site/mdx-refs.ts) and the components
// call it, so a page that names something absent fails the build instead of publishing a dead link.
import { distance } from 'fastest-levenshtein';
import { compareText, DocumentationError, joinFrench, kindLabel, KINDS, type Environment, type Model, type Resource } from '../infra/index.ts';
import { resourcePath } from './paths.ts';

/** Workloads a public host can reach: the kinds with a pod template worth citing (not a bare Pod, nor a ReplicaSet). */
export const PUBLISHED_KINDS = KINDS.filter((k) => k.workload && k.workload.lifecycle !== 'once' && !k.workload.ownedPods).map((k) => k.kind);
/**
 * Kinds whose pods run an image, tried in the registry's order when prose names a workload: the workloads, then the
 * kinds whose operator runs the pods (a CNPG Cluster runs PostgreSQL).
 */
export const IMAGE_KINDS = [...PUBLISHED_KINDS, ...KINDS.filter((k) => k.pods).map((k) => k.kind)];
/** Resources that install (or configure) a Helm chart: a Flux HelmRelease, k3s' HelmChart / HelmChartConfig… */
export const CHART_KINDS = KINDS.filter((k) => k.charts).map((k) => k.kind);

export interface RefQuery {
  kind: string;
  /** Omitted for cluster-scoped resources. */
  namespace?: string;
  name: string;
  /** The site passes its default environment when the page names none (src/site/environments.ts). */
  env: string | undefined;
}

/** Which part of a query was wrong. */
export type RefField = 'env' | 'kind' | 'namespace' | 'name';

export interface RefFailure {
  ok: false;
  field: RefField;
  /** French, without the citing element: the caller says where it was written. */
  message: string;
  /** Existing values close to the one written for `field`, nearest first. */
  suggestions: string[];
}

export type RefResolution = { ok: true; resource: Resource; href: string } | RefFailure;

const SHOWN = 8;

/** Existing values nearest to `input` (case-insensitive edit distance), nearest first, only plausible typos. */
export function nearest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const wanted = input.toLowerCase();
  const threshold = Math.max(2, Math.ceil(wanted.length * 0.4));
  return [...new Set(candidates)]
    .map((value) => {
      const lower = value.toLowerCase();
      // A prefix or a part of a longer name is a plausible intent even when far in edits (`db` → `booking-db`).
      const contains = wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower));
      return { value, score: contains ? Math.min(1, distance(wanted, lower)) : distance(wanted, lower) };
    })
    .filter((c) => c.score <= threshold)
    .sort((a, b) => a.score - b.score || compareText(a.value, b.value))
    .slice(0, limit)
    .map((c) => c.value);
}

const quote = (value: string): string => `« ${value} »`;

/** ` — vouliez-vous dire « a » ou « b » ?`, or '' when nothing is close. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  return ` — vouliez-vous dire ${joinFrench(suggestions.map(quote), 'ou')} ?`;
}

/** `a, b, c et 4 autres` — a bounded list of what exists, for when nothing is close enough to suggest. */
export function existing(values: readonly string[]): string {
  const sorted = [...new Set(values)].sort(compareText);
  if (sorted.length <= SHOWN) return sorted.join(', ');
  return `${sorted.slice(0, SHOWN).join(', ')} et ${sorted.length - SHOWN} autres`;
}

function failure(field: RefField, message: string, suggestions: string[] = []): RefFailure {
  return { ok: false, field, message, suggestions };
}

/** `what « written » where`, then suggestions if some are close, else the list of what exists. */
function notFound(field: RefField, what: string, written: string, candidates: readonly string[], where = ''): RefFailure {
  const suggestions = nearest(written, candidates);
  const tail = suggestions.length > 0 ? didYouMean(suggestions) : candidates.length > 0 ? ` (existants : ${existing(candidates)})` : '';
  return failure(field, `${what} ${quote(written)}${where}${tail}`, suggestions);
}

function findEnvironment(model: Model, env: string | undefined): Environment | RefFailure {
  if (env === undefined) return failure('env', 'aucun environnement dans ces manifestes');
  const found = model.environments.find((e) => e.name === env);
  if (found) return found;
  return notFound('env', 'aucun environnement', env, model.environments.map((e) => e.name));
}

function allKinds(model: Model): string[] {
  return [...new Set(model.environments.flatMap((e) => [...e.byKind.keys()]))];
}

function checkKind(model: Model, env: Environment, kind: string): Resource[] | RefFailure {
  const resources = env.byKind.get(kind);
  if (resources) return resources;
  const elsewhere = model.environments.filter((e) => e.byKind.has(kind)).map((e) => e.name);
  if (elsewhere.length > 0) {
    return failure('kind', `aucune ressource de type ${quote(kind)} dans l’environnement ${env.name} (il y en a en ${elsewhere.join(', ')} : précisez env="${elsewhere[0]}")`);
  }
  return notFound('kind', 'aucun type', kind, allKinds(model));
}

function checkNamespace(env: Environment, namespace: string): RefFailure | undefined {
  if (env.namespaces.includes(namespace)) return undefined;
  return notFound('namespace', 'aucun espace de noms', namespace, env.namespaces, ` dans l’environnement ${env.name}`);
}

/** Cites one resource: its page if it exists, else what was probably meant. */
export function resolveRef(model: Model, query: RefQuery): RefResolution {
  const env = findEnvironment(model, query.env);
  if ('ok' in env) return env;
  const ofKind = checkKind(model, env, query.kind);
  if ('ok' in ofKind) return ofKind;
  const french = kindLabel(ofKind[0].id);
  const label = french === query.kind ? query.kind : `${french} (${query.kind})`;
  const clusterScoped = ofKind.every((r) => r.id.namespace === undefined);

  if (clusterScoped && query.namespace !== undefined) {
    return failure('namespace', `${quote(query.kind)} est une ressource du cluster, sans espace de noms : retirez namespace="${query.namespace}"`);
  }
  if (!clusterScoped && query.namespace === undefined) {
    const where = ofKind.filter((r) => r.id.name === query.name).map((r) => r.id.namespace as string);
    const hint = where.length > 0 ? ` ; ${quote(query.name)} existe dans : ${existing(where)}` : '';
    return failure('namespace', `${quote(query.kind)} appartient à un espace de noms : précisez namespace="…"${hint}`, where);
  }
  if (query.namespace !== undefined) {
    const wrongNamespace = checkNamespace(env, query.namespace);
    if (wrongNamespace) return wrongNamespace;
  }

  const found = ofKind.find((r) => r.id.namespace === query.namespace && r.id.name === query.name);
  if (found) return { ok: true, resource: found, href: resourcePath(found) };

  const where = query.namespace ? ` dans l’espace de noms ${query.namespace}` : '';
  const siblings = ofKind.filter((r) => r.id.namespace === query.namespace).map((r) => r.id.name);
  const failed = notFound('name', `aucune ressource ${label} nommée`, query.name, siblings, `${where} (${env.name})`);
  const otherNamespaces = ofKind.filter((r) => r.id.name === query.name).map((r) => r.id.namespace as string);
  const otherEnvs = model.environments
    .filter((e) => e !== env && e.byKind.get(query.kind)?.some((r) => r.id.namespace === query.namespace && r.id.name === query.name))
    .map((e) => e.name);
  const notes = [
    ...(otherNamespaces.length > 0
      ? [`elle existe dans ${otherNamespaces.length > 1 ? 'les espaces de noms' : 'l’espace de noms'} ${existing(otherNamespaces)}`]
      : []),
    ...(otherEnvs.length > 0 ? [`elle existe en ${otherEnvs.join(', ')} : précisez env="${otherEnvs[0]}"`] : []),
  ];
  return { ...failed, message: notes.length > 0 ? `${failed.message} ; ${notes.join(' ; ')}` : failed.message };
}

/** What a `<Ref>` shows: the page it links to and a title naming the resource in French. */
export function refCitation(model: Model, query: RefQuery): { href: string; title: string } {
  const resolved = resolveRef(model, query);
  if (!resolved.ok) {
    const element = `<Ref kind="${query.kind}"${query.namespace ? ` namespace="${query.namespace}"` : ''} name="${query.name}" />`;
    throw new DocumentationError(`${element} : ${resolved.message}`, 'Corrigez la citation dans la page, ou la ressource dans les manifestes.');
  }
  const { id } = resolved.resource;
  const where = id.namespace ? `dans l’espace de noms ${id.namespace}` : 'à l’échelle du cluster';
  return { href: resolved.href, title: `${kindLabel(id)} ${id.name}, ${where} — environnement ${id.env}` };
}

export interface KindQuery {
  kind: string;
  namespace?: string;
  env: string | undefined;
}

export type KindResolution = { ok: true; env: Environment; resources: Resource[] } | RefFailure;

/** Every resource of a kind (in a namespace, if given): for components that count or list rather than cite one. */
export function resolveKind(model: Model, query: KindQuery): KindResolution {
  const env = findEnvironment(model, query.env);
  if ('ok' in env) return env;
  const ofKind = checkKind(model, env, query.kind);
  if ('ok' in ofKind) return ofKind;
  if (query.namespace === undefined) return { ok: true, env, resources: ofKind };
  const wrongNamespace = checkNamespace(env, query.namespace);
  if (wrongNamespace) return wrongNamespace;
  return { ok: true, env, resources: ofKind.filter((r) => r.id.namespace === query.namespace) };
}

/** Cites a glossary entry by its id (the file name in content/definitions/, without `.mdx`). */
export function resolveTerm(definitionIds: readonly string[], id: string): { ok: true; href: string } | RefFailure {
  if (definitionIds.includes(id)) return { ok: true, href: glossaryPath(id) };
  const failed = notFound('name', 'aucune définition', id, definitionIds, ' dans content/definitions/');
  return failed.suggestions.length > 0 ? failed : { ...failed, message: `${failed.message} ; créez content/definitions/${id}.mdx ou corrigez l’identifiant` };
}

export const GLOSSARY_PATH = '/glossaire/';

/** Each glossary entry is anchored on its definition id (see src/components/Glossary.astro). */
export function glossaryPath(id: string): string {
  return `${GLOSSARY_PATH}#${encodeURIComponent(id)}`;
}

// Components whose props name something of the model. The MDX plugin checks every use of them at build time, with
// the file and line, and passes what it resolved (`inject`) as extra props, so the components only render.

/** Prop values as written in MDX: only literal strings can be checked, so other values never reach a check. */
export type PropValues = Readonly<Record<string, string | undefined>>;

export interface CheckContext {
  model: Model;
  /** Ids of content/definitions/*.mdx. */
  definitionIds: readonly string[];
  /** The environment a component names when it has no `env` prop (chosen by the site from its options). */
  defaultEnv: string | undefined;
  /** The two environments compared when a component names none (the site's comparison pair). */
  comparison?: readonly [string, string];
}

export type CheckResult = { ok: true; inject?: Record<string, string> } | { ok: false; message: string };

export interface CheckedComponent {
  /** Props the check reads; they must be written as literal strings (`name="site"`, not `name={x}`). */
  props: readonly string[];
  /** Props without which the component means nothing. */
  required: readonly string[];
  check(values: PropValues, context: CheckContext): CheckResult;
}

interface ResourcePropNames {
  kind?: string;
  namespace?: string;
  name?: string;
  env?: string;
}

/**
 * A component citing one resource. `kinds` fixes the kind (or the kinds, tried in order: `ImageVersion` names a
 * workload, whichever its kind); without it, the `kind` prop gives it. Injects `href`, the page of the resource.
 */
export function citesResource(options: { kinds?: readonly string[]; props?: ResourcePropNames } = {}): CheckedComponent {
  const names = { kind: 'kind', namespace: 'namespace', name: 'name', env: 'env', ...options.props };
  const fixed = options.kinds;
  return {
    props: fixed ? [names.namespace, names.name, names.env] : [names.kind, names.namespace, names.name, names.env],
    required: fixed ? [names.name] : [names.kind, names.name],
    check(values, { model, defaultEnv }) {
      const base = { namespace: values[names.namespace], name: values[names.name] as string, env: values[names.env] ?? defaultEnv };
      const kinds = fixed ?? [values[names.kind] as string];
      const attempts = kinds.map((kind) => resolveRef(model, { ...base, kind }));
      const found = attempts.find((a) => a.ok);
      if (found?.ok) return { ok: true, inject: { href: found.href } };
      if (attempts.length === 1) return { ok: false, message: (attempts[0] as RefFailure).message };
      // Several kinds allowed: a wrong name is reported against all of them at once.
      const candidates = kinds.flatMap((kind) => {
        const env = model.environments.find((e) => e.name === base.env);
        return (env?.byKind.get(kind) ?? []).filter((r) => r.id.namespace === base.namespace).map((r) => r.id.name);
      });
      const where = base.namespace ? ` dans l’espace de noms ${base.namespace}` : '';
      return { ok: false, message: notFound('name', `aucune ressource (${kinds.join(', ')}) nommée`, base.name, candidates, where).message };
    },
  };
}

/** A component about every resource of a kind (`<Count kind="Deployment" />`): the kind must exist. */
export function citesKind(options: { props?: Omit<ResourcePropNames, 'name'> } = {}): CheckedComponent {
  const names = { kind: 'kind', namespace: 'namespace', env: 'env', ...options.props };
  return {
    props: [names.kind, names.namespace, names.env],
    required: [names.kind],
    check(values, { model, defaultEnv }) {
      const result = resolveKind(model, { kind: values[names.kind] as string, namespace: values[names.namespace], env: values[names.env] ?? defaultEnv });
      return result.ok ? { ok: true } : { ok: false, message: result.message };
    },
  };
}

/** A component citing a glossary entry. Injects `href`, the entry's anchor on /glossaire/. */
export function citesTerm(prop = 'id'): CheckedComponent {
  return {
    props: [prop],
    required: [prop],
    check(values, { definitionIds }) {
      const result = resolveTerm(definitionIds, values[prop] as string);
      return result.ok ? { ok: true, inject: { href: result.href } } : { ok: false, message: result.message };
    },
  };
}

/** The same check, for a component that needs no resolved value. */
export function checkOnly(component: CheckedComponent): CheckedComponent {
  return {
    ...component,
    check: (values, context) => {
      const result = component.check(values, context);
      return result.ok ? { ok: true } : result;
    },
  };
}

/** Checks one use of a component: required props present, then the component's own check. */
export function checkComponent(component: CheckedComponent, values: PropValues, context: CheckContext): CheckResult {
  const missing = component.required.filter((prop) => values[prop] === undefined || values[prop] === '');
  if (missing.length > 0) {
    return { ok: false, message: `${missing.length === 1 ? 'attribut obligatoire manquant' : 'attributs obligatoires manquants'} : ${missing.join(', ')}` };
  }
  return component.check(values, context);
}

/**
 * The components checked in MDX, by the name they are imported under. To declare a new one, add a line here:
 * `ImageVersion: citesResource({ kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob'] })`.
 */
export const CHECKED_COMPONENTS: Readonly<Record<string, CheckedComponent>> = {
  Ref: citesResource(),
  Term: citesTerm('id'),
  // The manifesto's definition boxes: checked the same way, nothing to inject.
  Definition: checkOnly(citesTerm('id')),
  // The architecture pages' prose components (src/components/prose/).
  Count: citesKind(),
  ImageVersion: citesResource({ kinds: IMAGE_KINDS }),
  ChartVersion: citesResource({ kinds: CHART_KINDS }),
  HostOf: citesResource({ kinds: PUBLISHED_KINDS }),
  DatabaseRecovery: citesResource({ kinds: ['Cluster'] }),
  VolumeRestore: citesResource({ kinds: ['PersistentVolumeClaim'] }),
};
