// `npm run diff -- <ref>`: what the working tree (or HEAD, with --head) changes in the infrastructure compared with a
// commit, per environment, as French Markdown ready to paste in a pull request; `--json` for machines.
// Exit code: 0 nothing changes, 1 something does, 2 unusable input (or an internal bug).
import { resolve } from 'node:path';
import { DiffInputError, diffAgainst, diffJson, diffMarkdown, hasChanges } from '../src/infra/index.ts';
import { historyLoadOptions } from '../src/site/history.ts';
import { runMain, usageExit } from './lib/cli.ts';
import { siteSettings } from './lib/options.ts';

const USAGE = `Usage : npm run diff -- <référence> [--head] [--json] [--manifests <dossier>]
Ce que l’arbre de travail change dans l’infrastructure par rapport à un commit, environnement par environnement :
objets ajoutés et retirés, images, répliques, hôtes, versions de charts, ressources, planifications, et les constats
que le changement introduit ou corrige — en Markdown, à coller dans une demande de fusion.
  <référence>     le commit de comparaison : une branche (main, origin/main), une étiquette, un identifiant
  --head          compare le commit HEAD plutôt que l’arbre de travail (modifications non commitées ignorées)
  --json          le résultat pour les machines
  --manifests <d> dossier des manifestes (par défaut FFE_MANIFESTS, sinon l’option « manifests » de ffe.config.ts)
Code de sortie : 0 sans changement, 1 s’il y a des changements, 2 si la référence ou le dépôt sont inutilisables.`;

interface Args {
  ref?: string;
  head: boolean;
  json: boolean;
  manifests?: string;
  help: boolean;
  problems: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { head: false, json: false, help: false, problems: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--head') args.head = true;
    else if (arg === '--manifests') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) args.problems.push('--manifests attend un dossier');
      else {
        args.manifests = next;
        i++;
      }
    } else if (arg.startsWith('-')) args.problems.push(`option inconnue : ${arg}`);
    else if (args.ref === undefined) args.ref = arg;
    else args.problems.push(`une seule référence à la fois : « ${arg} » en trop`);
  }
  if (!args.help && args.ref === undefined) args.problems.push('indiquez le commit de comparaison (par exemple main ou origin/main)');
  return args;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const early = usageExit('npm run diff', USAGE, args);
  if (early !== undefined) return early;
  const settings = siteSettings();
  if (!settings) return 2;
  const root = args.manifests ? resolve(settings.cwd, args.manifests) : settings.options.manifests.root;
  let result;
  try {
    result = await diffAgainst({ root, ref: args.ref!, target: args.head ? 'head' : 'worktree', cacheDir: settings.historyCacheDir, load: historyLoadOptions(settings) });
  } catch (error) {
    if (!(error instanceof DiffInputError)) throw error;
    process.stderr.write(`npm run diff : ${error.message}\n  → ${error.hint}\n`);
    return 2;
  }
  process.stdout.write(args.json ? `${JSON.stringify(diffJson(result), null, 2)}\n` : diffMarkdown(result));
  return hasChanges(result.comparison) ? 1 : 0;
}

runMain('npm run diff', () => main(process.argv.slice(2)));
