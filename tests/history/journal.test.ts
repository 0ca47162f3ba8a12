// The history engine on a repository with a scripted history (fixture-repo.ts): the journal names each change of
// what an environment deploys — the image bump, the replica change, the new application, the removed one, the host
// change — and only those: the prose-only commit and the reformatted YAML are not listed. A resource's history and
// the journal's view and feed come from the same entries; a second read computes nothing; the window bounds the
// first; a shallow clone, a folder outside Git and a repository without commits get a reason, not an error.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHistory, type History, type JournalEntry, type ObjectChange } from '../../src/infra/index.ts';
import { journalFeed } from '../../src/views/feed.ts';
import { journalView, resourceHistoryView } from '../../src/views/history.ts';
import { createFixtureRepository, git, STEPS, type FixtureRepository } from './fixture-repo.ts';

const work = mkdtempSync(join(tmpdir(), 'ffe-history-'));
let repo: FixtureRepository;
let history: Extract<History, { available: true }>;

function read(root: string, cache: string, maxCommits = 50): Promise<History> {
  return readHistory({ root, cacheDir: join(work, cache), window: { maxCommits }, load: {} });
}

function available(h: History): Extract<History, { available: true }> {
  if (!h.available) throw new Error(`historique indisponible : ${h.reason}`);
  return h;
}

beforeAll(async () => {
  repo = createFixtureRepository();
  history = available(await read(repo.manifests, 'cache'));
}, 120_000);

afterAll(() => {
  repo?.remove();
  rmSync(work, { recursive: true, force: true });
});

const entry = (name: keyof FixtureRepository['sha']): JournalEntry | undefined => history.entries.find((e) => e.sha === repo.sha[name]);

/** Each environment's changes as « type label : details », the way a reader scans them. */
function changes(e: JournalEntry | undefined): Record<string, string[]> {
  const show = (o: ObjectChange): string => `${o.type} ${o.label}${o.type === 'changed' ? ` : ${o.details.join(' ; ')}` : ''}`;
  return Object.fromEntries((e?.comparison.environments ?? []).map((env) => [env.env, env.objects.map(show)]));
}

