// `node scripts/csp.ts [dist] [csp.conf]`: after `npm run build`, writes the nginx include holding the site's
// Content-Security-Policy (hashes of the inline scripts the build emitted). Without a second argument, prints it.
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runMain } from './lib/cli.ts';
import { CspError, cspIncludeForDist } from './lib/site-csp.ts';

runMain('csp', async () => {
  const [distArg = 'dist', outArg] = process.argv.slice(2);
  const dist = resolve(distArg);
  if (!existsSync(resolve(dist, 'index.html'))) {
    process.stderr.write(`csp : ${dist}/index.html introuvable — construisez d’abord le site (npm run build).\n`);
    return 1;
  }
  let include: string;
  try {
    include = cspIncludeForDist(dist);
  } catch (error) {
    if (!(error instanceof CspError)) throw error;
    process.stderr.write(`csp : ${error.message}\n`);
    return 1;
  }
  if (outArg) writeFileSync(resolve(outArg), include);
  else process.stdout.write(include);
  return 0;
});
