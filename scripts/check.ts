// `npm run check`: load the manifests ($FFE_MANIFESTS, else the `manifests` option of ffe.config.ts), print findings
// grouped by file, exit 1 on error. The rule severities and annotation prefix of ffe.config.ts apply, as in the
// build. `--json` prints a machine-readable report instead; `--quiet` hides notices.
import { formatReport, hasErrors, jsonReport, loadModel, terminalSafeJson } from '../src/infra/index.ts';
import { loadOptionsOf } from '../src/site/model.ts';
import { painter, runMain } from './lib/cli.ts';
import { siteSettings } from './lib/options.ts';

const USAGE = `Usage : npm run check [-- --json] [-- --quiet] [-- <dossier des manifestes>]
Vérifie les manifestes (la variable FFE_MANIFESTS, sinon l’option « manifests » de ffe.config.ts).
Code de sortie : 0 sans erreur, 1 s’il y a au moins une erreur, 2 en cas de bogue interne.`;

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith('-') && !['--json', '--quiet'].includes(a));
  if (unknown.length > 0) {
    process.stderr.write(`Option inconnue : ${unknown.join(' ')}\n${USAGE}\n`);
    return 2;
  }
  const settings = siteSettings();
  if (!settings) return 2;
  const root = args.find((a) => !a.startsWith('-'));
  const model = await loadModel({ ...loadOptionsOf(settings), ...(root ? { root } : {}) });
  if (args.includes('--json')) process.stdout.write(`${terminalSafeJson(JSON.stringify(jsonReport(model), null, 2))}\n`);
  else process.stdout.write(formatReport(model, { paint: painter(process.stdout), hideNotices: args.includes('--quiet') }));
  return hasErrors(model.findings) ? 1 : 0;
}

runMain('npm run check', () => main(process.argv.slice(2)));
