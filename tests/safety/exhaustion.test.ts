// Work a repository can ask for and never get: an alias bomb kustomize would expand, an endless file, files too big
// for a render, a Flux Kustomization that substitutes itself wave after wave, patterns that would backtrack. One
// `npm run check` over tests/safety/fixtures/exhaustion (one environment per case) finishes well within a minute, its
// whole process tree (Node and every kustomize) under 3 GB, and reports each case as a located French error.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWatched, type WatchedRun } from './lib/process-tree.ts';

const GB = 1024 * 1024 * 1024;
const MB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), 'ffe-exhaustion-'));
const repo = join(work, 'repo');
let run: WatchedRun;
let findings: { code: string; severity: string; message: string; location?: { path: string; line: number } }[];

beforeAll(async () => {
  cpSync(resolve(import.meta.dirname, 'fixtures/exhaustion'), repo, { recursive: true });
  // What a fixture should not hold: 50 MB in one file, 36 MB in three, a link to an endless device.
  writeFileSync(join(repo, 'clusters/big-file/big.txt'), Buffer.alloc(50 * MB, 'a'));
  for (const name of ['one', 'two', 'three']) writeFileSync(join(repo, `clusters/many-files/${name}.txt`), Buffer.alloc(12 * MB, 'b'));
  symlinkSync('/dev/zero', join(repo, 'clusters/dev-zero-link/zero.yaml'));
  execFileSync('git', ['init', '--quiet', repo]);
  run = await runWatched(resolve('node_modules/.bin/node'), ['scripts/check.ts', '--json'], {
    env: { ...process.env, FFE_MANIFESTS: repo, FFE_CACHE_DIR: join(work, 'cache'), NO_COLOR: '1' },
    timeoutSeconds: 120,
    maxBytes: 3 * GB,
  });
  findings = run.stdout ? (JSON.parse(run.stdout) as { findings: typeof findings }).findings : [];
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const CASES: [folder: string, code: string, file: string, words: string][] = [
  ['alias-bomb', 'FFE-E-KUSTOMIZE-LIMIT', 'kustomization.yaml', 'limite de mémoire'],
  ['dev-zero', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', '« /dev/zero »'],
  ['dev-zero-link', 'FFE-E-OUTSIDE-REPOSITORY', 'zero.yaml', 'lien symbolique'],
  ['big-file', 'FFE-E-KUSTOMIZE-LIMIT', 'kustomization.yaml', 'limite de 16 Mo par fichier'],
  ['many-files', 'FFE-E-KUSTOMIZE-LIMIT', 'kustomization.yaml', 'limite de 32 Mo par rendu'],
  ['self-substitution', 'FFE-E-SUBSTITUTE-LIMIT', 'loop.yaml', 'limite de croissance'],
  ['backtracking', 'FFE-E-SUBSTITUTE-LIMIT', 'app/configmap.yaml', 'trop coûteux'],
];

describe('a repository that asks for unbounded work', () => {
  it('is checked within a minute, the whole process tree under 3 GB, without a stack trace', () => {
    expect(run.seconds, run.stderr).toBeLessThan(60);
    expect(run.peakBytes).toBeLessThan(3 * GB);
    expect(run.peakBytes).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at |heap out of memory|Command failed/);
  });

  it.each(CASES)('%s: %s, in French, at the file that asks for it', (folder, code, file, words) => {
    const found = findings.find((f) => f.code === code && f.location?.path === `clusters/${folder}/${file}`);
    expect(found, JSON.stringify(findings.filter((f) => f.location?.path.startsWith(`clusters/${folder}`)))).toBeDefined();
    expect(found!.severity).toBe('error');
    expect(found!.message).toContain(words);
  });

  it('still substitutes the patterns a real value can afford, as Flux does (plain text, not a pattern, for /)', () => {
    expect(findings.filter((f) => f.location?.path === 'clusters/backtracking/app/configmap.yaml')).toHaveLength(1);
  });
});
