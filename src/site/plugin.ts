// The Starlight plugin that makes the manifests part of the site: the options are validated, the build stops on
// manifest errors (the docs must never be published wrong), the Infrastructure sidebar lists the environments found,
// generated routes are injected, and the dev server reloads when a manifest changes.
import { fileURLToPath } from 'node:url';
import type { StarlightPlugin, StarlightUserConfig } from '@astrojs/starlight/types';
import type { AstroIntegration } from 'astro';
import { checkManifestsForBuild, ManifestCheckError, ALLOW_ERRORS_ENV, terminalSafe } from '../infra/index.ts';
import { driftReports, loadSnapshots, setSnapshots, SnapshotError, SNAPSHOT_ENV } from './drift.ts';
import { siteError } from './errors.ts';
import { forgetModel, loadOptionsOf, setSite, siteModelOf } from './model.ts';
import { resolveFfeOptions, type FfeOptions, type FfeUserOptions } from './options.ts';
import { inlineScriptsIntegration } from './inline-scripts.ts';
import { editBaseUrl } from './repository.ts';
import { infraSidebar } from './sidebar.ts';
import { formatUnresolved, unresolvedReferences } from './unresolved-refs.ts';

const ROUTE_ENTRY = new URL('./infra-route.astro', import.meta.url);
const SIDEBAR_CURRENT = fileURLToPath(new URL('./sidebar-current.ts', import.meta.url));
const TITLE_ESCAPE = fileURLToPath(new URL('./title-escape.ts', import.meta.url));

function routesIntegration(manifestsRoot: string): AstroIntegration {
  return {
    name: 'ffe:infra-routes',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: '/infra/[...path]', entrypoint: ROUTE_ENTRY, prerender: true });
      },
      // The diagrams' figures are printed by their own integration (src/site/diagrams.ts), which closes Chromium.
      'astro:build:done': ({ logger }) => {
        const unresolved = unresolvedReferences();
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
          forgetModel();
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

/** The options as Astro and Starlight need them: site address, title, edit links, header link. */
export function siteSettings(options: FfeOptions): { site: string | undefined; starlight: Pick<StarlightUserConfig, 'title' | 'description' | 'editLink' | 'social'> } {
  const edit = options.repository && editBaseUrl(options.repository);
  return {
    site: options.site,
    starlight: {
      title: options.title,
      ...(options.description ? { description: options.description } : {}),
      ...(edit ? { editLink: { baseUrl: edit } } : {}),
      social: options.repository ? [{ icon: 'github' as const, label: 'Dépôt du projet', href: options.repository.url }] : [],
    },
  };
}

/** Options validated once for astro.config.mjs (`import.meta.url` of the config gives the project root). */
export function ffeOptions(userOptions: FfeUserOptions, configUrl: string): FfeOptions {
  return resolveFfeOptions(userOptions, fileURLToPath(new URL('.', configUrl)));
}

export function ffeInfra(userOptions: FfeUserOptions = {}): StarlightPlugin {
  return {
    name: 'ffe-infra',
    hooks: {
      'config:setup': async ({ config, updateConfig, addIntegration, addRouteMiddleware, logger, command, astroConfig }) => {
        const options = resolveFfeOptions(userOptions, fileURLToPath(astroConfig.root));
        let model;
        try {
          // Only a build publishes: it stops on errors (unless FFE_ALLOW_ERRORS=1); the dev server shows them instead.
          model = await checkManifestsForBuild({
            ...loadOptionsOf(options),
            ...(command === 'build' ? {} : { allowErrors: true }),
            log: (text) => logger.info(`vérification des manifestes\n${text}`),
          });
        } catch (error) {
          throw error instanceof ManifestCheckError ? manifestError(error) : error;
        }
        const site = await siteModelOf(model, options);
        // Text from the manifests reaches the build log escaped, like npm run check's report (src/infra/terminal.ts).
        for (const note of site.environments.notes) logger.info(terminalSafe(note));
        if (!site.sourceRepository) logger.info('dépôt des manifestes inconnu (pas de remote « origin ») : les emplacements des sources sont affichés sans lien');
        setSite(site);
        // FFE_SNAPSHOT: exports of the clusters, compared with the manifests (« Écarts » pages); unset, nothing changes.
        try {
          setSnapshots(await loadSnapshots(model));
        } catch (error) {
          throw error instanceof SnapshotError ? snapshotError(error) : error;
        }
        const drift = driftReports(model).map((d) => d.report);
        for (const report of drift) {
          for (const warning of report.warnings) logger.warn(terminalSafe(`${report.snapshot.path} : ${warning.message}`));
          logger.info(`écarts entre Git et le cluster ${terminalSafe(report.env)} : ${report.differences.length === 0 ? 'aucun' : report.differences.length}`);
        }
        updateConfig({ sidebar: infraSidebar(config.sidebar ?? [], model, site.environments, drift) });
        addRouteMiddleware({ entrypoint: SIDEBAR_CURRENT, order: 'pre' });
        addRouteMiddleware({ entrypoint: TITLE_ESCAPE, order: 'post' });
        addIntegration(routesIntegration(options.manifests.root));
        addIntegration(inlineScriptsIntegration());
      },
    },
  };
}
