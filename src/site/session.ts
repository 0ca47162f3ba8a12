// What one build (or one dev-server session) shares between its integrations and its pages: the settings, the model
// with what the site decided about it, the diagram renderer and its Chromium, and the lists the pages fill as they
// render (full-size diagram files, unresolved references, the source file of each content page), and the history
// read from Git. Created once in astro.config.mjs and handed to every integration and Markdown plugin as an argument.
//
// The pages cannot be handed anything: Astro evaluates astro.config.mjs (and the integrations and Markdown plugins it
// creates) in one module graph, and the pages' bundle in another, in the same process — each module is loaded twice,
// so a module variable set on one side is unset on the other. What the pages need is live (a loaded model, a running
// Chromium, lists that are filled while rendering), which a virtual module, being code, cannot carry. So the session
// is also set on the one globalThis slot below, which the pages' side reads through `pageSession()`; nothing else in
// the site is kept on globalThis.
import type { History } from '../infra/index.ts';
import { DeferredDiagramErrors } from '../render/errors.ts';
import { createDiagramRenderer, type DiagramRenderer } from '../render/mermaid.ts';
import { StandaloneFiles } from '../render/standalone.ts';
import { ContentPages } from './content-pages.ts';
import type { SiteSnapshot } from './drift.ts';
import { siteError } from './errors.ts';
import type { SiteIdentity } from './identity.ts';
import type { SiteModel } from './model.ts';
import type { SitePages } from './own-pages.ts';
import type { Settings } from './settings.ts';
import { UnresolvedReferences } from './unresolved-refs.ts';

export class BuildSession {
  readonly settings: Settings;
  /** Who the site is: title, description, address, repository (identity.ts). */
  readonly identity: SiteIdentity;
  /** Its own pages and the generated ones standing in for those it lacks (own-pages.ts). */
  readonly pages: SitePages;
  readonly renderer: DiagramRenderer;
  /** The full-size files of the diagrams shown (/schemas/*.svg). */
  readonly standalones = new StandaloneFiles();
  /** A build's errors of hand-written diagram blocks, thrown once the pages are generated. */
  readonly deferredDiagramErrors = new DeferredDiagramErrors();
  /** References of the pages that did not resolve (FFE_ALLOW_ERRORS=1). */
  readonly unresolved = new UnresolvedReferences();
  readonly contentPages = new ContentPages();
  /** The cluster exports of the build (FFE_SNAPSHOT), read once when it starts. */
  snapshots: readonly SiteSnapshot[] = [];
  /**
   * The history read from Git when the build starts (the journal, the feed, each resource's « Historique »); undefined
   * when the options or FFE_HISTORY turn it off. It follows commits, not the working tree: a manifest edited under the
   * dev server leaves it as it is.
   */
  history: History | undefined = undefined;
  private readonly load: (session: BuildSession) => Promise<SiteModel>;
  private current: Promise<SiteModel> | undefined;

  /** `load` reads the manifests again, after a change (dev server). */
  constructor(settings: Settings, site: { identity: SiteIdentity; pages: SitePages }, load: (session: BuildSession) => Promise<SiteModel>) {
    this.settings = settings;
    this.identity = site.identity;
    this.pages = site.pages;
    this.load = load;
    const { mode, chromium, cacheDir } = settings.diagrams;
    this.renderer = createDiagramRenderer({ mode, chromium, cacheDir });
  }

  /** The model of the build: the one checked when it started, or the manifests read again after a change. */
  site(): Promise<SiteModel> {
    this.current ??= this.load(this);
    return this.current;
  }

  /** Uses an already loaded and checked model (the build gate loaded it to check it). */
  setSite(site: SiteModel): void {
    this.current = Promise.resolve(site);
  }

  /** Forgets the model, so the next page reads the manifests again (dev server, after an edit). */
  forgetSite(): void {
    this.current = undefined;
  }
}

const SLOT = Symbol.for('ffe.buildSession');
type Holder = { [SLOT]?: BuildSession };

/** Makes `session` the one the pages see (the latest: the dev server creates a new one when its config changes). */
export function sharePageSession(session: BuildSession): void {
  (globalThis as Holder)[SLOT] = session;
}

/** The build's session, from a page (or a route middleware): set by astro.config.mjs before any page renders. */
export function pageSession(): BuildSession {
  const session = (globalThis as Holder)[SLOT];
  if (!session) {
    throw siteError(
      'Session de construction absente',
      'Cette page lit les manifestes, mais la construction n’a pas été préparée par astro.config.mjs (aucune session FFE).',
      'Lancez le site avec npm run build ou npm run dev, dont la configuration crée la session (ffeSite dans src/site/plugin.ts).',
    );
  }
  return session;
}
