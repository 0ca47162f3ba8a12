// Starlight route middleware (registered by links-plugin.ts at build): notes which source file each content page
// comes from, so that a broken link found in the built page is reported in that file. It runs on the pages' side, so
// it reaches the build's list through the page session (session.ts).
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { pageSession } from './session.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const { entry } = context.locals.starlightRoute;
  // Pages made with <StarlightPage> (/infra/…) have no file: their links come from the model, tested on the built site.
  if (entry.filePath) pageSession().contentPages.record(context.url.pathname, entry.filePath);
});
