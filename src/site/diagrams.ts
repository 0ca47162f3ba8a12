// Where the diagram renderer meets the build. Before anything is bundled, it decides whether Chromium draws the
// diagrams (and starts it, so mermaid loads while Vite bundles): if so, the client script is swapped for an empty
// component and no mermaid code ships. When the build is done, it writes the standalone files (/schemas/*.svg) and
// closes Chromium; the dev server serves those files from memory.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Model } from '../infra/index.ts';
import { diagramBuildError } from '../render/errors.ts';
import { renderFitting } from '../render/fit.ts';
import { STANDALONE_DIR } from '../render/standalone.ts';
import { worthDrawing, type DiagramView } from '../views/diagram.ts';
import { environmentDiagrams } from '../views/diagrams/environment.ts';
import { drawsNeighbourhood, neighbourhoodDiagram, resourcePages } from '../views/resource.ts';
import type { BuildSession } from './session.ts';

/** The module name components and MDX import the client script by. */
export const DIAGRAM_CLIENT_MODULE = 'ffe:diagram-client';

const CLIENT = fileURLToPath(new URL('../components/DiagramClient.astro', import.meta.url));
const UNUSED_CLIENT = fileURLToPath(new URL('../components/DiagramClientUnused.astro', import.meta.url));

/**
 * The diagrams the generated pages show: every diagram of each environment and each resource's neighbourhood. Drawn
 * ahead (prefetch) while the site is bundled; the pages then find them done. A diagram missing here is still drawn
 * when its page asks; one listed here but shown nowhere is drawn for nothing (and published nowhere).
 */
export function siteDiagramViews(model: Model): DiagramView[] {
  return [
    ...model.environments.flatMap((env) => environmentDiagrams(model, env.name)).filter((view) => worthDrawing(view.graph)),
    ...resourcePages(model).pages.map((page) => neighbourhoodDiagram(model, page.key)).filter((view) => drawsNeighbourhood(view.graph)),
  ];
}

async function prefetch(session: BuildSession): Promise<void> {
  const views = siteDiagramViews((await session.site()).model);
  const unique = [...new Map(views.map((view) => [view.id, view])).values()];
  // Each view's drawings until one fits, as its page will ask. Errors surface where a page asks for the diagram, as
  // that page's error.
  await renderFitting(session.renderer, unique, { background: true });
}

/** Listed before Starlight (astro.config.mjs), so that Chromium starts while Starlight's plugins read the manifests. */
export function ffeDiagrams(session: BuildSession): AstroIntegration {
  let drawnAtBuild = false;
  return {
    name: 'ffe:diagrams',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig }) => {
        if (command === 'build') {
          try {
            drawnAtBuild = (await session.renderer.prepare()) === 'ssr';
          } catch (error) {
            throw diagramBuildError(error);
          }
          session.deferredDiagramErrors.defer();
        }
        updateConfig({
          vite: { resolve: { alias: [{ find: DIAGRAM_CLIENT_MODULE, replacement: drawnAtBuild ? UNUSED_CLIENT : CLIENT }] } },
        });
      },
      'astro:config:done': () => {
        // Every integration is set up: the manifests have been read (src/site/plugin.ts).
        if (drawnAtBuild) void prefetch(session).catch(() => {});
      },
      'astro:server:setup': ({ server }) => {
        const prefix = `/${STANDALONE_DIR}/`;
        server.middlewares.use((request, response, next) => {
          const pathname = new URL(request.url ?? '/', 'http://dev').pathname;
          const svg = pathname.startsWith(prefix) ? session.standalones.document(pathname.slice(prefix.length)) : undefined;
          if (svg === undefined) return next();
          response.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
          response.end(svg);
        });
      },
      'astro:build:generated': () => {
        // A hand-written block that mermaid refused: the build stops here, with the file, the line and what to do.
        const failure = session.deferredDiagramErrors.take();
        if (failure) throw failure;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const files = await session.standalones.write(fileURLToPath(dir));
        await session.renderer.close();
        const stats = session.renderer.stats;
        // For `npm run bench`, which reads the renderer's figures of the build it timed (FFE_DIAGRAM_STATS).
        if (session.settings.diagrams.statsFile) await writeFile(session.settings.diagrams.statsFile, JSON.stringify(stats));
        if (stats.requested > 0) {
          const perDiagram = stats.rendered ? ` (${Math.round(stats.renderMs / stats.rendered)} ms par schéma, ${stats.batches} allers-retours)` : '';
          logger.info(
            `schémas : ${stats.requested} demandés, ${stats.rendered} dessinés${perDiagram}, ${stats.cacheHits} repris du cache, ` +
              `${stats.clientSide} laissés au navigateur ; ${files} fichiers /${STANDALONE_DIR}/*.svg`,
          );
        }
      },
    },
  };
}
