// The promise of FFE_MANIFESTS: the whole site — FFE's own architecture pages included — builds on a GitOps
// repository that nobody here wrote, in one command, and documents every one of its environments. Each layout of
// tests/fixtures/infra/layouts is copied into a Git repository of its own and built as a user would try it
// (`FFE_MANIFESTS=../my-infra FFE_ALLOW_ERRORS=1 npm run build`). Builds run one after the other; diagrams are left to
// the browser (FFE_DIAGRAMS=client) since what is checked here is what gets documented, not how it is drawn.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT_ROOT, type BuildResult } from '../../scripts/lib/site-build.ts';
import { findAll, main, readPage, visibleText } from './lib/html.ts';

const work = mkdtempSync(join(tmpdir(), 'ffe-other-repos-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The fixture as a repository of its own (Flux paths are relative to a repository root), with an origin remote. */
function repositoryOf(layout: string, remote?: string): string {
  const repo = join(work, layout);
  cpSync(join(PROJECT_ROOT, 'tests/fixtures/infra/layouts', layout), repo, { recursive: true });
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', repo]);
  if (remote) execFileSync('git', ['-C', repo, 'remote', 'add', 'origin', remote]);
  return repo;
}

async function tryOn(repo: string, allowErrors = true): Promise<BuildResult & { dist: string }> {
  const dist = join(work, `${repo.split('/').pop()}-dist${allowErrors ? '' : '-strict'}`);
  const result = await buildSite(dist, {
    FFE_MANIFESTS: repo,
    FFE_DIAGRAMS: 'client',
    ...(allowErrors ? { FFE_ALLOW_ERRORS: '1' } : {}),
  });
  return { ...result, dist };
}

function environmentPages(dist: string): string[] {
  return readdirSync(join(dist, 'infra'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !['constats', 'comparaison', 'journal'].includes(e.name))
    .map((e) => e.name)
    .sort();
}

function sidebarLabels(dist: string): string[] {
  return findAll(readPage(dist, '/infra/'), (e) => e.tagName === 'a' && String(e.properties.href ?? '').startsWith('/infra/')).map((a) => visibleText(a));
}

const LAYOUTS = [
  { layout: 'flux-home-ops', environments: ['cluster'], remote: 'git@github.com:alice/home-ops.git' },
  { layout: 'flux-dev-prod', environments: ['dev', 'prod'], remote: 'https://gitlab.com/shop/fleet.git' },
  { layout: 'single', environments: ['default'] },
  { layout: 'argo-app-of-apps', environments: ['homelab'], remote: 'git@codeberg.org:bob/homelab.git' },
];

describe.each(LAYOUTS)('the site built on $layout', ({ layout, environments, remote }) => {
  let build: Awaited<ReturnType<typeof tryOn>>;

  it('builds in one command, without a stack trace', async () => {
    build = await tryOn(repositoryOf(layout, remote));
    expect(build.code, build.output).toBe(0);
    expect(build.output).not.toMatch(/Stack trace|\n\s+at /);
  }, 240_000);

  it('documents every environment, and compares them only when there are two', () => {
    expect(environmentPages(build.dist)).toEqual(environments);
    const labels = sidebarLabels(build.dist);
    for (const env of environments) expect(labels).toContain(`Tout ${env}`);
    expect(existsSync(join(build.dist, 'infra/comparaison/index.html'))).toBe(environments.length === 2);
    if (environments.length === 2) expect(visibleText(main(readPage(build.dist, '/infra/comparaison/')))).toContain(`en ${environments[0]} et en ${environments[1]}`);
    // FFE's pages link to the comparison page: with one environment the build says which links lead nowhere.
    if (environments.length !== 2) expect(build.output).toMatch(/content\/docs\/architecture\/environnements\.mdx:\d+:\d+ — « \/infra\/comparaison\/ »/);
    else expect(build.output).not.toContain('« /infra/comparaison/ »');
  });

  it('keeps FFE’s architecture pages, marking what these manifests do not have, listed with file and line', () => {
    const reseau = readPage(build.dist, '/architecture/reseau/');
    const markers = findAll(main(reseau), (e) => (e.properties.className as string[] | undefined)?.includes('ffe-unresolved') ?? false);
    expect(markers.length).toBeGreaterThan(0);
    expect(visibleText(markers[0])).toMatch(/référence introuvable/i);
    const findings = visibleText(main(readPage(build.dist, '/infra/constats/')));
    expect(findings).toContain('Références introuvables dans les pages');
    expect(findings).toMatch(/content\/docs\/architecture\/reseau\.mdx:\d+/);
    expect(build.output).toMatch(/référence\(s\) introuvable\(s\) dans les pages/);
  });

  it('links sources to the repository holding the manifests, or to nothing when it has no remote', () => {
    const envDir = join(build.dist, 'infra', environments[0]!);
    const resourcePage = readdirSync(envDir, { recursive: true })
      .map(String)
      .find((path) => path.split('/').length === 4 && path.endsWith('/index.html'))!;
    const html = readFileSync(join(envDir, resourcePage), 'utf8');
    const sources = [...html.matchAll(/<a class="ffe-source" href="([^"]+)"/g)].map((m) => m[1]);
    if (remote) {
      const home = remote.replace(/^git@([^:]+):/, 'https://$1/').replace(/\.git$/, '');
      expect(sources.length).toBeGreaterThan(0);
      for (const url of sources) expect(url.startsWith(`${home}/`)).toBe(true);
    } else {
      expect(sources).toEqual([]);
      expect(html).toMatch(/<code class="ffe-source"/);
    }
  });
});

describe('the site built on a repository without FFE_ALLOW_ERRORS', () => {
  it('stops on the pages’ unresolved references, all at once, with file and line, as an error without stack trace', async () => {
    const build = await tryOn(repositoryOf('single'), false);
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/\[Références introuvables\] \d+ noms qui n’existent pas dans \d+ pages/);
    expect(build.output).toMatch(/content\/docs\/architecture\/reseau\.mdx:\d+:\d+ — <[A-Z]\w+ /);
    expect(build.output).toContain('FFE_ALLOW_ERRORS=1 npm run build');
    expect(build.output).not.toMatch(/Stack trace|\n\s+at /);
  }, 240_000);
});
