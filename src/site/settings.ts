// Everything that decides how the site is built and checked, read in one place: the options of ffe.config.ts
// (validated by options.ts) and every environment variable the project reads — the FFE_* variables and CI. The rest
// of the code receives these values as arguments; no other file reads one of these variables
// (tests/architecture/settings.test.ts). One precedence: a variable overrides the file, for one build (README,
// « Variables d'environnement »).
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ffeConfig from '../../ffe.config.ts';
import { ALLOW_ERRORS_ENV, MANIFESTS_ENV } from '../infra/index.ts';
import { DiagramSetupError, parseDiagramMode, type ChromiumSettings } from '../render/chromium.ts';
import { SNAPSHOT_ENV } from './drift.ts';
import { siteError } from './errors.ts';
import { resolveFfeOptions, SiteUrlSchema, type FfeOptions, type OptionOverrides } from './options.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every variable read, by what it sets. */
export const VARIABLES = {
  manifests: MANIFESTS_ENV,
  allowErrors: ALLOW_ERRORS_ENV,
  diagrams: 'FFE_DIAGRAMS',
  chromium: 'FFE_CHROMIUM',
  snapshot: SNAPSHOT_ENV,
  cacheDir: 'FFE_CACHE_DIR',
  siteUrl: 'FFE_SITE_URL',
  repoUrl: 'FFE_REPO_URL',
  repoBranch: 'FFE_REPO_BRANCH',
  pages: 'FFE_PAGES',
  history: 'FFE_HISTORY',
  diagramStats: 'FFE_DIAGRAM_STATS',
  ci: 'CI',
  // The tests' and the bench's own (toolSettings).
  nginx: 'FFE_NGINX',
  testDist: 'FFE_TEST_DIST',
  benchDist: 'FFE_BENCH_DIST',
  debug: 'FFE_DEBUG',
} as const;

export interface DiagramSettings extends ChromiumSettings {
  /** Where rendered diagrams are kept between builds. */
  cacheDir: string;
  /** A file the build writes the renderer's figures to, for `npm run bench` (FFE_DIAGRAM_STATS). */
  statsFile: string | undefined;
}

