// `node scripts/csp.ts [dist] [csp.conf]`: after `npm run build`, writes the nginx include holding the site's
// Content-Security-Policy (inline script hashes of dist/). Without a second argument, prints it.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runMain } from './lib/cli.ts';
import { cspIncludeForDist } from './lib/site-csp.ts';

runMain('csp', async () => {
  const [distArg = 'dist', outArg] = process.argv.slice(2);
  const dist = resolve(distArg);
  if (!existsSync(resolve(dist, 'index.html'))) {
    process.stderr.write(`csp : ${dist}/index.html introuvable — construisez d’abord le site (npm run build).\n`);
    return 1;
  }
  const include = cspIncludeForDist(dist);
  if (outArg) writeFileSync(resolve(outArg), include);
  else process.stdout.write(include);
  return 0;
});
