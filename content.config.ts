import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { homeEntry, sitePagesLoader } from './src/site/own-pages.ts';
import { pageSession } from './src/site/session.ts';

export const collections = {
  // The site's own pages (the `pages` option of ffe.config.ts), and a generated home page when they have none
  // (src/site/own-pages.ts).
  docs: defineCollection({ loader: sitePagesLoader(pageSession().pages, () => homeEntry(pageSession())), schema: docsSchema() }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  // Each definition is written once and shown wherever it is cited: in the manifesto and on the glossary.
  definitions: defineCollection({
    loader: glob({ pattern: '*.mdx', base: './content/definitions' }),
    schema: z.object({
      term: z.string(),
      title: z.string(),
      source: z.enum(['manifeste', 'kubernetes']),
      /** A short one-line summary, for the glossary index and link titles. */
      summary: z.string(),
    }),
  }),
};
