// Runs `astro build` into a chosen directory (never dist/ unless asked), with Node 24, capturing what it prints.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
const ASTRO = resolve(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');

export interface BuildResult {
  code: number | null;
  /** stdout and stderr, interleaved as printed. */
  output: string;
  milliseconds: number;
}

export function buildSite(outDir: string, env: NodeJS.ProcessEnv = {}): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ASTRO, 'build', '--outDir', outDir], {
      cwd: PROJECT_ROOT,
      // NODE_ENV=test (set by Vitest) would make Vite build in development mode.
      env: { ...process.env, NODE_ENV: 'production', ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, output, milliseconds: performance.now() - started }));
  });
}
