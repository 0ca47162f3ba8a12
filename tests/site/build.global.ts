// Builds the site once for every site test, so they read what a reader would be served; what the build printed is
// kept for the test of its log (build-log.test.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { outsideVitest } from '../../scripts/lib/site-build.ts';
import { toolSettings } from '../../src/site/settings.ts';
import { FIXTURE_PATH } from '../drift/plan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
    /** What the build printed; undefined when the tests read a site built beforehand (FFE_TEST_DIST). */
    buildLog: string | undefined;
  }
}

/** Runs a command, printing what it prints as it goes; resolves with all of it, or rejects on failure. */
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const tee = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.once('error', fail);
    child.once('close', (code) => (code === 0 ? done(output) : fail(new Error(`la construction du site a échoué (code ${code})`))));
  });
}

export default async function setup(project: TestProject): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const given = toolSettings().testDist;
  if (given && existsSync(resolve(given, 'index.html'))) {
    project.provide('distDir', resolve(given));
    project.provide('buildLog', undefined);
    return;
  }
  // Inherited, Vitest's NODE_ENV=test would make Vite build in development mode (Starlight then ships a search box
  // that only says « disponible uniquement en mode production »).
  // The one site build also carries the fixture exports of both clusters (FFE_SNAPSHOT): it adds the « Écarts » pages
  // and a line on each environment page, and changes nothing else; builds without it are made by reproducible.test.ts.
  const log = await run(process.execPath, [resolve(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    env: { ...outsideVitest('production'), FFE_SNAPSHOT: FIXTURE_PATH },
  });
  project.provide('distDir', resolve(root, 'dist'));
  project.provide('buildLog', log);
}
