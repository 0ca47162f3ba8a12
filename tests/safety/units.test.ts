// The pieces that keep an untrusted repository in its place, one by one: Kubernetes' name rules, terminal escaping,
// Flux's patterns without backtracking, secret masking, the render limits and environment, what kustomize may read,
// the known scripts of the policy, output paths, titles, and YAML read as Kubernetes reads it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CspError, collectInlineScriptHashes } from '../../scripts/lib/site-csp.ts';
import { expand, substituteDocuments, type VariableValue } from '../../src/infra/flux-substitution.ts';
import { kustomizeEnvironment, runLimited, RENDER_LIMITS } from '../../src/infra/kustomize.ts';
import { checkRenderInputs } from '../../src/infra/kustomize-inputs.ts';
import { modelFromYaml, parseManifest } from '../../src/infra/index.ts';
import { environmentNameProblem, nameProblem, nameRuleOf } from '../../src/infra/names.ts';
import { configMapSecretKeys, maskHelmValues, maskPublished, MASKED } from '../../src/infra/secret-mask.ts';
import { terminalSafe, terminalSafeJson } from '../../src/infra/terminal.ts';
import { INLINE_SCRIPTS_FILE, scriptHash } from '../../src/site/inline-scripts.ts';
import { outputPathProblem } from '../../src/site/output-paths.ts';
import { escapeTitle } from '../../src/site/title-escape.ts';

const work = mkdtempSync(join(tmpdir(), 'ffe-safety-units-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('names, as Kubernetes validates them', () => {
  it.each([
    ['', 'ConfigMap', 'app.config-1', true],
    ['', 'ConfigMap', 'App', false],
    ['', 'ConfigMap', 'a'.repeat(253), true],
    ['', 'ConfigMap', 'a'.repeat(254), false],
    ['', 'ConfigMap', '..', false],
    ['', 'ConfigMap', 'a/b', false],
    ['', 'Service', '1-web', false],
    ['', 'Service', 'web.v1', false],
    ['', 'Namespace', 'a'.repeat(64), false],
    ['rbac.authorization.k8s.io', 'ClusterRole', 'system:controller:job-controller', true],
    ['rbac.authorization.k8s.io', 'ClusterRole', 'x<img src=x>', false],
    ['rbac.authorization.k8s.io', 'ClusterRole', 'back\\slash', false],
    ['', 'ConfigMap', 'app-${CLUSTER}', true],
    ['', 'ConfigMap', 'app-${CLUSTER:=prod}', true],
    ['', 'ConfigMap', '${X/a/../..}', false],
  ])('%s %s « %s » → accepted: %s', (group, kind, name, accepted) => {
    expect(nameProblem(nameRuleOf(group, kind), name) === undefined).toBe(accepted);
  });

  it('accepts a generateName prefix ending with a dash', () => {
    expect(nameProblem('dns1123-subdomain', 'backup-', { generated: true })).toBeUndefined();
  });

  it('keeps environment folder names that are words, refuses markup and dots alone', () => {
    expect(environmentNameProblem('prod-eu.1')).toBeUndefined();
    expect(environmentNameProblem('préprod')).toBeUndefined();
    expect(environmentNameProblem('x<img>')).toBeDefined();
    expect(environmentNameProblem('..')).toBeDefined();
  });

  it('leaves out of the model what Kubernetes would refuse, with an error at its line', () => {
    const model = modelFromYaml('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "../.."}\n', { checks: [] });
    expect(model.environments[0].resources.map((r) => r.id.name)).toEqual(['ok']);
    expect(model.findings.map((f) => [f.code, f.location?.line])).toEqual([['FFE-E-INVALID-NAME', 5]]);
  });
});

describe('terminal output', () => {
  it('shows control characters as escapes, printable text as it is', () => {
    expect(terminalSafe('a\u001b[31mb\nc\u009bd\u202ee – é')).toBe('a\\u001b[31mb\\nc\\u009bd\\u202ee – é');
  });

  it('keeps JSON valid and its layout, escaping what JSON.stringify leaves raw', () => {
    const json = terminalSafeJson(JSON.stringify({ name: 'a\u009b\u202eb\u001b' }, null, 2));
    expect(json).not.toMatch(/[\u001b\u009b\u202e]/);
    expect(JSON.parse(json)).toEqual({ name: 'a\u009b\u202eb\u001b' });
    expect(json.split('\n')).toHaveLength(3);
  });
});

