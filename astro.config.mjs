// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { satteriMermaid } from './src/render/satteri-mermaid.ts';
import { ffeQuietBuild, noSitemap } from './src/site/build-log.ts';
import { ffeDiagrams, DIAGRAM_CLIENT_MODULE } from './src/site/diagrams.ts';
import { ffeInfra, ffeSite } from './src/site/plugin.ts';
import { ffeAbsentPages } from './src/site/absent-pages.ts';
import { ffeLinkCheck } from './src/site/links-plugin.ts';
import { ffeMdxRefs } from './src/site/mdx-refs.ts';
import { projectSettings } from './src/site/settings.ts';
import { ffeTypedValues } from './src/site/typed-values-plugin.ts';

// Everything a fork changes lives in ffe.config.ts (the site address, its repository, its own pages and their sidebar,
// the manifests, the environments, the rule severities), and a few environment variables override it for one build:
// both are read once, here, by src/site/settings.ts (French messages on a mistake; `npm run check` reads the same).
// What the options leave unsaid — title, repository — comes from the repository documented (src/site/identity.ts).
// The session holds what the integrations and the pages share: the model, the diagram renderer and what the pages
// collect as they render.
const ffe = await ffeSite(projectSettings());
const { session } = ffe;

export default defineConfig({
  site: ffe.site,
  publicDir: ffe.publicDir,
  // The site's own pages live in the folder its options name (FFE's: content/docs), outside src/, which holds code only.
  srcDir: '.',
  trailingSlash: 'always',
  // Pages wait for Chromium to draw their diagrams: rendered a few at a time, the next pages are built meanwhile and
  // their diagrams share one round trip to Chromium (src/render/mermaid.ts). Each page's sidebar still marks that page
  // as current (src/site/sidebar-current.ts).
  build: { concurrency: 8 },
  markdown: {
    // Astro's own processor (Sätteri, compiled in Rust: faster than unified's remark/rehype). Hand-written ```mermaid
    // blocks are drawn at build time like the generated diagrams (MDX reuses this processor).
    processor: satteri({
      mdastPlugins: [
        satteriMermaid({
          renderer: () => session.renderer,
          standalones: session.standalones,
          deferredErrors: session.deferredDiagramErrors,
          clientComponent: DIAGRAM_CLIENT_MODULE,
        }),
      ],
    }),
  },
  integrations: [
    // Chromium for the diagrams (started first, while the manifests are read), their standalone files, and the client
    // script only when it is needed.
    ffeDiagrams(session),
    // No public address, no sitemap (see noSitemap).
    ...(ffe.site ? [] : [noSitemap()]),
    starlight({
      ...ffe.starlight,
      defaultLocale: 'root',
      locales: { root: { label: 'Français', lang: 'fr' } },
      lastUpdated: true,
      // The French 404 page (content/pages/404.mdx) has a route of its own (src/site/not-found.astro): kept in the docs
      // collection, it would be built twice, by this route and by the docs' catch-all.
      disable404Route: true,
      customCss: ['./src/styles/ffe.css', './src/render/diagram.css'],
      plugins: [
        ffeInfra(session),
        // Every internal link of the content pages (to other pages, generated ones, anchors, standalone diagrams) is
        // followed in the built site; a broken one stops the build at the line that wrote it. The generated pages'
        // own links come from the model and are tested on the built site (tests/site/links.test.ts).
        ffeLinkCheck(session),
      ],
      components: { Search: './src/components/overrides/Search.astro' },
    }),
    mdx(),
    // Every <Ref>, <Term>… of the MDX pages is checked against the manifests while the page compiles.
    ffeMdxRefs(session),
    // A link to a generated page this build does not make (the comparison page, with one environment) is left out.
    ffeAbsentPages(session),
    // Hosts, image versions and chart versions typed in prose instead of computed (an error in CI); the manifesto is free.
    ffeTypedValues(session, { exempt: ['content/docs/manifeste.mdx'] }),
    // Upstream warnings known to be harmless, silenced one by one: the log holds Astro's progress and the site's lines.
    ffeQuietBuild(),
  ],
});
