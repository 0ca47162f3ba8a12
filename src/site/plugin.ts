// The Starlight plugin that makes the manifests part of the site: the build stops on manifest errors (the docs must
// never be published wrong), the Infrastructure sidebar lists the environments found, generated routes are injected,
// and the dev server reloads when a manifest changes. `ffeSite` starts the build's session from the settings.
import { fileURLToPath } from 'node:url';
import type { StarlightPlugin, StarlightUserConfig } from '@astrojs/starlight/types';
import type { AstroIntegration } from 'astro';
import { checkManifestsForBuild, ManifestCheckError, ALLOW_ERRORS_ENV, terminalSafe } from '../infra/index.ts';
import { loadSnapshots, SnapshotError, SNAPSHOT_ENV } from './drift.ts';
import { siteError } from './errors.ts';
import { loadOptionsOf, loadSiteModel, siteModelOf } from './model.ts';
import { siteIdentity, type SiteIdentity } from './identity.ts';
import { sitePages, type SitePages } from './own-pages.ts';
import type { Repository } from './repository.ts';
import { inlineScriptsIntegration } from './inline-scripts.ts';
import { originRemote, unlinkedSourcesNote } from './repository.ts';
import { historySummary, loadHistory } from './history.ts';
import { BuildSession, sharePageSession } from './session.ts';
import type { Settings } from './settings.ts';
import { infraSidebar } from './sidebar.ts';
import { formatUnresolved } from './unresolved-refs.ts';
import { JOURNAL_FEED_PATH } from '../views/history.ts';

const ROUTE_ENTRY = new URL('./infra-route.astro', import.meta.url);
const NOT_FOUND_ENTRY = new URL('./not-found.astro', import.meta.url);
const OVERVIEW_ENTRY = new URL('./overview-route.astro', import.meta.url);
const NEUTRAL_PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
const FEED_ENTRY = new URL('./journal-feed.ts', import.meta.url);
const SIDEBAR_CURRENT = fileURLToPath(new URL('./sidebar-current.ts', import.meta.url));
const TITLE_ESCAPE = fileURLToPath(new URL('./title-escape.ts', import.meta.url));

function routesIntegration(session: BuildSession): AstroIntegration {
  const manifestsRoot = session.settings.options.manifests.root;
  return {
    name: 'ffe:infra-routes',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: '/infra/[...path]', entrypoint: ROUTE_ENTRY, prerender: true });
        // The overview pages the site's own pages do not provide, generated from the model (own-pages.ts).
        if (session.pages.overview) injectRoute({ pattern: '/architecture/[...path]', entrypoint: OVERVIEW_ENTRY, prerender: true });
        // In place of Starlight's own (disable404Route): see not-found.astro.
        injectRoute({ pattern: '/404', entrypoint: NOT_FOUND_ENTRY, prerender: true });
        // The journal's Atom feed, when the build reads a history (the journal page is one of /infra/…).
        if (session.history) injectRoute({ pattern: JOURNAL_FEED_PATH, entrypoint: FEED_ENTRY, prerender: true });
      },
      // The diagrams' figures are printed by their own integration (src/site/diagrams.ts), which closes Chromium.
      'astro:build:done': ({ logger }) => {
        const unresolved = session.unresolved.list();
        if (unresolved.length > 0) {
          const lines = unresolved.map(formatUnresolved);
          logger.warn(`${unresolved.length} référence(s) introuvable(s) dans les pages, marquées « référence introuvable » et listées sur /infra/constats/ :\n${lines.join('\n')}`);
        }
      },
      'astro:server:setup': ({ server, logger }) => {
        // Editing a manifest refreshes the pages built from it, without restarting the server.
        server.watcher.add(manifestsRoot);
        const onChange = (file: string): void => {
          if (!file.startsWith(manifestsRoot)) return;
          session.forgetSite();
          logger.info(`manifeste modifié : ${terminalSafe(file.slice(manifestsRoot.length + 1))} — pages rechargées`);
          for (const env of Object.values(server.environments)) env.moduleGraph.invalidateAll();
          server.hot.send({ type: 'full-reload' });
        };
        server.watcher.on('change', onChange);
        server.watcher.on('add', onChange);
        server.watcher.on('unlink', onChange);
      },
    },
  };
}

/** The manifest gate's report as an Astro error: the findings, then what to do, and no stack trace. */
function manifestError(error: ManifestCheckError): Error {
  const message = error.message.replace(/La construction s’arrête sur ces erreurs[^\n]*$/, '').trimEnd();
  return siteError(
    'Manifestes invalides',
    `La construction s’arrête sur ces erreurs des manifestes :\n\n${message}`,
    `Corrigez-les à l’endroit indiqué (fichier:ligne). Pour construire quand même et publier ces constats sur /infra/constats/ : ${ALLOW_ERRORS_ENV}=1 npm run build.`,
  );
}

