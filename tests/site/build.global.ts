// Builds the site once for every site test, so they read what a reader would be served.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
  }
}

export default function setup(project: TestProject): void {
  const root = resolve(import.meta.dirname, '../..');
  const given = process.env.FFE_TEST_DIST;
  if (given && existsSync(resolve(given, 'index.html'))) {
    project.provide('distDir', resolve(given));
    return;
  }
  // Vitest sets NODE_ENV=test; inherited, it makes Vite build in development mode (Starlight then ships a search box
  // that only says « disponible uniquement en mode production »).
  execFileSync(resolve(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  project.provide('distDir', resolve(root, 'dist'));
}
