// Starlight route middleware (registered by plugin.ts): Starlight writes the page's `<title>` with `set:html`, so a
// title is markup. Pages generated from the manifests take their titles from names Kubernetes accepts, which hold no
// markup (src/infra/names.ts); the title is escaped here anyway, for every page, so that no text can close the element.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text as the content of a `<title>` element (escapable raw text: `&` and `<` are all that can act). */
export function escapeTitle(text: string): string {
  return text.replace(/[&<>]/g, (char) => ESCAPES[char]);
}

export const onRequest = defineRouteMiddleware((context) => {
  for (const entry of context.locals.starlightRoute.head) {
    if (entry.tag === 'title' && typeof entry.content === 'string') entry.content = escapeTitle(entry.content);
  }
});
