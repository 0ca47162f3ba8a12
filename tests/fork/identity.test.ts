// Who a site built for another repository is (src/site/identity.ts) and which pages it has (src/site/own-pages.ts):
// its name, description and header link from the options or from the repository documented, never FFE's; its own
// pages, and generated ones where it has none.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ffeConfig from '../../ffe.config.ts';
import { siteIdentity } from '../../src/site/identity.ts';
import { resolveFfeOptions } from '../../src/site/options.ts';
import { OVERVIEW_SIDEBAR, sitePages } from '../../src/site/own-pages.ts';

const work = mkdtempSync(join(tmpdir(), 'ffe-identity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A repository of manifests, with an origin remote when given. */
function repository(name: string, remote?: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'kubernetes'), { recursive: true });
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  if (remote) execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', remote]);
  return dir;
}

describe('the identity of a site built for another repository', () => {
  it('takes its title and header link from the origin remote, and says what the site is without naming FFE', async () => {
    const repo = repository('bob-infra', 'git@codeberg.org:bob/home-ops.git');
    const options = resolveFfeOptions(ffeConfig, work, { manifests: join(repo, 'kubernetes') });
    const identity = await siteIdentity(options, work);
    expect(identity).toMatchObject({ title: 'home-ops', name: 'home-ops', site: undefined, editBaseUrl: undefined });
    expect(identity.repository?.url).toBe('https://codeberg.org/bob/home-ops');
    expect(identity.description).toContain('L’infrastructure home-ops');
    expect(JSON.stringify(identity)).not.toMatch(/\bFFE\b|ffe\.fr|ffe-infra/);
  });

  it('takes the folder’s name when the repository has no remote, and what a fork’s options say first', async () => {
    const repo = repository('lab-cluster');
    expect((await siteIdentity(resolveFfeOptions({ manifests: 'kubernetes' }, repo), repo)).title).toBe('lab-cluster');
    const fork = resolveFfeOptions({ manifests: 'kubernetes', title: 'Mon infra', repository: 'https://gitlab.com/me/infra', pages: 'kubernetes' }, repo);
    const identity = await siteIdentity(fork, repo);
    expect(identity).toMatchObject({ title: 'Mon infra', editBaseUrl: 'https://gitlab.com/me/infra/-/edit/main/' });
  });
});

describe('the pages of a site', () => {
  it('are FFE’s own with its sidebar on FFE’s site, with nothing generated', () => {
    const pages = sitePages(resolveFfeOptions(ffeConfig, process.cwd()), process.cwd());
    expect(pages).toMatchObject({ home: false, overview: false });
    expect(pages.sidebar[0]).toEqual({ label: 'Manifeste', link: '/manifeste/' });
  });

  it('are generated — a home page and the overview pages — for a site without pages of its own', () => {
    const pages = sitePages(resolveFfeOptions({}, work), work);
    expect(pages).toEqual({ folder: undefined, home: true, overview: true, sidebar: [OVERVIEW_SIDEBAR] });
  });

  it('are a fork’s own pages, listed one entry per page or folder, with generated ones where they have none', () => {
    const folder = join(work, 'pages');
    mkdirSync(join(folder, 'guides'), { recursive: true });
    writeFileSync(join(folder, 'index.mdx'), '---\ntitle: Accueil\n---\n');
    writeFileSync(join(folder, 'runbook.md'), '---\ntitle: Astreinte\n---\n');
    writeFileSync(join(folder, '_brouillon.md'), '---\ntitle: Brouillon\n---\n');
    const pages = sitePages(resolveFfeOptions({ pages: 'pages' }, work), work);
    expect(pages).toMatchObject({ home: false, overview: true });
    expect(pages.sidebar).toEqual([OVERVIEW_SIDEBAR, { label: 'Guides', items: [{ autogenerate: { directory: 'guides' } }] }, { slug: 'runbook' }]);
  });

  it('stop the build with a French message when the pages option names a missing folder', () => {
    expect(() => sitePages(resolveFfeOptions({ pages: 'absent' }, work), work)).toThrow(/L’option pages nomme le dossier « absent », qui n’existe pas/);
  });
});
