// Which pages a site has besides the generated /infra/ ones: its own MDX pages (the `pages` option: FFE's prose on
// FFE's site, a fork's pages on a fork's) and, in place of what it lacks, generated ones — a home page at / and
// overview pages under /architecture/ (src/views/overview.ts), written from the model. The docs collection loads the
// own pages and the generated home page (content.config.ts): Starlight builds and searches it like the others, and
// the collection is never empty. The overview pages, drawn with the site's components, are a route of their own
// (plugin.ts). The sidebar lists them all.
import { existsSync, readdirSync } from 'node:fs';
import { relative } from 'node:path';
import type { Loader } from 'astro/loaders';
import { glob } from 'astro/loaders';
import { compareText } from '../infra/index.ts';
import { homeMarkdown, OVERVIEW_PAGES, overviewFacts, overviewIntro } from '../views/overview.ts';
import { INFRA_ROOT } from '../views/paths.ts';
import { siteError } from './errors.ts';
import type { FfeOptions, SidebarItem } from './options.ts';
import type { BuildSession } from './session.ts';

/** What Starlight's docs loader reads: Markdown and MDX files, but those whose name starts with `_`. */
const PAGE_PATTERN = '**/[^_]*.{markdown,mdown,mkdn,mkd,mdwn,md,mdx}';
const PAGE_FILE = /\.(markdown|mdown|mkdn|mkd|mdwn|md|mdx)$/;

export interface SitePages {
  /** The folder of the site's own pages, absolute; undefined when it has none. */
  folder: string | undefined;
  /** A generated home page at /: the site has no index page of its own. */
  home: boolean;
  /** Generated overview pages under /architecture/: the site has no architecture folder of its own. */
  overview: boolean;
  sidebar: SidebarItem[];
}

function entries(folder: string): { name: string; directory: boolean }[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('_') && !e.name.startsWith('.') && (e.isDirectory() || PAGE_FILE.test(e.name)))
    .map((e) => ({ name: e.name, directory: e.isDirectory() }))
    .sort((a, b) => compareText(a.name, b.name));
}

/** One entry per page or folder at the top of the pages folder (the home page is the site's title link). */
function defaultSidebar(folder: string): SidebarItem[] {
  return entries(folder).flatMap((e): SidebarItem[] => {
    if (e.directory) return [{ label: e.name.charAt(0).toUpperCase() + e.name.slice(1), items: [{ autogenerate: { directory: e.name } }] }];
    const slug = e.name.replace(PAGE_FILE, '');
    return slug === 'index' ? [] : [{ slug }];
  });
}

/** The generated overview pages, as one sidebar group placed first. */
export const OVERVIEW_SIDEBAR: SidebarItem = { label: 'Architecture', items: OVERVIEW_PAGES.map((page) => ({ label: page.label, link: page.path })) };

export function sitePages(options: FfeOptions, projectRoot: string): SitePages {
  const own = options.pages;
  if (!own) return { folder: undefined, home: true, overview: true, sidebar: [OVERVIEW_SIDEBAR] };
  if (!existsSync(own.folder)) {
    throw siteError(
      'Options du site invalides',
      `L’option pages nomme le dossier « ${relative(projectRoot, own.folder) || '.'} », qui n’existe pas.`,
      'Corrigez le chemin dans ffe.config.ts (relatif au dossier du projet), ou retirez l’option pour un site sans pages à vous.',
    );
  }
  const top = entries(own.folder);
  const home = !top.some((e) => !e.directory && e.name.replace(PAGE_FILE, '') === 'index');
  const overview = !top.some((e) => e.directory && e.name === 'architecture');
  const sidebar = own.sidebar ?? defaultSidebar(own.folder);
  return { folder: own.folder, home, overview, sidebar: overview ? [OVERVIEW_SIDEBAR, ...sidebar] : sidebar };
}

/** A generated page of the docs collection: its frontmatter and its body, in Markdown. */
export interface GeneratedEntry {
  id: string;
  data: Record<string, unknown>;
  markdown: string;
}

/**
 * The docs collection's loader: the own pages as Starlight's loader reads them, then the generated home page when
 * they have none (`home`, asked once the model is loaded).
 */
export function sitePagesLoader(pages: Pick<SitePages, 'folder' | 'home'>, home: () => Promise<GeneratedEntry>): Loader {
  const own = pages.folder ? glob({ base: pages.folder, pattern: PAGE_PATTERN }) : undefined;
  return {
    name: 'ffe-site-pages',
    load: async (context) => {
      // The glob loader forgets the entries its files no longer make, the generated one included: it is set again.
      if (own) await own.load(context);
      else context.store.clear();
      if (!pages.home) return;
      const entry = await home();
      const data = await context.parseData({ id: entry.id, data: entry.data });
      context.store.set({ id: entry.id, data, body: entry.markdown, rendered: await context.renderMarkdown(entry.markdown), digest: context.generateDigest(entry.markdown + JSON.stringify(data)) });
    },
  };
}


/** The generated home page: the site's name and description over what its manifests describe, and the way in. */
export async function homeEntry(session: BuildSession): Promise<GeneratedEntry> {
  const { identity, pages } = session;
  const { model, environments } = await session.site();
  const intro = environments.default ? overviewIntro(overviewFacts(model, environments.default), identity.name) : ['Les manifestes ne décrivent aucun environnement.'];
  const overview = OVERVIEW_PAGES[0];
  return {
    id: 'index',
    data: {
      title: identity.title,
      description: identity.description,
      template: 'splash',
      editUrl: false,
      lastUpdated: false,
      tableOfContents: false,
      hero: {
        title: identity.title,
        tagline: identity.description,
        actions: [
          ...(pages.overview ? [{ text: overview.title, link: overview.path, icon: 'right-arrow' }] : []),
          { text: 'Toutes les ressources', link: INFRA_ROOT, ...(pages.overview ? { variant: 'minimal' } : { icon: 'right-arrow' }) },
        ],
      },
    },
    markdown: homeMarkdown(intro, { overview: pages.overview, environments: model.environments.map((e) => e.name) }),
  };
}
