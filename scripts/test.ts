// `npm test`: every test, on a fresh machine too. Debian's nginx and Chromium are installed first when they are
// missing and this can be done (root with apt-get), as in CI; otherwise the command stops before the first test with
// one line saying what to run. Then Vitest runs, with the arguments given (`npm test -- tests/infra`).
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { resolve } from 'node:path';
import { toolSettings } from '../src/site/settings.ts';
import { missingPrerequisites, prerequisitesPlan, thisMachine } from './lib/prerequisites.ts';

const VITEST = resolve(import.meta.dirname, '../node_modules/vitest/vitest.mjs');

function install(packages: string[]): boolean {
  process.stdout.write(`npm test : installation des paquets Debian ${packages.join(', ')} (nécessaires aux tests)…\n`);
  const quiet: SpawnSyncOptions = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  const update = spawnSync('apt-get', ['update', '-qq'], quiet);
  const added = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], quiet).status === 0;
  if (!added) process.stderr.write(`npm test : l’installation a échoué ; lancez « apt-get install ${packages.join(' ')} » pour voir pourquoi, et relancez npm test.\n`);
  return added;
}

function prerequisitesReady(): boolean {
  const machine = thisMachine();
  const plan = prerequisitesPlan(missingPrerequisites(toolSettings(), machine), machine);
  if ('stop' in plan) {
    process.stderr.write(`${plan.stop}\n`);
    return false;
  }
  if (plan.install.length === 0) return true;
  if (!install(plan.install)) return false;
  // Installed, but is it what the tests will find?
  const still = missingPrerequisites(toolSettings(), machine);
  if (still.length > 0) process.stderr.write(`npm test : toujours introuvable après l’installation : ${still.map((m) => m.what).join(', ')}.\n`);
  return still.length === 0;
}

if (!prerequisitesReady()) {
  process.exitCode = 1;
} else {
  const vitest = spawn(process.execPath, [VITEST, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
  vitest.once('close', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
