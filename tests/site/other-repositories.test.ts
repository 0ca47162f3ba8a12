// The promise of FFE_MANIFESTS: a site of its own for a GitOps repository that nobody here wrote, in one command,
// documenting every one of its environments — neutral (its own name and repository, no FFE prose nor branding), with
// overview pages written from its manifests. Each layout of tests/fixtures/infra/layouts is copied into a Git
// repository of its own and built as a user would try it (`FFE_MANIFESTS=../my-infra FFE_ALLOW_ERRORS=1 npm run
// build`); a fork's own MDX pages (FFE_PAGES) are checked like FFE's. Builds run one after the other; diagrams are
// left to the browser (FFE_DIAGRAMS=client) since what is checked here is what gets documented, not how it is drawn.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { listFiles } from '../../scripts/lib/site-dist.ts';
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

async function tryOn(repo: string, allowErrors = true, pages?: string): Promise<BuildResult & { dist: string }> {
  const dist = join(work, `${repo.split('/').pop()}-dist${allowErrors ? '' : '-strict'}`);
  const result = await buildSite(dist, {
    FFE_MANIFESTS: repo,
    FFE_DIAGRAMS: 'client',
    ...(allowErrors ? { FFE_ALLOW_ERRORS: '1' } : {}),
    ...(pages ? { FFE_PAGES: pages } : {}),
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

  it('documents every environment, and compares them only when there are two, linking to the comparison nowhere else', () => {
    expect(environmentPages(build.dist)).toEqual(environments);
    const labels = sidebarLabels(build.dist);
    for (const env of environments) expect(labels).toContain(`Tout ${env}`);
    expect(existsSync(join(build.dist, 'infra/comparaison/index.html'))).toBe(environments.length === 2);
    if (environments.length === 2) expect(visibleText(main(readPage(build.dist, '/infra/comparaison/')))).toContain(`en ${environments[0]} et en ${environments[1]}`);
    else expect(textFiles(build.dist).filter((f) => f.text.includes('/infra/comparaison/')).map((f) => f.path)).toEqual([]);
    expect(build.output).not.toMatch(/liens internes cassés|référence\(s\) introuvable/);
  });

  it('is the repository’s own site: its name and repository, generated overview pages, nothing of FFE’s', () => {
    const name = remote ? remote.replace(/\.git$/, '').split('/').pop()! : layout;
    const home = readPage(build.dist, '/');
    expect(visibleText(findAll(home, (e) => e.tagName === 'title')[0]!)).toBe(`${name} | ${name}`);
    const header = findAll(home, (e) => e.tagName === 'a' && String(e.properties.rel ?? '').includes('me')).map((a) => a.properties.href);
    expect(header).toEqual(remote ? [remote.replace(/^git@([^:]+):/, 'https://$1/').replace(/\.git$/, '')] : []);
    for (const page of ['/architecture/', '/architecture/applications/', '/architecture/donnees/', '/architecture/deploiement/', '/architecture/versions/']) {
      expect(visibleText(main(readPage(build.dist, page))).length, page).toBeGreaterThan(100);
    }
    expect(visibleText(main(home))).toMatch(new RegExp(`Les manifestes de ${name} décrivent \\d+\\s+ressources Kubernetes`));
    expect(existsSync(join(build.dist, 'manifeste/index.html'))).toBe(false);
    // FFE's name, domain or repository in no file: pages, search index, scripts, styles, diagrams, favicon — but the
    // journal feed's <generator>, the one « propulsé par » credit the site gives, which no reader sees on a page.
    const branded = textFiles(build.dist).filter((f) => /\bFFE\b|ffe\.fr|ffe-infra/.test(f.text.replace('<generator>FFE</generator>', '')));
    expect(branded.map((f) => `${f.path}: ${/.{0,40}(\bFFE\b|ffe\.fr|ffe-infra).{0,40}/.exec(f.text)![0]}`)).toEqual([]);
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

describe('a fork’s own pages on a repository, without FFE_ALLOW_ERRORS', () => {
  it('are checked like FFE’s: a name that does not exist stops the build at its file and line, as an error without stack trace', async () => {
    const build = await tryOn(repositoryOf('single'), false, join(PROJECT_ROOT, 'tests/fixtures/site/pages'));
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/\[Références introuvables\] un nom qui n’existe pas dans tests\/fixtures\/site\/pages\/astreinte\.mdx/);
    expect(build.output).toMatch(/tests\/fixtures\/site\/pages\/astreinte\.mdx:8:\d+ — <Ref kind="Service" namespace="wiki" name="wikki" \/> : [^\n]*vouliez-vous dire « wiki »/);
    expect(build.output).toContain('FFE_ALLOW_ERRORS=1 npm run build');
    expect(build.output).not.toMatch(/Stack trace|\n\s+at /);
  }, 240_000);
});

/** Every text file of a built site (pages, search index, scripts, styles, diagrams), read once. */
function textFiles(dist: string): { path: string; text: string }[] {
  return listFiles(dist)
    .filter((path) => /\.(html|js|css|svg|json|xml|txt|webmanifest)$/.test(path))
    .map((path) => ({ path, text: readFileSync(join(dist, path)).toString('latin1') }));
}
