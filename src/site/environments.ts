// Which environment the site talks about by default, and which two the comparison page sets side by side: the ones
// the options name, checked against the model. An environment the options name but the manifests do not have stops
// the build with the names that exist — unless FFE_MANIFESTS points at another repository for a try, where the
// site chooses for itself (a production-like name first) and says so.
import type { Model } from '../infra/index.ts';
import { siteError } from './errors.ts';
import type { FfeOptions } from './options.ts';

export interface SiteEnvironments {
  /** undefined only when the manifests have no environment at all. */
  default: string | undefined;
  /** The comparison page's pair, when there are two environments to compare. */
  comparison: [string, string] | undefined;
  /** What the site chose by itself, for the build log. */
  notes: string[];
}

const PRODUCTION_LIKE = ['production', 'prod', 'prd', 'live', 'main', 'default'];
const STAGING_LIKE = ['staging', 'stage', 'preprod', 'pre-production', 'recette', 'test', 'qa', 'dev', 'development'];

function firstNamed(names: readonly string[], preferred: readonly string[]): string | undefined {
  return preferred.find((p) => names.includes(p)) ?? undefined;
}

function unknownEnvironment(option: string, name: string, names: readonly string[]): Error {
  const known = names.length > 0 ? names.map((n) => `« ${n} »`).join(', ') : 'aucun';
  return siteError(
    'Environnement inconnu',
    `L’option ${option} nomme l’environnement « ${name} », absent des manifestes (environnements trouvés : ${known}).`,
    'Corrigez ffe.config.ts avec l’un des noms trouvés, ou retirez l’option pour laisser le site choisir.',
  );
}

export function siteEnvironments(model: Model, options: FfeOptions): SiteEnvironments {
  const names = model.environments.map((e) => e.name);
  const notes: string[] = [];
  const lenient = options.manifests.overridden;
  const configured = options.environments;

  let defaultEnv: string | undefined;
  if (configured.default && names.includes(configured.default)) defaultEnv = configured.default;
  else if (configured.default && !lenient) throw unknownEnvironment('environments.default', configured.default, names);
  else {
    defaultEnv = firstNamed(names, PRODUCTION_LIKE) ?? names[0];
    if (configured.default && defaultEnv) notes.push(`environnement par défaut « ${configured.default} » absent de ces manifestes : « ${defaultEnv} » utilisé`);
  }

  let comparison: [string, string] | undefined;
  const pair = configured.compare;
  if (pair && pair.every((name) => names.includes(name)) && pair[0] !== pair[1]) comparison = pair;
  else if (pair && !lenient) {
    const missing = pair.find((name) => !names.includes(name));
    if (missing) throw unknownEnvironment('environments.compare', missing, names);
    throw siteError('Options du site invalides', `L’option environments.compare compare « ${pair[0]} » à lui-même.`, 'Nommez deux environnements différents.');
  } else if (names.length > 1 && defaultEnv) {
    const others = names.filter((n) => n !== defaultEnv);
    const other = firstNamed(others, STAGING_LIKE) ?? others[0];
    comparison = [other, defaultEnv];
    if (pair) notes.push(`comparaison « ${pair[0]} » / « ${pair[1]} » impossible avec ces manifestes : « ${other} » / « ${defaultEnv} » comparés`);
  }
  return { default: defaultEnv, comparison, notes };
}
