// `npm run diff -- <ref>` as a contributor runs it before opening a pull request, on the scripted repository: French
// Markdown naming each change per environment (and the findings it introduces or fixes), `--json` for machines, exit
// code 1 when the infrastructure changes, 0 when it does not (prose, formatting), 2 for a reference that names nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureRepository, type FixtureRepository } from './fixture-repo.ts';

const NODE = 'node_modules/.bin/node';
const cache = mkdtempSync(join(tmpdir(), 'ffe-diff-cache-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let repo: FixtureRepository;

function diff(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(NODE, ['scripts/diff.ts', ...args, '--manifests', repo.manifests], { env: { ...process.env, NO_COLOR: '1', FFE_CACHE_DIR: cache } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout: stdout.replace(/\u00a0/g, ' '), stderr });
    });
  });
}

let sinceStart: Run;
let sinceStartJson: Run;
let prose: Run;
let missing: Run;

beforeAll(async () => {
  repo = createFixtureRepository();
  [sinceStart, sinceStartJson, prose, missing] = await Promise.all([
    diff(repo.sha.initial),
    diff(repo.sha.initial, '--json'),
    diff(repo.sha.host),
    diff('no-such-branch'),
  ]);
}, 120_000);

afterAll(() => {
  repo?.remove();
  rmSync(cache, { recursive: true, force: true });
});

describe('npm run diff', () => {
  it('prints, per environment, each change since the reference as Markdown, and exits 1', () => {
    expect(sinceStart.code, sinceStart.stderr).toBe(1);
    const text = sinceStart.stdout;
    expect(text).toMatch(/^## Changements de l’infrastructure\n/);
    expect(text).toContain(`par rapport à \`${repo.sha.initial}\` (\`${repo.sha.initial.slice(0, 12)}\`)`);
    const production = text.slice(text.indexOf('### production'), text.indexOf('### staging'));
    const staging = text.slice(text.indexOf('### staging'));
    expect(production).toContain('- `Deployment blog/ghost` — image du conteneur ghost : ghost:latest');
    expect(production).toContain('- `Deployment shop/worker`');
    expect(production).toMatch(/\*\*Retraits \(1\)\*\*\n\n- `Deployment shop\/worker`/);
    expect(production).toContain('- `Deployment shop/web` — image du conteneur web : nginx 1.27.0 → 1.27.3 ; répliques : 2 → 3 (`manifests/clusters/production/shop.yaml:6`)');
    expect(production).toContain('- `Ingress shop/web` — nouvel hôte : boutique.example.org ; hôte retiré : shop.example.org');
    expect(production).toMatch(/\*\*Constats introduits \(\d+\)\*\*[\s\S]*avertissement `FFE-W-IMAGE-UNPINNED` — Deployment ghost : image non épinglée/);
    // Staging only lost its worker: the reformatted YAML is not a change.
    expect(staging).toMatch(/### staging\n\n4 objets \(−1\)\.\n\n\*\*Retraits \(1\)\*\*\n\n- `Deployment shop\/worker`[^\n]*\n$/);
  });

  it('gives machines the same changes as JSON', () => {
    expect(sinceStartJson.code).toBe(1);
    const json = JSON.parse(sinceStartJson.stdout) as { ok: boolean; base: string; target: string; changes: number; environments: { env: string; objects: { type: string; label: string }[] }[] };
    expect(json).toMatchObject({ ok: false, base: repo.sha.initial, target: 'worktree', changes: 7 });
    expect(json.environments.map((e) => [e.env, e.objects.map((o) => `${o.type} ${o.label}`)])).toEqual([
      ['production', ['added Deployment blog/ghost', 'added Namespace blog', 'added Service blog/ghost', 'removed Deployment shop/worker', 'changed Deployment shop/web', 'changed Ingress shop/web']],
      ['staging', ['removed Deployment shop/worker']],
    ]);
  });

  it('exits 0 when only prose and formatting changed', () => {
    expect(prose.code, prose.stdout + prose.stderr).toBe(0);
    expect(prose.stdout).toContain('Aucun changement : chaque environnement déploie les mêmes objets, avec les mêmes valeurs.');
  });

  it('exits 2 with what to do when the reference names no commit', () => {
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('npm run diff : « no-such-branch » ne désigne aucun commit de ce dépôt.');
    expect(missing.stderr).toContain('→ Donnez une branche');
  });

  it('compares the working tree as it is, uncommitted edits included, and HEAD alone with --head', async () => {
    const file = join(repo.manifests, 'clusters/production/blog.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('ghost:latest', 'ghost:5.130.2'));
    const [worktree, head] = await Promise.all([diff('HEAD'), diff('HEAD', '--head')]);
    expect(worktree.code).toBe(1);
    expect(worktree.stdout).toContain('- `Deployment blog/ghost` — image du conteneur ghost : ghost latest → 5.130.2');
    expect(worktree.stdout).toMatch(/\*\*Constats corrigés \(1\)\*\*\n\n- avertissement `FFE-W-IMAGE-UNPINNED`/);
    expect(head.code).toBe(0);
  });
});
