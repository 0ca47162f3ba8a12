// The Starlight plugin that makes the manifests part of the site: the build stops on manifest errors (the docs must
// never be published wrong), the Infrastructure sidebar lists the environments found, generated routes are injected,
// and the dev server reloads when a manifest changes.
import type { StarlightPlugin } from '@astrojs/starlight/types';
import type { AstroIntegration } from 'astro';
import { checkManifestsForBuild } from '../infra/gate.ts';
import { resolveManifestsRoot } from '../infra/load.ts';
import { forgetModel, setModel } from './model.ts';
import { infraSidebar } from './sidebar.ts';

const ROUTE_ENTRY = new URL('../pages/infra/[...path].astro', import.meta.url);

function routesIntegration(manifestsRoot: string): AstroIntegration {
  return {
    name: 'ffe:infra-routes',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: '/infra/[...path]', entrypoint: ROUTE_ENTRY, prerender: true });
      },
      'astro:server:setup': ({ server, logger }) => {
        // Editing a manifest refreshes the pages built from it, without restarting the server.
        server.watcher.add(manifestsRoot);
        const onChange = (file: string): void => {
          if (!file.startsWith(manifestsRoot)) return;
          forgetModel();
          logger.info(`manifeste modifié : ${file.slice(manifestsRoot.length + 1)} — pages rechargées`);
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

export function ffeInfra(): StarlightPlugin {
  return {
    name: 'ffe-infra',
    hooks: {
      'config:setup': async ({ config, updateConfig, addIntegration, logger, command }) => {
        const manifestsRoot = resolveManifestsRoot();
        // Only a build publishes: it stops on errors (unless FFE_ALLOW_ERRORS=1); the dev server shows them instead.
        const model = await checkManifestsForBuild({
          ...(command === 'build' ? {} : { allowErrors: true }),
          log: (text) => logger.info(`vérification des manifestes\n${text}`),
        });
        setModel(model);
        updateConfig({ sidebar: infraSidebar(config.sidebar ?? [], model) });
        addIntegration(routesIntegration(manifestsRoot));
      },
    },
  };
}