describe('Flux substitution, bounded', () => {
  const lookup = (values: Record<string, string>) => (name: string): VariableValue | undefined => (name in values ? { value: values[name] } : undefined);
  const long = 'a'.repeat(20_000);

  it.each([
    ['${V/.org/.net}', 'example.org', 'example.net'],
    ['${V//a/o}', 'banana', 'bonono'],
    ['${V/*/x}', 'a*b', 'axb'],
    ['${V/#ex/ap}', 'example', 'apample'],
    ['${V/%le/ly}', 'example', 'examply'],
    ['${V#*.}', 'a.b.c', 'b.c'],
    ['${V##*.}', 'a.b.c', 'c'],
    ['${V%.*}', 'a.b.c', 'a.b'],
    ['${V%%.*}', 'a.b.c', 'a'],
    ['${V#[ab]?}', 'bcd', 'd'],
    ['${V:1:-1}', 'hello', 'ell'],
    ['${V:2}', 'hello', 'llo'],
  ])('%s of « %s » → « %s », as Flux computes it', (text, value, expected) => {
    expect(expand(text, lookup({ V: value })).text).toBe(expected);
  });

  it('matches patterns that used to backtrack on long values, in one pass', () => {
    expect(expand('${V/************b/c}', lookup({ V: long })).text).toBe(long);
    expect(expand(`\${V#${'*?'.repeat(40)}b}`, lookup({ V: long })).text).toBe(long);
    expect(expand(`\${V%%${'*a'.repeat(40)}}`, lookup({ V: long })).text).toBe('');
  });

  it('refuses, as an error at the object, a pattern that would cost too much', () => {
    const doc = { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: `\${V#${'*?'.repeat(20_000)}b}` } }, source: { path: 'x.yaml', line: 3 } };
    const result = substituteDocuments([doc], new Map([['V', { value: long }]]));
    expect(result.documents[0].object).toBe(doc.object);
    expect(result.findings.map((f) => [f.code, f.location])).toEqual([['FFE-E-SUBSTITUTE-LIMIT', { path: 'x.yaml', line: 3 }]]);
  });

  it('substitutes once: a value citing a variable is not expanded again', () => {
    expect(expand('${A}', lookup({ A: '${A}${A}' })).text).toBe('${A}${A}');
  });

  it('never substitutes a value read from a Secret', () => {
    const result = expand('host: ${DOMAIN}', () => ({ secret: 'Secret cluster-secrets' }));
    expect(result.text).toBe('host: ${DOMAIN}');
    expect(result.secret.get('DOMAIN')).toBe('Secret cluster-secrets');
  });
});

describe('secrets masked for publication', () => {
  it('masks Helm values under secret-looking keys, keeps references and ordinary values', () => {
    const values = maskHelmValues({
      auth: { username: 'app', password: 'p', existingSecret: 'db', passwordKey: 'pw' },
      s3: { accessKey: 'AK', secretKey: 'SK', bucket: 'b' },
      apiToken: 'T',
      tls: { secretName: 'tls', enabled: true },
      cert: '-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----',
      replicas: 2,
      empty: { password: '' },
    });
    expect(values).toEqual({
      auth: { username: 'app', password: MASKED, existingSecret: 'db', passwordKey: 'pw' },
      s3: { accessKey: MASKED, secretKey: MASKED, bucket: 'b' },
      apiToken: MASKED,
      tls: { secretName: 'tls', enabled: true },
      cert: MASKED,
      replicas: 2,
      empty: { password: '' },
    });
  });

  it('masks a Secret written inside values, keys kept', () => {
    expect(maskHelmValues({ extraObjects: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { token: 'x' }, data: { b: 'eA==' } }] })).toEqual({
      extraObjects: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { token: MASKED }, data: { b: MASKED } }],
    });
  });

  it('masks last-applied-configuration, values written as a YAML string, and a ConfigMap’s private key and password', () => {
    const published = maskPublished({
      apiVersion: 'helm.cattle.io/v1',
      kind: 'HelmChart',
      metadata: { name: 'x', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"a":"s"}}' } },
      spec: { valuesContent: 'admin:\n  password: hunter2\n' },
    });
    expect(published.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(MASKED);
    expect((published.spec as { valuesContent: string }).valuesContent).toBe(`admin:\n  password: ${MASKED}\n`);
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'tls.key': '-----BEGIN PRIVATE KEY-----\nx', DB_PASSWORD: 'p', TOKEN_URL: 'https://x', SECRET_NAME: 'db' } };
    expect(configMapSecretKeys(configMap).map((k) => k.key)).toEqual(['tls.key', 'DB_PASSWORD']);
    expect(maskPublished(configMap).data).toEqual({ 'tls.key': MASKED, DB_PASSWORD: MASKED, TOKEN_URL: 'https://x', SECRET_NAME: 'db' });
  });
});

