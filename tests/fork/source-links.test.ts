// « voir la source » links: remotes normalised to the forge's https page, credentials dropped, each forge's URL form.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blobUrl, editBaseUrl, normaliseRemote, originRepository, repository, treeUrl } from '../../src/site/repository.ts';

describe('a Git remote', () => {
  it.each([
    ['git@github.com:alice/home-ops.git', 'https://github.com/alice/home-ops'],
    ['https://github.com/alice/home-ops.git', 'https://github.com/alice/home-ops'],
    ['https://alice:ghp_secret@github.com/alice/home-ops', 'https://github.com/alice/home-ops'],
    ['ssh://git@github.com/alice/home-ops.git', 'https://github.com/alice/home-ops'],
    ['ssh://git@gitlab.example.org:2222/infra/platform/gitops.git', 'https://gitlab.example.org/infra/platform/gitops'],
    ['git@gitlab.com:group/sub/project.git', 'https://gitlab.com/group/sub/project'],
    ['https://codeberg.org/bob/cluster.git/', 'https://codeberg.org/bob/cluster'],
    ['https://git.example.org:3000/bob/cluster', 'https://git.example.org:3000/bob/cluster'],
  ])('%s → %s', (remote, url) => {
    expect(normaliseRemote(remote)).toBe(url);
  });

  it.each(['/srv/git/infra.git', 'file:///srv/git/infra.git', '../infra', 'C:\\repos\\infra'])('%s is not on a forge', (remote) => {
    expect(normaliseRemote(remote)).toBeUndefined();
  });
});

describe('links on each forge', () => {
  it.each([
    ['https://github.com/a/b', 'https://github.com/a/b/blob/main/apps/web.yaml#L12', 'https://github.com/a/b/tree/main/apps', 'https://github.com/a/b/edit/main/'],
    ['https://gitlab.com/a/b', 'https://gitlab.com/a/b/-/blob/main/apps/web.yaml#L12', 'https://gitlab.com/a/b/-/tree/main/apps', 'https://gitlab.com/a/b/-/edit/main/'],
    ['https://codeberg.org/a/b', 'https://codeberg.org/a/b/src/branch/main/apps/web.yaml#L12', 'https://codeberg.org/a/b/src/branch/main/apps', 'https://codeberg.org/a/b/_edit/main/'],
    ['https://bitbucket.org/a/b', 'https://bitbucket.org/a/b/src/main/apps/web.yaml#lines-12', 'https://bitbucket.org/a/b/src/main/apps', undefined],
  ])('%s', (url, blob, tree, edit) => {
    const repo = repository(url, 'main');
    expect(blobUrl(repo, 'apps/web.yaml', 12)).toBe(blob);
    expect(treeUrl(repo, './apps/')).toBe(tree);
    expect(editBaseUrl(repo)).toBe(edit);
  });

  it('gives no link on a host it does not know, unless the forge is named', () => {
    expect(blobUrl(repository('https://git.example.org/a/b'), 'x.yaml', 1)).toBeUndefined();
    expect(blobUrl(repository('https://git.example.org/a/b', 'main', 'gitea'), 'x.yaml', 1)).toBe('https://git.example.org/a/b/src/branch/main/x.yaml#L1');
  });
});

describe('the repository holding the manifests', () => {
  const work = mkdtempSync(join(tmpdir(), 'ffe-origin-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is found from its origin remote, on the branch checked out', async () => {
    execFileSync('git', ['init', '--quiet', '--initial-branch=trunk', work]);
    execFileSync('git', ['-C', work, 'remote', 'add', 'origin', 'git@codeberg.org:bob/cluster.git']);
    expect(await originRepository(work)).toEqual({ url: 'https://codeberg.org/bob/cluster', branch: 'trunk', forge: 'gitea' });
  });
});

describe('a repository whose sources get no links', () => {
  it('says why: a local-path origin is not a missing origin', async () => {
    const { unlinkedSourcesNote, originRemote } = await import('../../src/site/repository.ts');
    const work = mkdtempSync(join(tmpdir(), 'ffe-local-origin-'));
    try {
      execFileSync('git', ['init', '--quiet', work]);
      execFileSync('git', ['-C', work, 'remote', 'add', 'origin', '/srv/mirrors/home-ops']);
      expect(unlinkedSourcesNote(await originRemote(work))).toContain('son remote « origin » est un chemin local');
      expect(unlinkedSourcesNote(await originRemote(work))).not.toContain('pas de remote');
      expect(unlinkedSourcesNote(undefined)).toContain('pas de remote « origin »');
      expect(unlinkedSourcesNote('file:///srv/mirrors/home-ops')).toContain('chemin local');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
