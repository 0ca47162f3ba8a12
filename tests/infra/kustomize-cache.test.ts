// kustomize renders kept between builds (the site's FFE_CACHE_DIR): a rebuild reuses them, and an edit to any file a
// render reads — resource, patch, generator input, component — is rendered again, so a kept render is never stale.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/infra/index.ts';
import { RenderInputs } from '../../src/infra/kustomize-cache.ts';

const work = mkdtempSync(join(tmpdir(), 'ffe-kcache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function repository(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const FILES: Record<string, string> = {
  'kustomization.yaml': [
    'resources: [base]',
    'components: [components/labels]',
    'patches: [{ path: patch.yaml }]',
    'configMapGenerator: [{ name: settings, files: [settings.conf] }]',
    'generatorOptions: { disableNameSuffixHash: true }',
  ].join('\n'),
  'base/kustomization.yaml': 'resources: [deployment.yaml]\n',
  'base/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: { name: shop, namespace: shop }',
    'spec:',
    '  replicas: 1',
    '  selector: { matchLabels: { app: shop } }',
    '  template:',
    '    metadata: { labels: { app: shop } }',
    '    spec: { containers: [{ name: shop, image: "nginx:1.27" }] }',
  ].join('\n'),
  'patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: shop, namespace: shop }\nspec: { replicas: 2 }\n',
  'settings.conf': 'mode=production\n',
  'components/labels/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nlabels: [{ pairs: { team: boutique } }]\n',
  'README.md': 'Un dépôt de test.\n',
};

async function shop(root: string, cache: string): Promise<{ replicas: unknown; team: unknown; settings: unknown; image: unknown }> {
  const model = await loadModel({ root, kustomizeCacheDir: cache });
  const resources = model.environments.flatMap((e) => e.resources);
  const deployment = resources.find((r) => r.id.kind === 'Deployment')!;
  const spec = deployment.object.spec as { replicas: unknown; template: { spec: { containers: { image: unknown }[] } } };
  return {
    replicas: spec.replicas,
    team: deployment.labels.team,
    settings: resources.find((r) => r.id.kind === 'ConfigMap')?.object.data,
    image: spec.template.spec.containers[0].image,
  };
}

const entries = (cache: string): string[] => {
  try {
    return readdirSync(cache).sort();
  } catch {
    return [];
  }
};

describe('the kustomize render cache', () => {
  it('serves a rebuild the kept render', async () => {
    const root = repository('reuse', FILES);
    const cache = join(work, 'reuse-cache');
    const first = await shop(root, cache);
    expect(first).toEqual({ replicas: 2, team: 'boutique', settings: { 'settings.conf': 'mode=production\n' }, image: 'nginx:1.27' });
    expect(entries(cache)).toHaveLength(1);
    // What the next load reads is the kept text: altered by hand here, to show it is read rather than rendered again.
    const [entry] = entries(cache);
    writeFileSync(join(cache, entry), readFileSync(join(cache, entry), 'utf8').replace('replicas: 2', 'replicas: 7'));
    expect((await shop(root, cache)).replicas).toBe(7);
  });

  it.each([
    ['a resource', 'base/deployment.yaml', 'nginx:1.27', 'nginx:1.28', { image: 'nginx:1.28' }],
    ['a patch', 'patch.yaml', 'replicas: 2', 'replicas: 4', { replicas: 4 }],
    ['a generator’s input', 'settings.conf', 'production', 'staging', { settings: { 'settings.conf': 'mode=staging\n' } }],
    ['a component', 'components/labels/kustomization.yaml', 'boutique', 'atelier', { team: 'atelier' }],
  ])('renders again after an edit to %s', async (_what, file, before, after, expected) => {
    const root = repository(`edit-${file.replace(/\W/g, '-')}`, FILES);
    const cache = join(work, `edit-${file.replace(/\W/g, '-')}-cache`);
    await shop(root, cache);
    writeFileSync(join(root, file), readFileSync(join(root, file), 'utf8').replace(before, after));
    expect(await shop(root, cache)).toMatchObject(expected);
    expect(entries(cache)).toHaveLength(2);
  });

  it('keeps the render when a file no render reads changes', async () => {
    const root = repository('unrelated', FILES);
    const cache = join(work, 'unrelated-cache');
    await shop(root, cache);
    writeFileSync(join(root, 'README.md'), 'Modifié.\n');
    await shop(root, cache);
    expect(entries(cache)).toHaveLength(1);
  });

  it('does not keep a render that reads out of the repository', () => {
    const root = repository('outside/repo', { 'kustomization.yaml': 'resources: [../shared]\n' });
    repository('outside/shared', { 'kustomization.yaml': 'resources: []\n' });
    expect(new RenderInputs(root).closure([root])).toBeUndefined();
    expect(new RenderInputs(join(work, 'outside')).closure([root])).toEqual([join(root, 'kustomization.yaml'), join(work, 'outside/shared/kustomization.yaml')]);
  });
});
