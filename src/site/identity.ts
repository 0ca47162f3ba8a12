// Who the site is: its title, the sentence describing it, its address and the repository its header links to. From
// the options, or — when they say nothing, as on a fork's ffe.config.ts or with FFE_MANIFESTS=… — from the repository
// of the manifests itself: its remote's name (else its folder's) and its `origin`. A site built for another
// repository never borrows FFE's name, address or repository.
import { basename } from 'node:path';
import { gitRoot } from '../infra/index.ts';
import type { FfeOptions } from './options.ts';
import { editBaseUrl, originRepository, type Repository } from './repository.ts';

export interface SiteIdentity {
  title: string;
  description: string;
  /** The public address, when one is configured: canonical links and the sitemap. */
  site: string | undefined;
  /** The header link: the site's repository, else the manifests'. */
  repository: Repository | undefined;
  /** Where « Modifier cette page » starts: the repository of the site's own pages, on a forge that edits in the browser. */
  editBaseUrl: string | undefined;
  /** The repository documented, as a reader would name it: `home-ops` for github.com/onedr0p/home-ops. */
  name: string;
}

/** `home-ops` for https://github.com/onedr0p/home-ops, else the folder's name. */
function repositoryName(repository: Repository | undefined, folder: string): string {
  return repository?.url.split('/').pop() || basename(folder);
}

/** The description of a site whose options give none. */
function defaultDescription(name: string): string {
  return `L’infrastructure ${name}, documentée à partir de ses manifestes Kubernetes à chaque construction : ce qui tourne, ce qu’elle sert, où vivent ses données, comment elle est déployée.`;
}

/**
 * The identity of the site described by `options` (validated, FFE_MANIFESTS applied). `projectRoot` holds the site's
 * own pages, whose edits go to its repository.
 */
export async function siteIdentity(options: FfeOptions, projectRoot: string): Promise<SiteIdentity> {
  const manifestsRepo = await gitRoot(options.manifests.root);
  const origin = options.manifests.repository ?? (await originRepository(manifestsRepo));
  const name = repositoryName(origin, manifestsRepo);
  // Edits go where the pages are: the site's repository as configured, else the project's own origin.
  const pagesRepository = options.pages ? (options.repository ?? (await originRepository(projectRoot))) : undefined;
  return {
    title: options.title ?? name,
    description: options.description ?? defaultDescription(name),
    site: options.site,
    repository: options.repository ?? origin,
    editBaseUrl: pagesRepository && editBaseUrl(pagesRepository),
    name,
  };
}
