// The Starlight plugin that stops a build whose content pages hold a broken internal link: once the site is built,
// every link of their main column is followed in dist/ (a page, a file, an anchor of the target page), and each
// broken one is reported at the line of the file that wrote it, in French. Checking the built pages needs no Markdown
// plugin, so nothing has to be re-rendered (and Astro's content cache is kept).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StarlightPlugin } from '@astrojs/starlight/types';
import { ALLOW_ERRORS_ENV } from '../infra/index.ts';
import { siteError } from './errors.ts';
import { brokenLinkReason, brokenLinksSummary, formatBrokenLinks, locateLink, pageIds, pageLinks, type BrokenLink, type BuiltSite, type SourceText } from './links.ts';
import type { BuildSession } from './session.ts';

const MIDDLEWARE = fileURLToPath(new URL('./links-middleware.ts', import.meta.url));

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The built site as nginx serves it (`try_files $uri $uri/`): a file, else a folder's index.html. */
export function builtSite(distDir: string, origin: string | undefined): BuiltSite {
  const ids = new Map<string, Set<string>>();
  return {
    origin,
    fileAt(pathname) {
      const path = join(distDir, pathname);
      if (!path.startsWith(distDir)) return undefined;
      if (!pathname.endsWith('/') && isFile(path)) return path;
      const index = join(path, 'index.html');
      return isFile(index) ? index : undefined;
    },
    idsOf(file) {
      let found = ids.get(file);
      if (!found) {
        found = pageIds(readFileSync(file, 'utf8'));
        ids.set(file, found);
      }
      return found;
    },
  };
}

/** Markdown and MDX files under `dir`, relative to `root`. */
function contentFiles(root: string, dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((e) => (e.isDirectory() ? contentFiles(root, join(dir, e.name)) : /\.mdx?$/.test(e.name) ? [relative(root, join(dir, e.name))] : []))
    .sort();
}

/**
 * The broken links of the content pages recorded during the build (address → source file). Pages made with
 * <StarlightPage> (/infra/…) carry a made-up file name: they are not content, and are skipped.
 */
export function brokenContentLinks(pages: ReadonlyMap<string, string>, site: BuiltSite, root: string): { broken: BrokenLink[]; links: number; pages: number } {
  const broken: BrokenLink[] = [];
  let links = 0;
  let checkedPages = 0;
  let others: SourceText[] | undefined;
  const read = (file: string): SourceText => ({ file, text: readFileSync(join(root, file), 'utf8') });
  for (const [route, file] of pages) {
    const built = site.fileAt(route);
    if (!built || !isFile(join(root, file))) continue;
    checkedPages++;
    const found = new Map<string, string>();
    for (const href of pageLinks(readFileSync(built, 'utf8'))) {
      links++;
      if (found.has(href)) continue;
      const reason = brokenLinkReason(href, route, site);
      if (reason) found.set(href, reason);
    }
    if (found.size === 0) continue;
    // A link the page's file does not hold may come from a definition (<Term>) or another shared file.
    others ??= contentFiles(root, join(root, 'content')).map(read);
    const sources = [read(file), ...others.filter((s) => s.file !== file)];
    for (const [href, reason] of found) {
      const position = locateLink(href, sources);
      broken.push({ page: file, href, reason, ...(position ? { position } : {}) });
    }
  }
  return { broken, links, pages: checkedPages };
}

export function ffeLinkCheck(session: BuildSession): StarlightPlugin {
  return {
    name: 'ffe-link-check',
    hooks: {
      'config:setup'({ command, addRouteMiddleware, addIntegration, astroConfig }) {
        if (command !== 'build') return;
        addRouteMiddleware({ entrypoint: MIDDLEWARE, order: 'pre' });
        const root = fileURLToPath(astroConfig.root);
        addIntegration({
          name: 'ffe:link-check',
          hooks: {
            'astro:build:start': () => session.contentPages.clear(),
            'astro:build:done': ({ dir, logger }) => {
              const site = builtSite(fileURLToPath(dir), astroConfig.site);
              const { broken, links, pages } = brokenContentLinks(session.contentPages.all(), site, root);
              if (broken.length > 0) {
                const list = `${brokenLinksSummary(broken)} :\n\n${formatBrokenLinks(broken)}`;
                // Trying the site on another repository (FFE_ALLOW_ERRORS=1), the pages may link to what these
                // manifests do not make (a comparison page with one environment): said, not fatal, as for references.
                if (session.settings.allowErrors) {
                  logger.warn(`${list}\n(construction poursuivie : ${ALLOW_ERRORS_ENV}=1)`);
                  return;
                }
                throw siteError(
                  'Liens cassés',
                  list,
                  `Corrigez chaque lien à l’endroit indiqué : une adresse depuis la racine du site, avec sa barre oblique finale (/architecture/gitops/), et une ancre qui existe dans la page visée (#titre-de-section). Pour construire quand même (essai sur un autre dépôt) : ${ALLOW_ERRORS_ENV}=1 npm run build.`,
                );
              }
              logger.info(`liens internes vérifiés : ${links} liens dans ${pages} pages de contenu, aucun cassé`);
            },
          },
        });
      },
    },
  };
}