describe('a kustomize render, limited', () => {
  it('is stopped at its time limit, its whole process group with it', async () => {
    const marker = `${process.pid}${Date.now()}`.slice(-8);
    const result = await runLimited('/bin/sh', ['-c', `sleep 30.${marker} & sleep 30.${marker}; wait`], { cwd: work, env: { PATH: process.env.PATH }, limits: { ...RENDER_LIMITS, wallSeconds: 1 } });
    expect(result.limit).toBe('time');
    expect(result.failed).toBe(true);
    await new Promise((done) => setTimeout(done, 200));
    const left = (await import('node:fs')).readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`30.${marker}`);
      } catch {
        return false;
      }
    });
    expect(left).toEqual([]);
  });

  it('is stopped when it writes more than its output limit', async () => {
    const result = await runLimited('/usr/bin/yes', [], { cwd: work, env: {}, limits: { ...RENDER_LIMITS, outputBytes: 1024 * 1024 } });
    expect(result.limit).toBe('output');
    expect(result.stdout).toBe('');
  });

  it('runs with none of the build’s environment but where programs are', () => {
    const env = kustomizeEnvironment('/tmp/w', false, { PATH: '/usr/bin', GITHUB_TOKEN: 't', AWS_SECRET_ACCESS_KEY: 'k', HOME: '/root', https_proxy: 'p' });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/tmp/w', LANG: 'C', LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' });
    expect(kustomizeEnvironment('/tmp/w', true, { https_proxy: 'p', GITHUB_TOKEN: 't' })).toMatchObject({ https_proxy: 'p' });
    expect(kustomizeEnvironment('/tmp/w', true, { GITHUB_TOKEN: 't' }).GITHUB_TOKEN).toBeUndefined();
  });
});

describe('what a kustomization may read', () => {
  const repo = join(work, 'repo');
  mkdirSync(join(repo, 'app/shared'), { recursive: true });
  writeFileSync(join(repo, 'app/shared/settings.env'), 'A=1\n');
  symlinkSync(join(repo, 'app/shared/settings.env'), join(repo, 'app/linked.env'));
  writeFileSync(join(repo, 'app/kustomization.yaml'), 'configMapGenerator:\n  - name: s\n    envs: [linked.env, shared/settings.env]\nresources:\n  - https://github.com/org/repo//base?ref=v1\n');

  it('follows links that stay in the repository, and refuses a remote resource unless it is allowed', () => {
    const refused = checkRenderInputs({ dir: join(repo, 'app') }, { repoRoot: repo, remote: false });
    expect(refused.findings.map((f) => [f.code, f.location])).toEqual([['FFE-E-KUSTOMIZE-REMOTE', { path: 'app/kustomization.yaml', line: 5 }]]);
    const allowed = checkRenderInputs({ dir: join(repo, 'app') }, { repoRoot: repo, remote: true });
    expect(allowed.findings).toEqual([]);
    expect(allowed.bytes).toBeGreaterThan(0);
  });

  it('refuses a folder of generator configurations, whose paths cannot be known before the render', () => {
    mkdirSync(join(repo, 'gen/configs'), { recursive: true });
    writeFileSync(join(repo, 'gen/configs/kustomization.yaml'), 'resources: []\n');
    writeFileSync(join(repo, 'gen/kustomization.yaml'), 'generators:\n  - configs\n');
    expect(checkRenderInputs({ dir: join(repo, 'gen') }, { repoRoot: repo, remote: false }).findings.map((f) => f.code)).toEqual(['FFE-E-KUSTOMIZE-INPUT']);
  });
});

describe('the policy’s scripts', () => {
  it('hashes the known scripts a page uses, and refuses one the build did not write', () => {
    const dist = join(work, 'dist');
    mkdirSync(join(dist, '_astro'), { recursive: true });
    writeFileSync(join(dist, INLINE_SCRIPTS_FILE), JSON.stringify([scriptHash('own()'), scriptHash('unused()')]));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title><script>own()</script><script type="application/json">{}</script>');
    expect(collectInlineScriptHashes(dist)).toEqual([scriptHash('own()')]);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>x</title><script>own()</script><script>alert(1)</script>');
    expect(() => collectInlineScriptHashes(dist)).toThrow(CspError);
    expect(() => collectInlineScriptHashes(dist)).toThrow(/index\.html/);
  });
});

describe('output paths and titles', () => {
  it.each([
    ['prod/default/configmap/app', undefined],
    ['prod/../../x', 'segment'],
    ['prod/./x', 'segment'],
    ['prod//x', 'segment'],
    ['prod/a\\b', 'contrôle'],
    ['prod/a\tb', 'contrôle'],
    [`prod/${'a'.repeat(256)}`, 'octets'],
  ])('%s → %s', (params, problem) => {
    const found = outputPathProblem(params);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it('escapes a title so that no text can close the element', () => {
    expect(escapeTitle('a</title><script>x</script> & b')).toBe('a&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; b');
  });
});

describe('YAML as Kubernetes reads it (1.1)', () => {
  it('reads yes/no/on/off as booleans and 0644 as octal, keeps 12:30 and dates as text', () => {
    const [doc] = parseManifest('x.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  paused: no\n  a: on\n  mode: 0644\n  t: 12:30\n  d: 2024-01-01\n  s: "no"\n').documents;
    expect(doc.object.spec).toEqual({ paused: false, a: true, mode: 420, t: '12:30', d: '2024-01-01', s: 'no' });
  });
});
