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
  execFileSync(resolve(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, stdio: 'inherit' });
  project.provide('distDir', resolve(root, 'dist'));
}