describe('the journal of a scripted repository', () => {
  it('lists, newest first, the commits that changed what an environment deploys — not prose, not formatting', () => {
    expect(history.entries.map((e) => e.subject)).toEqual(['host', 'worker', 'blog', 'replicas', 'image', 'initial'].map((name) => STEPS.find((s) => s.name === name)!.subject));
    expect(history.read).toBe(STEPS.length);
    expect(history.truncated).toBe(false);
    const [latest] = history.entries;
    expect(latest.author).toBe('Alice Martin');
    expect(latest.date).toBe('2025-03-06T09:30:00+01:00');
    expect(entry('prose')).toBeUndefined();
    expect(entry('format')).toBeUndefined();
  });

  it('names each change, in the environment it happened in, and nothing else', () => {
    expect(changes(entry('image'))).toEqual({ production: ['changed Deployment shop/web : image du conteneur web : nginx 1.27.0 → 1.27.3'] });
    expect(changes(entry('replicas'))).toEqual({ production: ['changed Deployment shop/web : répliques : 2 → 3'] });
    expect(changes(entry('blog'))).toEqual({ production: ['added Deployment blog/ghost', 'added Namespace blog', 'added Service blog/ghost'] });
    expect(changes(entry('worker'))).toEqual({ production: ['removed Deployment shop/worker'], staging: ['removed Deployment shop/worker'] });
    expect(changes(entry('host'))).toEqual({ production: ['changed Ingress shop/web : nouvel hôte : boutique.example.org ; hôte retiré : shop.example.org'] });
    const initial = entry('initial')!.comparison.environments;
    expect(initial.map((e) => [e.env, e.status, e.after])).toEqual([
      ['production', 'created', 5],
      ['staging', 'created', 5],
    ]);
  });

  it('says what an added object runs, and which findings a change introduces and which it fixes', () => {
    const blog = entry('blog')!.comparison.environments[0];
    expect(blog.objects.find((o) => o.label === 'Deployment blog/ghost')?.details).toEqual(['image du conteneur ghost : ghost:latest', 'répliques : 1']);
    expect(blog.introduced.map((f) => f.code)).toContain('FFE-W-IMAGE-UNPINNED');
    expect(blog.fixed).toEqual([]);
    // The worker's findings went with it: removing an object does not « fix » them.
    expect(entry('worker')!.comparison.environments.every((e) => e.fixed.length === 0 && e.introduced.length === 0)).toBe(true);
  });

  it('gives each resource its own history, with the command that undoes each change and the value it replaced', () => {
    const view = resourceHistoryView(history, 'production/apps/Deployment/shop/web', {});
    if (!view.available) throw new Error(view.note);
    expect(view.changes.map((c) => [c.typeText, c.commit.subject])).toEqual([
      ['Modification', 'Scale the shop to 3 replicas'],
      ['Modification', 'Bump nginx to 1.27.3 in production'],
      ['Ajout', 'Initial infrastructure: the shop in production and staging'],
    ]);
    expect(view.changes[0].commit.revert).toBe(`git revert ${repo.sha.replicas}`);
    expect(view.changes[0].previous).toEqual([{ label: 'répliques', value: '2' }]);
    expect(view.changes[1].previous).toEqual([{ label: 'image du conteneur web', value: 'nginx:1.27.0' }]);
    expect(view.changes[0].journalHref).toBe(`/infra/journal/#commit-${repo.sha.replicas.slice(0, 12)}`);
    const staging = resourceHistoryView(history, 'staging/apps/Deployment/shop/web', {});
    expect(staging.available && staging.changes.map((c) => c.typeText)).toEqual(['Ajout']);
  });

  it('shows the same entries on the journal page and in its Atom feed, commit links going to the forge', () => {
    const links = { commitUrl: (sha: string) => `https://github.com/alice/infra/commit/${sha}`, hasPage: (key: string) => key.startsWith('production/') };
    const view = journalView(history, links);
    if (!view.available) throw new Error(view.note);
    expect(view.months.map((m) => m.title)).toEqual(['mars 2025']);
    const entries = view.months[0].entries;
    expect(entries.map((e) => e.commit.date)).toEqual(['6 mars 2025 à 08:30 UTC', '5 mars 2025 à 08:30 UTC', '4 mars 2025 à 08:30 UTC', '3 mars 2025 à 08:30 UTC', '2 mars 2025 à 08:30 UTC', '1 mars 2025 à 08:30 UTC']);
    expect(entries[0].commit.url).toBe(`https://github.com/alice/infra/commit/${repo.sha.host}`);
    expect(entries[0].environments[0].groups[0].items[0]).toMatchObject({ label: 'Ingress shop/web', href: '/infra/production/shop/ingress/web/' });
    // A removed object has no page to link to.
    expect(entries[1].environments[0].groups[0].items[0]).toMatchObject({ type: 'removed', label: 'Deployment shop/worker' });
    expect(entries[1].environments[0].groups[0].items[0].href).toBeUndefined();

    const feed = journalFeed(view, { siteTitle: 'Infra d’Alice', site: 'https://infra.example.org' });
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    expect([...feed.matchAll(/<entry>/g)]).toHaveLength(6);
    expect([...feed.matchAll(/<entry><title>([^<]*)<\/title>/g)].map((m) => m[1])).toEqual(history.entries.map((e) => e.subject));
    expect(feed).toContain('<updated>2025-03-06T08:30:00.000Z</updated>');
    expect(feed).toContain(`<id>https://infra.example.org/infra/journal/#commit-${repo.sha.host.slice(0, 12)}</id>`);
    expect(feed).toContain('répliques : 2 → 3');
    // Built from Git's dates only: the same history gives the same bytes.
    expect(journalFeed(journalView(history, links), { siteTitle: 'Infra d’Alice', site: 'https://infra.example.org' })).toBe(feed);
  });

  it('reads a commit once: a second build computes nothing and gives the same journal', async () => {
    const again = available(await read(repo.manifests, 'cache'));
    expect(again.computed).toBe(0);
    expect(again.entries).toEqual(history.entries);
  });

  it('reads only the new commit after a commit lands', async () => {
    const clone = join(work, 'clone');
    git(work, ['clone', '--quiet', repo.dir, clone]);
    const before = available(await read(join(clone, 'manifests'), 'cache'));
    expect(before.computed).toBe(0);
    const file = join(clone, 'manifests/clusters/staging/shop.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 1', 'replicas: 2'));
    git(clone, ['commit', '--quiet', '-am', 'Staging gets a second replica'], { GIT_AUTHOR_DATE: '2025-04-01T10:00:00Z', GIT_COMMITTER_DATE: '2025-04-01T10:00:00Z' });
    const after = available(await read(join(clone, 'manifests'), 'cache'));
    expect(after.computed).toBe(1);
    expect(changes(after.entries[0])).toEqual({ staging: ['changed Deployment shop/web : répliques : 1 → 2'] });
    expect(after.entries.slice(1)).toEqual(history.entries);
  });

  it('lists a merged branch once, as the merge brought it, with the revert of a merge', async () => {
    const clone = join(work, 'merge');
    git(work, ['clone', '--quiet', repo.dir, clone]);
    git(clone, ['checkout', '--quiet', '-b', 'feature']);
    const file = join(clone, 'manifests/clusters/staging/worker.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: flags, namespace: shop }\ndata: { BETA: "true" }\n');
    git(clone, ['add', '-A']);
    const dated = { GIT_AUTHOR_DATE: '2025-04-02T10:00:00Z', GIT_COMMITTER_DATE: '2025-04-02T10:00:00Z' };
    git(clone, ['commit', '--quiet', '-m', 'Feature flags in staging'], dated);
    git(clone, ['checkout', '--quiet', 'main']);
    git(clone, ['merge', '--quiet', '--no-ff', '-m', 'Merge the feature flags', 'feature'], dated);
    const merged = available(await read(join(clone, 'manifests'), 'cache'));
    const [latest] = merged.entries;
    expect(latest.subject).toBe('Merge the feature flags');
    expect(changes(latest)).toEqual({ staging: ['added ConfigMap shop/flags'] });
    expect(merged.entries.some((e) => e.subject === 'Feature flags in staging')).toBe(false);
    const view = resourceHistoryView(merged, 'staging/core/ConfigMap/shop/flags', {});
    expect(view.available && view.changes[0].commit.revert).toBe(`git revert -m 1 ${latest.sha}`);
  });

  it('bounds the first build by the window, and says the history goes further back', async () => {
    const windowed = available(await read(repo.manifests, 'small-window', 3));
    expect(windowed.read).toBe(3);
    expect(windowed.truncated).toBe(true);
    // The three newest commits touching the manifests (format, prose, host), and the state just before them.
    expect(windowed.computed).toBeLessThanOrEqual(3);
    expect(windowed.entries.map((e) => e.sha)).toEqual([repo.sha.host]);
    expect(windowed.entries[0].comparison).toEqual(entry('host')!.comparison);
    const view = resourceHistoryView(windowed, 'production/apps/Deployment/shop/web', {});
    expect(view.available && view.empty.replace(/\u00a0/g, ' ')).toMatch(/^Aucun changement dans les 3 derniers commits lus/);
  });

  it('starts the window on the day `since` names, the change before it compared with its parent', async () => {
    const since = available(await readHistory({ root: repo.manifests, cacheDir: join(work, 'since'), window: { since: '2025-03-04', maxCommits: 50 }, load: {} }));
    expect(since.read).toBe(5);
    expect(since.truncated).toBe(true);
    expect(since.entries.map((e) => e.sha)).toEqual([repo.sha.host, repo.sha.worker, repo.sha.blog]);
    expect(since.entries.map((e) => e.comparison)).toEqual([entry('host'), entry('worker'), entry('blog')].map((e) => e!.comparison));
  });

  it('gives a reason instead of a history for a shallow clone, a folder outside Git, a repository without commits', async () => {
    const shallow = join(work, 'shallow');
    git(work, ['clone', '--quiet', '--depth=2', `file://${repo.dir}`, shallow]);
    expect(await read(join(shallow, 'manifests'), 'other')).toEqual({ available: false, reason: 'shallow' });
    const plain = join(work, 'plain');
    mkdirSync(join(plain, 'clusters/production'), { recursive: true });
    expect(await read(plain, 'other')).toEqual({ available: false, reason: 'not-git' });
    const empty = join(work, 'empty');
    mkdirSync(empty);
    git(empty, ['init', '--quiet']);
    expect(await read(empty, 'other')).toEqual({ available: false, reason: 'no-commits' });
    const note = journalView({ available: false, reason: 'shallow' }, { hasPage: () => false });
    expect(note.available ? '' : note.note).toMatch(/clone superficiel.*git fetch --unshallow/);
  });
});