/** An export FFE_SNAPSHOT names but that cannot be used, as an Astro error: what is wrong, then what to do. */
function snapshotError(error: SnapshotError): Error {
  return siteError(
    'Export du cluster inutilisable',
    error.message,
    `Corrigez le chemin donné à ${SNAPSHOT_ENV} (un fichier <environnement>.yaml ou un dossier de tels fichiers), refaites l’export, ou construisez sans ${SNAPSHOT_ENV}.`,
  );
}

/** The header link's icon: the forge's own when Starlight has it. */
function repositoryIcon(repository: Repository): 'github' | 'gitlab' | 'bitbucket' | 'codeberg' | 'seti:git' {
  const host = new URL(repository.url).hostname;
  if (host === 'codeberg.org') return 'codeberg';
  if (repository.forge === 'github' || repository.forge === 'gitlab' || repository.forge === 'bitbucket') return repository.forge;
  return 'seti:git';
}

/** What Astro and Starlight take from the site's identity and pages: address, title, edit links, header link, sidebar. */
export function siteSettings(
  identity: SiteIdentity,
  pages: Pick<SitePages, 'sidebar' | 'folder'>,
): { site: string | undefined; publicDir: string; starlight: Pick<StarlightUserConfig, 'title' | 'description' | 'editLink' | 'social' | 'sidebar'> } {
  const { repository } = identity;
  return {
    site: identity.site,
    // The project's public/ holds its own site's files (FFE's favicon); a site without pages of its own gets plain ones.
    publicDir: pages.folder ? './public' : NEUTRAL_PUBLIC,
    starlight: {
      title: identity.title,
      description: identity.description,
      ...(identity.editBaseUrl ? { editLink: { baseUrl: identity.editBaseUrl } } : {}),
      social: repository ? [{ icon: repositoryIcon(repository), label: 'Dépôt du projet', href: repository.url }] : [],
      // « Infrastructure » is inserted by ffeInfra(), from the environments found in the manifests.
      sidebar: pages.sidebar,
    },
  };
}

/**
 * The build's session (session.ts), for astro.config.mjs to hand to every integration, with what Astro and Starlight
 * take from the options: the site's identity (its own, or the documented repository's) and its pages.
 */
export async function ffeSite(settings: Settings): Promise<ReturnType<typeof siteSettings> & { session: BuildSession }> {
  const identity = await siteIdentity(settings.options, settings.projectRoot);
  const pages = sitePages(settings.options, settings.projectRoot);
  const session = new BuildSession(settings, { identity, pages }, (s) => loadSiteModel(s.settings, s.snapshots));
  sharePageSession(session);
  return { ...siteSettings(identity, pages), session };
}

export function ffeInfra(session: BuildSession): StarlightPlugin {
  const { settings } = session;
  return {
    name: 'ffe-infra',
    hooks: {
      'config:setup': async ({ config, updateConfig, addIntegration, addRouteMiddleware, logger, command }) => {
        let model;
        try {
          // Only a build publishes: it stops on errors (unless FFE_ALLOW_ERRORS=1); the dev server shows them instead.
          model = await checkManifestsForBuild({
            ...loadOptionsOf(settings),
            allowErrors: command !== 'build' || settings.allowErrors,
            log: (text) => logger.info(`vérification des manifestes\n${text}`),
          });
        } catch (error) {
          throw error instanceof ManifestCheckError ? manifestError(error) : error;
        }
        // FFE_SNAPSHOT: exports of the clusters, compared with the manifests (« Écarts » pages); unset, nothing changes.
        try {
          session.snapshots = await loadSnapshots(model, settings.snapshot, settings.cwd);
        } catch (error) {
          throw error instanceof SnapshotError ? snapshotError(error) : error;
        }
        const site = await siteModelOf(model, settings.options, session.snapshots);
        // Text from the manifests reaches the build log escaped, like npm run check's report (src/infra/terminal.ts).
        for (const note of site.environments.notes) logger.info(terminalSafe(note));
        if (!site.sourceRepository) logger.info(unlinkedSourcesNote(await originRemote(model.repoRoot)));
        session.setSite(site);
        // The history from Git: the journal, its feed and each resource's « Historique » (FFE_HISTORY=off: none).
        session.history = await loadHistory(model, settings, (line) => logger.info(line));
        if (session.history) logger.info(historySummary(session.history));
        const drift = site.drift.map((d) => d.report);
        for (const report of drift) {
          for (const warning of report.warnings) logger.warn(terminalSafe(`${report.snapshot.path} : ${warning.message}`));
          logger.info(`écarts entre Git et le cluster ${terminalSafe(report.env)} : ${report.differences.length === 0 ? 'aucun' : report.differences.length}`);
        }
        updateConfig({ sidebar: infraSidebar(config.sidebar ?? [], model, site.environments, drift, session.history !== undefined) });
        addRouteMiddleware({ entrypoint: SIDEBAR_CURRENT, order: 'pre' });
        addRouteMiddleware({ entrypoint: TITLE_ESCAPE, order: 'post' });
        addIntegration(routesIntegration(session));
        addIntegration(inlineScriptsIntegration());
      },
    },
  };
}
