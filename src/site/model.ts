// The one model of a build (or of a dev-server session until a manifest changes), shared by the integration, which
// checks it before anything is built, and by every generated page, with what the site decided about it: the default
// environment, the pair the comparison page sets side by side, where source links go, the cluster exports compared
// with it. The build session (session.ts) holds it; pages reach it through `getSite()`.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadModel, type LoadOptions, type Model, type SourceLocation } from '../infra/index.ts';
import { siteDrift, type SiteDrift, type SiteSnapshot } from './drift.ts';
import { siteEnvironments, type SiteEnvironments } from './environments.ts';
import type { FfeOptions } from './options.ts';
import { blobUrl, originRepository, treeUrl, type Repository } from './repository.ts';
import { pageSession } from './session.ts';
import type { Settings } from './settings.ts';

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
  /** One comparison per environment exported (FFE_SNAPSHOT); none without exports. */
  drift: SiteDrift[];
}

/** What loadModel needs from the settings; kustomize renders are kept between builds (FFE_CACHE_DIR). */
export function loadOptionsOf(settings: Settings): LoadOptions {
  const { options } = settings;
  return {
    root: options.manifests.root,
    severities: options.rules,
    annotationPrefix: options.annotationPrefix,
    kustomizeCacheDir: join(settings.cacheDir, 'kustomize'),
    remoteResources: options.remoteResources,
    conventions: options.conventions,
    ...(options.environments.compare ? { compare: options.environments.compare } : {}),
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

/** The site's view of a model: checked environments, source repository, drift. Throws an AstroError on unknown environments. */
export async function siteModelOf(model: Model, options: FfeOptions, snapshots: readonly SiteSnapshot[] = []): Promise<SiteModel> {
  return {
    model,
    options,
    environments: siteEnvironments(model, options),
    sourceRepository: await sourceRepositoryOf(model.repoRoot, options),
    drift: siteDrift(model, snapshots),
  };
}

/** The manifests read again (dev server, after an edit), with the build's settings and exports. */
export async function loadSiteModel(settings: Settings, snapshots: readonly SiteSnapshot[]): Promise<SiteModel> {
  return siteModelOf(await loadModel(loadOptionsOf(settings)), settings.options, snapshots);
}

/** The build's model and what the site decided about it, from a page. */
export function getSite(): Promise<SiteModel> {
  return pageSession().site();
}

export async function getModel(): Promise<Model> {
  return (await getSite()).model;
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
