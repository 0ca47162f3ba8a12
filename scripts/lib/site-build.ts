// Runs `astro build` into a chosen directory (never dist/ unless asked), with Node 24, capturing what it prints.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { watchPeakMemory } from './peak-memory.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
const ASTRO = resolve(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');

export interface BuildResult {
  code: number | null;
  /** stdout and stderr, interleaved as printed. */
  output: string;
  milliseconds: number;
  /** The highest resident memory of the build and the processes it started (Chromium, kustomize), in bytes. */
  peakBytes: number;
}

/**
 * The environment a child Astro process should see: without what Vitest adds (NODE_ENV=test would make Vite build in
 * development mode, and Astro changes behaviour when it sees VITEST).
 */
export function outsideVitest(mode: 'production' | 'development'): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'TEST'));
  return { ...env, NODE_ENV: mode };
}

/** `astro build` of the project at `root` into `outDir`, timed. */
export function runAstroBuild(root: string, outDir: string, env: NodeJS.ProcessEnv = {}): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [ASTRO, 'build', '--outDir', outDir], {
      cwd: root,
      env: { ...outsideVitest('production'), ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const memory = watchPeakMemory(child.pid ?? 0);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, output, milliseconds: performance.now() - started, peakBytes: memory.stop() }));
  });
}

export function buildSite(outDir: string, env: NodeJS.ProcessEnv = {}): Promise<BuildResult> {
  return runAstroBuild(PROJECT_ROOT, outDir, env);
}
