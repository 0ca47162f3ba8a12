// Builds the site once for every site test, so they read what a reader would be served.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { outsideVitest } from '../../scripts/lib/site-build.ts';
import { toolSettings } from '../../src/site/settings.ts';
import { FIXTURE_PATH } from '../drift/plan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
  }
}

export default function setup(project: TestProject): void {
  const root = resolve(import.meta.dirname, '../..');
  const given = toolSettings().testDist;
  if (given && existsSync(resolve(given, 'index.html'))) {
    project.provide('distDir', resolve(given));
    return;
  }
  // Inherited, Vitest's NODE_ENV=test would make Vite build in development mode (Starlight then ships a search box
  // that only says « disponible uniquement en mode production »).
  // The one site build also carries the fixture exports of both clusters (FFE_SNAPSHOT): it adds the « Écarts » pages
  // and a line on each environment page, and changes nothing else; builds without it are made by reproducible.test.ts.
  execFileSync(process.execPath, [resolve(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...outsideVitest('production'), FFE_SNAPSHOT: FIXTURE_PATH },
  });
  project.provide('distDir', resolve(root, 'dist'));
}
