// Starlight route middleware (registered by links-plugin.ts at build): notes which source file each content page
// comes from, so that a broken link found in the built page is reported in that file. Kept on globalThis: this module
// runs in the pages' bundle, the check in the integration, two module graphs of one process.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { recordContentPage } from './content-pages.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const { entry } = context.locals.starlightRoute;
  // Pages made with <StarlightPage> (/infra/…) have no file: their links come from the model, tested on the built site.
  if (entry.filePath) recordContentPage(context.url.pathname, entry.filePath);
});
