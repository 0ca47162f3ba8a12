// `npm run drift -- <export>`: compares an export of a running cluster (`kubectl get … -A -o yaml`) with the
// environment Git describes, and prints the differences by file and line. `--json` for machines.
// Exit code: 0 identical, 1 differences, 2 unusable input (or an internal bug).
import { DriftInputError, compareWithSnapshot, driftJson, formatDriftReport, readSnapshot, shownPath, snapshotTargets, type DriftReport } from '../src/infra/index.ts';
import { formatFinding, hasErrors, loadModel } from '../src/infra/index.ts';
import { loadOptionsOf } from '../src/site/model.ts';
import { painter, runMain, usageExit } from './lib/cli.ts';
import { siteSettings } from './lib/options.ts';

const USAGE = `Usage : npm run drift -- <export> [--env <environnement>] [--json] [--manifests <dossier>]
Compare un export du cluster (sortie de « kubectl get <types> -A -o yaml ») à l’environnement décrit dans Git.
  <export>        un fichier nommé d’après son environnement (production.yaml), ou un dossier de tels fichiers
  --env <nom>     l’environnement de l’export, quand le nom du fichier ne le dit pas
  --json          le rapport pour les machines
  --manifests <d> dossier des manifestes (par défaut FFE_MANIFESTS, sinon l’option « manifests » de ffe.config.ts)
Code de sortie : 0 sans écart, 1 s’il y a des écarts, 2 si l’export est inutilisable.`;

interface Args {
  input?: string;
  env?: string;
  manifests?: string;
  json: boolean;
  help: boolean;
  problems: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { json: false, help: false, problems: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string | undefined => {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        args.problems.push(`${arg} attend une valeur`);
        return undefined;
      }
      i++;
      return next;
    };
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--env') args.env = value();
    else if (arg === '--manifests') args.manifests = value();
    else if (arg.startsWith('-')) args.problems.push(`option inconnue : ${arg}`);
    else if (args.input === undefined) args.input = arg;
    else args.problems.push(`un seul export (fichier ou dossier) à la fois : « ${arg} » en trop`);
  }
  if (!args.help && args.input === undefined) args.problems.push('indiquez l’export à comparer');
  return args;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const early = usageExit('npm run drift', USAGE, args);
  if (early !== undefined) return early;
  const settings = siteSettings();
  if (!settings) return 2;
  const cwd = process.cwd();
  const model = await loadModel({ ...loadOptionsOf(settings), ...(args.manifests ? { root: args.manifests } : {}), checks: [] });
  if (model.environments.length === 0) {
    process.stderr.write(`${model.findings.map(formatFinding).join('\n')}\nnpm run drift : aucun environnement dans les manifestes, rien à comparer.\n`);
    return 2;
  }
  let targets;
  try {
    targets = snapshotTargets(args.input!, model.environments.map((e) => e.name), { cwd, ...(args.env ? { env: args.env } : {}) });
  } catch (error) {
    if (!(error instanceof DriftInputError)) throw error;
    process.stderr.write(`npm run drift : ${error.message}\n`);
    return 2;
  }
  const reports: DriftReport[] = [];
  let unusable = false;
  for (const target of targets) {
    const result = await readSnapshot(target.file, shownPath(target.file, cwd));
    if (!result.ok) {
      process.stderr.write(`${result.findings.map(formatFinding).join('\n')}\n`);
      unusable = true;
      continue;
    }
    reports.push(compareWithSnapshot(model, target.env, result.snapshot));
  }
  if (unusable) {
    process.stderr.write('npm run drift : export inutilisable, aucune comparaison faite. Corrigez ou refaites l’export (voir la page Contribuer).\n');
    return 2;
  }
  if (hasErrors(model.findings)) {
    process.stderr.write('npm run drift : les manifestes ont des erreurs (npm run check) : la comparaison porte sur ce qui a pu être lu.\n');
  }
  if (args.json) process.stdout.write(`${JSON.stringify(driftJson(reports), null, 2)}\n`);
  else process.stdout.write(reports.map((r) => formatDriftReport(r, { paint: painter(process.stdout) })).join('\n'));
  return reports.some((r) => r.differences.length > 0) ? 1 : 0;
}

runMain('npm run drift', () => main(process.argv.slice(2)));
