import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
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
