// Walking a built site (dist/): every file, every HTML page, and the route each page answers.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir`, as sorted POSIX paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export function htmlFiles(dir: string): string[] {
  return listFiles(dir).filter((file) => file.endsWith('.html'));
}

/** `manifeste/index.html` → `/manifeste/`; `404.html` → `/404.html`. */
export function routeOf(file: string): string {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return `/${file}`;
}

/** The pages a reader can reach, as routes (the 404 page is served for unknown addresses, not as a route). */
export function pageRoutes(dir: string): string[] {
  return htmlFiles(dir)
    .filter((file) => file !== '404.html')
    .map(routeOf);
}
