// The site built on the hostile repository (tests/safety/fixtures/hostile), the way a user tries it on someone else's
// repository (`FFE_MANIFESTS=… FFE_ALLOW_ERRORS=1 npm run build`), once for every assertion: nothing from outside the
// repository is published (the build's environment, a file beside it, a symbolic link, the token of .git/config, a
// local server), no script runs when Chromium opens every page and every standalone diagram, no file outside the output
// folder is written or changed, and no Secret value lands anywhere, search index included.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT_ROOT, type BuildResult } from '../../scripts/lib/site-build.ts';
import { launchChromium } from '../../scripts/lib/site-chromium.ts';
import { collectInlineScriptHashes } from '../../scripts/lib/site-csp.ts';
import { listFiles } from '../../scripts/lib/site-dist.ts';
import { readKnownScriptHashes } from '../../src/site/inline-scripts.ts';
import { findAll, readPage, visibleText } from '../site/lib/html.ts';
import { hostileRepository, snapshot, type HostileRepository } from './lib/hostile-repo.ts';

const MASKED = '••• masqué •••';
const work = mkdtempSync(join(tmpdir(), 'ffe-hostile-site-'));
const dist = join(work, 'dist');
let hostile: HostileRepository;
let build: BuildResult;
let before: { files: Map<string, string>; git: string };

const gitStatus = (): string => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
const outsideDist = (path: string): boolean => path === dist;

beforeAll(async () => {
  hostile = await hostileRepository(work);
  before = { files: snapshot(work, outsideDist), git: gitStatus() };
  build = await buildSite(dist, { ...hostile.environment, FFE_MANIFESTS: hostile.repo, FFE_ALLOW_ERRORS: '1' });
}, 600_000);

afterAll(async () => {
  await hostile?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Every file of the site as text, pagefind's compressed search index included. */
function publishedTexts(): [file: string, text: string][] {
  return listFiles(dist).map((file) => {
    const bytes = readFileSync(join(dist, file));
    return [file, (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8')];
  });
}

describe('the site built on a hostile repository', () => {
  it('builds, with the errors listed and no stack trace', () => {
    expect(build.code, build.output.slice(-3000)).toBe(0);
    expect(build.output).not.toMatch(/Stack trace|\n\s+at |NoMatchingStaticPathFound|ENAMETOOLONG|Invalid URL/);
    expect(existsSync(join(dist, 'infra/constats/index.html'))).toBe(true);
  });

  it('prints the repository’s escape sequences in the build log as text, never as control characters', () => {
    expect(build.output).toContain('\\u001b]0;pwned\\u0007');
    expect(build.output).not.toContain('\u001b]0;pwned');
    expect(build.output).not.toContain('\u0007');
  });

  it('publishes nothing from outside the repository and no Secret value, search index included', () => {
    const texts = publishedTexts();
    expect(texts.some(([file]) => file.startsWith('pagefind/fragment/'))).toBe(true);
    for (const canary of Object.values(hostile.canaries)) {
      expect(texts.filter(([, text]) => text.includes(canary)).map(([file]) => file), canary).toEqual([]);
      expect(build.output).not.toContain(canary);
    }
    expect(hostile.requests()).toBe(0);
  });

  it('masks what a Secret, Helm values and a ConfigMap would have shown', () => {
    const yamlOf = (route: string): string => visibleText(findAll(readPage(dist, route), (e) => e.tagName === 'pre')[0]);
    const helm = yamlOf('/infra/secrets/default/helmrelease/database/');
    expect(helm).toContain(`password: ${MASKED}`);
    expect(helm).toContain(`apiToken: ${MASKED}`);
    expect(helm).toContain('username: app');
    const secret = yamlOf('/infra/secrets/flux-system/secret/cluster-secrets/');
    expect(secret).toContain(`kubectl.kubernetes.io/last-applied-configuration: ${MASKED}`);
    expect(yamlOf('/infra/secrets/default/configmap/leaky-config/')).toContain(`DB_PASSWORD: ${MASKED}`);
    // A value read from a Secret is never substituted: the expression stays as written.
    expect(yamlOf('/infra/secrets/default/configmap/substituted/')).toContain('domain: app.${SECRET_DOMAIN}');
  });

  it('writes no file outside its output folder, and changes none', () => {
    expect(snapshot(work, outsideDist)).toEqual(before.files);
    expect(gitStatus()).toBe(before.git);
  });

  it('gives no page to what Kubernetes would refuse, and keeps every page address plain', () => {
    const files = listFiles(dist);
    expect(files.filter((f) => /(^|\/)\.\.?(\/|$)|[<>\\%\t]/.test(f))).toEqual([]);
    expect(existsSync(join(dist, 'infra/names/default/configmap/ok-name/index.html'))).toBe(false);
    expect(files.some((f) => f.startsWith('infra/markup/markup/deployment/web/'))).toBe(true);
    // The longest names Kubernetes accepts still get their page and their standalone diagram.
    expect(files.filter((f) => f.startsWith(`infra/markup/${'n'.repeat(63)}/deployment/longest-name-`))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith('schemas/') && f.length > 200).length).toBeGreaterThan(0);
  });

  it('emits only its own scripts, and the policy hashes only those', () => {
    const known = readKnownScriptHashes(dist)!;
    const hashes = collectInlineScriptHashes(dist);
    expect(hashes.length).toBeGreaterThan(0);
    expect(hashes.filter((hash) => !known.has(hash))).toEqual([]);
  });

  it('opens every page and every standalone diagram in Chromium without a dialog', { timeout: 180_000 }, async () => {
    const targets = listFiles(dist).filter((f) => f.endsWith('.html') || f.endsWith('.svg'));
    expect(targets.some((f) => f.startsWith('schemas/'))).toBe(true);
    const browser = await launchChromium();
    try {
      const dialogs: string[] = [];
      const pages = await Promise.all([0, 1].map(() => browser.newPage()));
      for (const page of pages) page.on('dialog', (dialog) => void dialog.dismiss().finally(() => dialogs.push(`${page.url()} : ${dialog.message()}`)));
      // The watch itself: a script that does run is seen.
      await pages[0].goto('data:text/html,<script>alert("sentinelle")</script>');
      await expect.poll(() => dialogs.length).toBe(1);
      dialogs.length = 0;
      let next = 0;
      await Promise.all(
        pages.map(async (page) => {
          while (next < targets.length) await page.goto(pathToFileURL(join(dist, targets[next++])).href, { waitUntil: 'load' });
        }),
      );
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
