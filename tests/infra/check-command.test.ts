// `npm run check` over each bad-input fixture: a located French message, exit 1 on errors, never a stack trace.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { internalErrorLine } from '../../scripts/lib/cli.ts';

const NODE = 'node_modules/.bin/node';
const BAD = 'tests/fixtures/infra/bad';

function check(manifests: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(NODE, ['scripts/check.ts', ...args], { env: { ...process.env, FFE_MANIFESTS: manifests, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const CASES: [fixture: string, location: string, code: string, words: string][] = [
  ['yaml-syntax', 'yaml-syntax/broken.yaml:8:1', 'FFE-E-YAML', 'YAML invalide'],
  ['alias-bomb', 'alias-bomb/bomb.yaml:1', 'FFE-E-YAML-ALIAS', 'alias'],
  ['duplicate-key', 'duplicate-key/service.yaml:11:3', 'FFE-E-YAML-DUPLICATE-KEY', '« selector »'],
  ['duplicate-resource', 'duplicate-resource/second.yaml:2', 'FFE-E-DUPLICATE-RESOURCE', 'first.yaml:1'],
  ['missing-fields', 'missing-fields/incomplete.yaml:9', 'FFE-E-MISSING-NAME', 'metadata.name'],
  ['schema', 'schema/deployment.yaml:1', 'FFE-E-SCHEMA', 'spec.replicas'],
  ['plaintext-secret', 'plaintext-secret/secret.yaml:1', 'FFE-E-SECRET-PLAINTEXT', 'password'],
  ['kustomize-failure', 'kustomize-failure/broken/kustomization.yaml:4', 'FFE-E-KUSTOMIZE', 'does-not-exist.yaml'],
  ['not-text', 'not-text/garbage.yaml:1', 'FFE-E-NOT-TEXT', 'pas du texte UTF-8'],
  ['too-deep', 'too-deep/deep.yaml:14', 'FFE-E-YAML-TOO-DEEP', 'Imbrication trop profonde'],
];

describe('npm run check on bad input', () => {
  it.each(CASES)('%s: exits 1 with a located, readable error', async (fixture, location, code, words) => {
    const result = await check(`${BAD}/${fixture}`);
    expect(result.code).toBe(1);
    const line = result.stdout.split('\n').find((l) => l.includes(code))!;
    expect(line).toBeDefined();
    expect(line.startsWith(`${BAD}/${location}  erreur  ${code}  `)).toBe(true);
    expect(line).toContain(words);
    expect(result.stdout).toMatch(/\n {2}→ /);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout + result.stderr).not.toMatch(/call stack|RangeError|TypeError/);
  });

  it('loads the rest of the manifests when one kustomize folder fails', async () => {
    const result = await check(`${BAD}/kustomize-failure`, '--json');
    const report = JSON.parse(result.stdout);
    expect(report.environments).toEqual([{ name: 'default', resources: 1, namespaces: ['shop'] }]);
  });

  it('exits 0 on warnings only, and lists each of them', async () => {
    const result = await check(`${BAD}/workload-hygiene`);
    expect(result.code).toBe(0);
    for (const code of ['FFE-W-IMAGE-UNPINNED', 'FFE-W-REQUESTS-MISSING', 'FFE-W-LIMITS-MISSING', 'FFE-W-PROBES-MISSING', 'FFE-W-NETWORKPOLICY-MISSING']) {
      expect(result.stdout).toContain(`${BAD}/workload-hygiene/worker.yaml:1  avertissement  ${code}`);
    }
  });

  it('skips a Helm chart met among the manifests whole, with one notice naming it', async () => {
    const result = await check(`${BAD}/helm-template`);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`note {2}FFE-N-HELM-CHARTS {2}.*${BAD}/helm-template/chart/`));
    expect(result.stdout).not.toContain('FFE-W-HELM-TEMPLATE');
  });

  it('skips a values file with a notice', async () => {
    const result = await check(`${BAD}/values-file`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('FFE-N-NOT-KUBERNETES');
  });

  it('groups findings under their file', async () => {
    const { stdout } = await check(`${BAD}/missing-fields`);
    const blocks = stdout.trim().split('\n\n');
    expect(blocks[0].split('\n')[0]).toBe(`${BAD}/missing-fields/incomplete.yaml`);
    expect(blocks.at(-1)).toMatch(/^3\u00a0erreurs, 0\u00a0avertissement/);
  });

  it('explains a missing manifests folder instead of crashing', async () => {
    const result = await check('tests/fixtures/infra/nowhere');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FFE-E-MANIFESTS-ROOT');
    expect(result.stdout).toContain('FFE_MANIFESTS');
  });
});

describe('npm run check --json', () => {
  it('prints a machine-readable report with every finding', async () => {
    const result = await check(`${BAD}/duplicate-resource`, '--json');
    const report = JSON.parse(result.stdout);
    expect(result.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.summary).toEqual({ error: 1, warning: 0, notice: 0 });
    expect(report.findings[0]).toMatchObject({ code: 'FFE-E-DUPLICATE-RESOURCE', location: { path: `${BAD}/duplicate-resource/second.yaml`, line: 2 } });
  });
});

describe('public layouts pass the check', () => {
  it.each(['flux', 'plain', 'overlays'])('%s', async (layout) => {
    const result = await check(`tests/fixtures/infra/layouts/${layout}`);
    expect(result.stdout).toMatch(/^0\u00a0erreur/m);
    expect(result.code).toBe(0);
  });
});

describe('an internal bug', () => {
  it('is one line saying it is our bug and how to report it', () => {
    const line = internalErrorLine('npm run check', new TypeError('x is undefined\n    at foo (bar.ts:1:1)'));
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain('bogue de FFE');
    expect(line).toContain('TypeError: x is undefined');
    expect(line).toContain('ticket');
  });
});
