// `npm run check` on the hostile repository (tests/safety/fixtures/hostile): every attack is a French error at the file
// and line that wrote it, nothing from outside the repository is read or fetched, and nothing the repository writes
// can drive the terminal.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileRepository, type HostileRepository } from './lib/hostile-repo.ts';

const NODE = 'node_modules/.bin/node';

interface Finding {
  code: string;
  severity: string;
  message: string;
  location?: { path: string; line: number };
}

function check(repo: string, env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(NODE, ['scripts/check.ts', ...args], { env: { ...process.env, ...env, FFE_MANIFESTS: repo, NO_COLOR: '1', FFE_CACHE_DIR: join(repo, '..', 'cache') }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const work = mkdtempSync(join(tmpdir(), 'ffe-hostile-check-'));
let hostile: HostileRepository;
let findings: Finding[];
let text: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  hostile = await hostileRepository(work);
  const [json, report] = await Promise.all([check(hostile.repo, hostile.environment, '--json'), check(hostile.repo, hostile.environment)]);
  findings = (JSON.parse(json.stdout) as { findings: Finding[] }).findings;
  text = report;
}, 120_000);

afterAll(async () => {
  await hostile?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The errors located in a case's folder. */
function errorsIn(folder: string): Finding[] {
  return findings.filter((f) => f.severity === 'error' && f.location?.path.startsWith(`clusters/${folder}`));
}

const OUTSIDE: [folder: string, code: string, file: string, words: string][] = [
  ['read-environ', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', '« /proc/self/environ »'],
  ['read-absolute', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', 'canary.txt'],
  ['read-dotdot', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', '« ../../../outside/canary.txt »'],
  ['read-env-file', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', 'canary.env'],
  ['resource-outside', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', '« ../../../outside/base » (resources)'],
  ['symlink-file', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', 'lien symbolique'],
  ['symlink-kustomization', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', 'lien symbolique'],
  ['symlink-plain', 'FFE-E-OUTSIDE-REPOSITORY', 'leak.yaml', 'lien symbolique'],
  ['flux-path-symlink', 'FFE-E-OUTSIDE-REPOSITORY', 'linked-path.yaml', '« ./linked »'],
  ['http-resource', 'FFE-E-KUSTOMIZE-REMOTE', 'kustomization.yaml', 'ressource distante'],
  ['patch-outside', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', '(patches.path)'],
  ['git-config', 'FFE-E-KUSTOMIZE-OUTSIDE', 'kustomization.yaml', '« ../../.git/config »'],
  ['generator-config', 'FFE-E-KUSTOMIZE-OUTSIDE', 'generator.yaml', '(generators → files)'],
];

describe('npm run check on a hostile repository', () => {
  it('exits 1, with no stack trace', () => {
    expect(text.code).toBe(1);
    expect(text.stdout + text.stderr).not.toMatch(/\n\s+at |Stack trace|TypeError|RangeError|Command failed/);
  });

  it.each(OUTSIDE)('%s: reads nothing outside the repository, and says so where the reference is written', (folder, code, file, words) => {
    const found = errorsIn(folder).filter((f) => f.code === code);
    expect(found, JSON.stringify(errorsIn(folder))).toHaveLength(1);
    expect(found[0].location!.path).toBe(`clusters/${folder}/${file}`);
    expect(found[0].location!.line).toBeGreaterThan(0);
    expect(found[0].message).toContain(words);
    expect(found[0].message).toMatch(code === 'FFE-E-KUSTOMIZE-REMOTE' ? /refusé/ : /en dehors du dépôt/);
  });

  it('never asks the local server for the remote resource', () => {
    expect(hostile.requests()).toBe(0);
  });

  it('refuses a path slipped into a Flux Kustomization’s patches, as Flux’s API does', () => {
    expect(errorsIn('flux-patch-path').map((f) => [f.code, f.location!.path])).toEqual([['FFE-E-SCHEMA', 'clusters/flux-patch-path/flux-kustomization.yaml']]);
  });

  it('refuses each name, namespace and kind Kubernetes would refuse, at its line', () => {
    const errors = errorsIn('names');
    expect(errors.filter((f) => f.code === 'FFE-E-INVALID-NAME')).toHaveLength(10);
    expect(errors.filter((f) => f.code === 'FFE-E-INVALID-NAMESPACE')).toHaveLength(2);
    expect(errors.filter((f) => f.code === 'FFE-E-INVALID-KIND')).toHaveLength(1);
    expect(new Set(errors.map((f) => f.location!.line)).size).toBe(errors.length);
    for (const f of errors) expect(f.message).toMatch(/Kubernetes refuserait cet objet ; il est ignoré\.$/);
  });

  it('refuses an environment whose folder name is markup', () => {
    const [env] = findings.filter((f) => f.code === 'FFE-E-INVALID-ENVIRONMENT');
    expect(env.location!.path).toBe('clusters/x<img src=x onerror=alert(105)>');
    expect(env.message).toContain('n’est pas documenté');
  });

  it('says a ConfigMap holds a private key and a password, and that a Secret is in clear', () => {
    const codes = errorsIn('secrets').map((f) => f.code);
    expect(codes).toContain('FFE-E-CONFIGMAP-SECRET');
    expect(codes).toContain('FFE-E-SECRET-PLAINTEXT');
    const configMap = errorsIn('secrets').find((f) => f.code === 'FFE-E-CONFIGMAP-SECRET')!;
    expect(configMap.message).toContain('« tls.key »');
    expect(configMap.message).toContain('« DB_PASSWORD »');
  });

  it('reads YAML 1.1 booleans as Kubernetes does (suspend: no, paused: no are no errors)', () => {
    expect(errorsIn('yaml11')).toEqual([]);
  });

  it('prints no control character a repository wrote: the terminal cannot be retitled or given a fake summary', () => {
    const terminal = errorsIn('terminal');
    expect(terminal.map((f) => f.code)).toEqual(['FFE-E-INVALID-NAME']);
    expect(text.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text.stdout).toContain('\\u001b]0;pwned\\u0007');
    expect(text.stdout.split('\n').filter((line) => /^0\s+erreur/.test(line))).toEqual([]);
  });

  it('shows no canary: not the environment, not a file outside, not the token in .git/config, not a Secret value', () => {
    const output = text.stdout + text.stderr + JSON.stringify(findings);
    for (const canary of Object.values(hostile.canaries)) expect(output).not.toContain(canary);
  });
});