/** The settings of one build, or of one run of `npm run check` / `npm run drift`. */
export interface Settings {
  /** ffe.config.ts, validated, with FFE_MANIFESTS, FFE_PAGES, FFE_SITE_URL, FFE_REPO_URL, FFE_REPO_BRANCH and FFE_HISTORY applied over it. */
  options: FfeOptions;
  /** FFE_ALLOW_ERRORS=1: build despite errors in the manifests and the pages; they are shown on the site. */
  allowErrors: boolean;
  /** CI=true: hosts and versions typed by hand in the pages stop the build. */
  ci: boolean;
  /** FFE_CACHE_DIR, else node_modules/.cache/ffe: what builds keep for the next one (kustomize renders, diagrams). */
  cacheDir: string;
  /** Where the state of the infrastructure at each commit read is kept (the journal, `npm run diff`). */
  historyCacheDir: string;
  /** FFE_SNAPSHOT: exports of the clusters compared with the manifests, relative to `cwd`; unset, none. */
  snapshot: string | undefined;
  diagrams: DiagramSettings;
  /** Where relative paths given in variables start (the current directory of the command). */
  cwd: string;
  /** The folder of ffe.config.ts: where the options' relative paths start. */
  projectRoot: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** A variable's value, or undefined when unset or blank. */
function read(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function invalidVariable(message: string, hint: string): Error {
  return siteError('Variable d’environnement invalide', message, hint);
}

/** FFE_HISTORY=off: no history for one build; any other value is a mistake, not a silent « on ». */
function historyOff(env: Environment): boolean {
  const value = read(env, VARIABLES.history);
  if (value === undefined) return false;
  if (value.toLowerCase() === 'off') return true;
  throw invalidVariable(
    `${VARIABLES.history} ne connaît qu’une valeur, « off » (construire sans historique Git) : « ${value} ».`,
    `Écrivez ${VARIABLES.history}=off, ou retirez la variable ; la fenêtre lue se règle par l’option « history » de ffe.config.ts.`,
  );
}

/** FFE_MANIFESTS, FFE_PAGES, FFE_SITE_URL, FFE_REPO_URL, FFE_REPO_BRANCH, FFE_HISTORY: what one build sets over ffe.config.ts. */
function optionOverrides(env: Environment, cwd: string): OptionOverrides {
  const manifests = read(env, VARIABLES.manifests);
  const site = read(env, VARIABLES.siteUrl);
  if (site && !SiteUrlSchema.safeParse(site).success) {
    throw invalidVariable(`${VARIABLES.siteUrl} n’est pas une adresse http(s) : « ${site} ».`, 'Donnez une adresse complète, par exemple https://docs.example.org.');
  }
  const repositoryUrl = read(env, VARIABLES.repoUrl);
  const repositoryBranch = read(env, VARIABLES.repoBranch);
  const pages = read(env, VARIABLES.pages);
  return {
    ...(manifests ? { manifests: isAbsolute(manifests) ? manifests : resolve(cwd, manifests) } : {}),
    ...(pages ? { pages: isAbsolute(pages) ? pages : resolve(cwd, pages) } : {}),
    ...(site ? { site } : {}),
    ...(repositoryUrl ? { repositoryUrl } : {}),
    ...(repositoryBranch ? { repositoryBranch } : {}),
    ...(historyOff(env) ? { history: false as const } : {}),
  };
}

function diagramMode(env: Environment): DiagramSettings['mode'] {
  try {
    return parseDiagramMode(env[VARIABLES.diagrams]);
  } catch (error) {
    if (DiagramSetupError.is(error)) throw invalidVariable(error.message, error.hint ?? '');
    throw error;
  }
}

export interface SettingsContext {
  /** The folder of ffe.config.ts: where the options' relative paths start. */
  projectRoot: string;
  /** Where the variables' relative paths start; default: the current directory. */
  cwd?: string;
  /** Default: process.env. */
  env?: Environment;
}

/**
 * The settings from options written as in ffe.config.ts and the environment. Throws an AstroError (French message,
 * what to do, no stack) on a wrong option or variable.
 */
export function resolveSettings(userOptions: unknown, context: SettingsContext): Settings {
  const env = context.env ?? process.env;
  const cwd = context.cwd ?? process.cwd();
  const cacheDir = read(env, VARIABLES.cacheDir);
  const cacheRoot = cacheDir ? resolve(cwd, cacheDir) : join(context.projectRoot, 'node_modules/.cache/ffe');
  return {
    options: resolveFfeOptions(userOptions, context.projectRoot, optionOverrides(env, cwd)),
    allowErrors: env[VARIABLES.allowErrors] === '1',
    ci: env[VARIABLES.ci] === 'true',
    cacheDir: cacheRoot,
    historyCacheDir: join(cacheRoot, 'history'),
    snapshot: read(env, VARIABLES.snapshot),
    diagrams: {
      mode: diagramMode(env),
      chromium: read(env, VARIABLES.chromium),
      cacheDir: join(cacheRoot, 'diagrams'),
      statsFile: read(env, VARIABLES.diagramStats),
    },
    cwd,
    projectRoot: context.projectRoot,
  };
}

/** This project's settings: ffe.config.ts and the process's environment. */
export function projectSettings(env: Environment = process.env): Settings {
  return resolveSettings(ffeConfig, { projectRoot: PROJECT_ROOT, env });
}

/** Debian's nginx, which the end-to-end tests use unless FFE_NGINX says otherwise. */
export const DEBIAN_NGINX = '/usr/sbin/nginx';

/** The variables of the tests and the bench (README, « Variables d'environnement »). */
export interface ToolSettings {
  /** FFE_NGINX: the nginx the end-to-end tests serve the site with; default Debian's. */
  nginx: string;
  /** FFE_CHROMIUM and FFE_DIAGRAMS, as the build reads them. */
  chromium: ChromiumSettings;
  /** FFE_TEST_DIST: a built site the site tests read instead of building one (while iterating). */
  testDist: string | undefined;
  /** FFE_BENCH_DIST: the same for the bench's page measures. */
  benchDist: string | undefined;
  /** FFE_DEBUG=1: the scripts print the stack of an internal error. */
  debug: boolean;
}

export function toolSettings(env: Environment = process.env): ToolSettings {
  return {
    nginx: read(env, VARIABLES.nginx) ?? DEBIAN_NGINX,
    chromium: { mode: diagramMode(env), chromium: read(env, VARIABLES.chromium) },
    testDist: read(env, VARIABLES.testDist),
    benchDist: read(env, VARIABLES.benchDist),
    debug: env[VARIABLES.debug] === '1',
  };
}
