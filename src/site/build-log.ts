// Upstream warnings a build prints although nothing is wrong, silenced where they are emitted — one by one, by their
// code and text, so that any other warning of the same tools still shows. What is left in the log is Astro's
// progress and the site's own lines, in French (tests/site/build-log.test.ts).
import type { AstroIntegration } from 'astro';
import type { UserConfig } from 'vite';

type OnLog = NonNullable<NonNullable<NonNullable<UserConfig['build']>['rolldownOptions']>['onLog']>;

/**
 * Rolldown warns that it may not keep the `"use astro:head-inject"` directive Astro writes at the top of the modules
 * that carry a content entry's styles (`?astroPropagatedAssets`), once per MDX page (39 on FFE's site). The directive
 * is Astro's marker for its own plugins, which have read it by then: nothing in the built site depends on it being
 * kept. Known upstream: withastro/astro#18087.
 */
export function isHeadInjectDirectiveWarning(log: { code?: string; message: string }): boolean {
  return log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"');
}

/** Rolldown's log handler, less the warnings above. */
export const quietLog: OnLog = (level, log, handler) => {
  if (level === 'warn' && isHeadInjectDirectiveWarning(log)) return;
  handler(level, log);
};

export function ffeQuietBuild(): AstroIntegration {
  return {
    name: 'ffe:quiet-build',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            build: {
              rolldownOptions: { onLog: quietLog },
            },
          },
        });
      },
    },
  };
}

/**
 * Starlight adds the sitemap integration to every site, which then warns, on a site without a public address (a fork
 * that sets none, FFE_MANIFESTS=…), that it skips the sitemap: its addresses must be absolute. Under the sitemap's
 * name, this does nothing, and Starlight adds no other.
 */
export function noSitemap(): AstroIntegration {
  return { name: '@astrojs/sitemap', hooks: {} };
}
