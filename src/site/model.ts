// The one model of a build (or of a dev-server session until a manifest changes), shared by the integration, which
// checks it before anything is built, and by every generated page, with what the site decided about it: the default
// environment, the pair the comparison page sets side by side, where source links go. The integration and the pages
// are loaded by two module systems (Node and Vite), so all of it is kept on globalThis rather than in module variables.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cacheDirOf, loadModel, type LoadOptions, type Model, type SourceLocation } from '../infra/index.ts';
import ffeConfig from '../../ffe.config.ts';
import { siteEnvironments, type SiteEnvironments } from './environments.ts';
import { resolveFfeOptions, type FfeOptions } from './options.ts';
import { blobUrl, originRepository, treeUrl, type Repository } from './repository.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path.replace(/\/$/, '');
  }
}

export interface SiteModel {
  model: Model;
  options: FfeOptions;
  environments: SiteEnvironments;
  /** The repository « voir la source » links go to, when known. */
  sourceRepository: Repository | undefined;
}

const SLOT = Symbol.for('ffe.site');
const OPTIONS = Symbol.for('ffe.options');
type Holder = { [SLOT]?: Promise<SiteModel>; [OPTIONS]?: FfeOptions };

/** What loadModel needs from the options; kustomize renders are kept between builds (FFE_CACHE_DIR). */
export function loadOptionsOf(options: FfeOptions): LoadOptions {
  return {
    root: options.manifests.root,
    severities: options.rules,
    annotationPrefix: options.annotationPrefix,
    kustomizeCacheDir: cacheDirOf('kustomize'),
    remoteResources: options.remoteResources,
  };
}

/**
 * The repository of the manifests' source links: the one configured, else the `origin` of the Git repository
 * holding them (`repoRoot`), else the site's own repository when the manifests are part of it (a clone without a remote).
 */
export async function sourceRepositoryOf(repoRoot: string, options: FfeOptions): Promise<Repository | undefined> {
  if (options.manifests.repository) return options.manifests.repository;
  const origin = await originRepository(repoRoot);
  if (origin) return origin;
  // A clone without a usable remote: manifests that are part of the site's repository link to the configured one.
  return repoRoot === safeRealpath(PROJECT_ROOT) ? options.repository : undefined;
}

/** The site's view of a model: checked environments, source repository. Throws an AstroError on unknown environments. */
export async function siteModelOf(model: Model, options: FfeOptions): Promise<SiteModel> {
  return { model, options, environments: siteEnvironments(model, options), sourceRepository: await sourceRepositoryOf(model.repoRoot, options) };
}

export function getSite(): Promise<SiteModel> {
  const holder = globalThis as Holder;
  holder[SLOT] ??= (async () => {
    // The integration's options once it has run (they may be given inline in astro.config.mjs), else ffe.config.ts.
    const options = holder[OPTIONS] ?? resolveFfeOptions(ffeConfig, PROJECT_ROOT);
    return siteModelOf(await loadModel(loadOptionsOf(options)), options);
  })();
  return holder[SLOT];
}

export async function getModel(): Promise<Model> {
  return (await getSite()).model;
}

/** Use an already loaded and checked model (the build gate loaded it to check it). */
export function setSite(site: SiteModel): void {
  (globalThis as Holder)[SLOT] = Promise.resolve(site);
  (globalThis as Holder)[OPTIONS] = site.options;
}

/** Forget the loaded model, so the next page asks the manifests again (dev server, after an edit). */
export function forgetModel(): void {
  delete (globalThis as Holder)[SLOT];
}

/**
 * The model and the environment a component shows: the one it names, else the site's default (src/site/
 * environments.ts). Components never name an environment themselves.
 */
export async function modelFor(env: string | undefined): Promise<{ site: SiteModel; model: Model; env: string }> {
  const site = await getSite();
  return { site, model: site.model, env: env ?? site.environments.default ?? '' };
}

/** « voir la source »: the file at its line in the manifests' repository, or undefined when no repository is known. */
export function sourceUrl(site: SiteModel, location: SourceLocation): string | undefined {
  return site.sourceRepository && location.path ? blobUrl(site.sourceRepository, location.path, location.line || undefined) : undefined;
}

/** A folder of the manifests' repository. */
export function folderUrl(site: SiteModel, path: string): string | undefined {
  return site.sourceRepository ? treeUrl(site.sourceRepository, path) : undefined;
}
