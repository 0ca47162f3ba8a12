// Where the diagram renderer meets the build. Before anything is bundled, it decides whether Chromium draws the
// diagrams (and starts it, so mermaid loads while Vite bundles): if so, the client script is swapped for an empty
// component and no mermaid code ships. When the build is done, it writes the standalone files (/schemas/*.svg) and
// closes Chromium; the dev server serves those files from memory.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Model } from '../infra/index.ts';
import { deferDiagramErrors, diagramBuildError, takeDeferredDiagramErrors } from '../render/errors.ts';
import { diagramSourceOf } from '../render/flowchart.ts';
import { closeDiagramRenderer, getDiagramRenderer } from '../render/mermaid.ts';
import { STANDALONE_DIR, publishedStandalone, writeStandalones } from '../render/standalone.ts';
import { worthDrawing, type DiagramView } from '../views/diagram.ts';
import { environmentDiagrams } from '../views/diagrams/environment.ts';
import { drawsNeighbourhood, neighbourhoodDiagram, resourcePages } from '../views/resource.ts';
import { getModel } from './model.ts';

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

async function prefetch(): Promise<void> {
  const views = siteDiagramViews(await getModel());
  const unique = [...new Map(views.map((view) => [view.id, diagramSourceOf(view)])).values()];
  // Errors surface where a page asks for the diagram, as that page's error.
  await getDiagramRenderer().render(unique, { background: true });
}

/** Listed before Starlight (astro.config.mjs), so that Chromium starts while Starlight's plugins read the manifests. */
export function ffeDiagrams(): AstroIntegration {
  let drawnAtBuild = false;
  return {
    name: 'ffe:diagrams',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig }) => {
        if (command === 'build') {
          try {
            drawnAtBuild = (await getDiagramRenderer().prepare()) === 'ssr';
          } catch (error) {
            throw diagramBuildError(error);
          }
          deferDiagramErrors();
        }
        updateConfig({
          vite: { resolve: { alias: [{ find: DIAGRAM_CLIENT_MODULE, replacement: drawnAtBuild ? UNUSED_CLIENT : CLIENT }] } },
        });
      },
      'astro:config:done': () => {
        // Every integration is set up: the manifests have been read (src/site/plugin.ts).
        if (drawnAtBuild) void prefetch().catch(() => {});
      },
      'astro:server:setup': ({ server }) => {
        const prefix = `/${STANDALONE_DIR}/`;
        server.middlewares.use((request, response, next) => {
          const pathname = new URL(request.url ?? '/', 'http://dev').pathname;
          const svg = pathname.startsWith(prefix) ? publishedStandalone(pathname.slice(prefix.length)) : undefined;
          if (svg === undefined) return next();
          response.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
          response.end(svg);
        });
      },
      'astro:build:generated': () => {
        // A hand-written block that mermaid refused: the build stops here, with the file, the line and what to do.
        const failure = takeDeferredDiagramErrors();
        if (failure) throw failure;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const files = await writeStandalones(fileURLToPath(dir));
        const stats = await closeDiagramRenderer();
        // For `npm run bench`, which reads the renderer's figures of the build it timed.
        if (process.env.FFE_DIAGRAM_STATS && stats) await writeFile(process.env.FFE_DIAGRAM_STATS, JSON.stringify(stats));
        if (stats && stats.requested > 0) {
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
