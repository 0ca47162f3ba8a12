// The settings of a build: ffe.config.ts and the environment, read once (src/site/settings.ts), with one precedence —
// a variable overrides the file for one build — and French messages on a wrong value.
import { describe, expect, it } from 'vitest';
import ffeConfig from '../../ffe.config.ts';
import { resolveSettings, toolSettings } from '../../src/site/settings.ts';

const settings = (env: Record<string, string>, options: unknown = ffeConfig) => resolveSettings(options, { projectRoot: '/project', cwd: '/work', env });

function failure(env: Record<string, string>): { name: string; message: string; hint?: string; stack?: string } {
  try {
    settings(env);
  } catch (error) {
    return error as { name: string; message: string; hint?: string; stack?: string };
  }
  throw new Error('expected the settings to be refused');
}

describe('the settings of a build', () => {
  it('are the file’s when no variable is set', () => {
    const plain = settings({});
    expect(plain.options.manifests).toMatchObject({ root: '/project/manifests', overridden: false });
    expect(plain.options.site).toBe('https://docs.ffe.fr');
    expect(plain).toMatchObject({ allowErrors: false, ci: false, snapshot: undefined, cacheDir: '/project/node_modules/.cache/ffe' });
    expect(plain.diagrams).toEqual({ mode: 'auto', chromium: undefined, cacheDir: '/project/node_modules/.cache/ffe/diagrams', statsFile: undefined });
  });

  it('let a variable win over the file, for the manifests (relative to the current directory), the address and the repository', () => {
    const relative = settings({ FFE_MANIFESTS: '../mon-infra', FFE_SITE_URL: 'https://infra.example.org', FFE_REPO_URL: 'git@gitlab.com:me/site.git' });
    expect(relative.options.manifests).toMatchObject({ root: '/mon-infra', overridden: true });
    expect(relative.options.site).toBe('https://infra.example.org');
    expect(relative.options.repository).toEqual({ url: 'https://gitlab.com/me/site', branch: 'main', forge: 'gitlab' });
    expect(settings({ FFE_MANIFESTS: '/srv/gitops' }).options.manifests.root).toBe('/srv/gitops');
    // Whatever the file says.
    expect(settings({ FFE_MANIFESTS: '/srv/gitops' }, { manifests: { path: './infra' } }).options.manifests).toMatchObject({ root: '/srv/gitops', overridden: true });
    // Set to what the file says: not another repository.
    expect(settings({ FFE_MANIFESTS: '/project/manifests' }).options.manifests.overridden).toBe(false);
    // No history for one build, whatever window the file gives.
    expect(settings({}).options.history).toEqual({ maxCommits: 50 });
    expect(settings({ FFE_HISTORY: 'off' }).options.history).toBe(false);
  });

  it('read the switches as written in the README, and nothing looser', () => {
    expect(settings({ FFE_ALLOW_ERRORS: '1', CI: 'true' })).toMatchObject({ allowErrors: true, ci: true });
    expect(settings({ FFE_ALLOW_ERRORS: 'yes', CI: '1' })).toMatchObject({ allowErrors: false, ci: false });
  });

  it('place the caches, the exports and the diagrams where the variables say', () => {
    const given = settings({ FFE_CACHE_DIR: 'cache', FFE_SNAPSHOT: 'exports/', FFE_DIAGRAMS: 'SSR', FFE_CHROMIUM: '/opt/chrome', FFE_DIAGRAM_STATS: '/tmp/stats.json' });
    expect(given.cacheDir).toBe('/work/cache');
    expect(given.snapshot).toBe('exports/');
    expect(given.cwd).toBe('/work');
    expect(given.historyCacheDir).toBe('/work/cache/history');
    expect(given.diagrams).toEqual({ mode: 'ssr', chromium: '/opt/chrome', cacheDir: '/work/cache/diagrams', statsFile: '/tmp/stats.json' });
    // Blank is unset.
    expect(settings({ FFE_SNAPSHOT: ' ', FFE_CHROMIUM: '' })).toMatchObject({ snapshot: undefined, diagrams: { chromium: undefined } });
  });

  it('refuse a wrong variable in French, naming it, with what to do and no stack trace', () => {
    const address = failure({ FFE_SITE_URL: 'infra.example.org' });
    expect(address).toMatchObject({ message: expect.stringContaining('FFE_SITE_URL'), hint: expect.stringContaining('https://'), stack: '' });
    const mode = failure({ FFE_DIAGRAMS: 'peut-être' });
    expect(mode).toMatchObject({ message: expect.stringContaining('« peut-être »'), hint: expect.stringContaining('Corrigez la valeur de FFE_DIAGRAMS'), stack: '' });
    expect(failure({ FFE_HISTORY: 'on' })).toMatchObject({ message: expect.stringContaining('FFE_HISTORY'), hint: expect.stringContaining('FFE_HISTORY=off'), stack: '' });
  });

  it('give the tests and the bench their own variables', () => {
    expect(toolSettings({})).toEqual({ nginx: '/usr/sbin/nginx', chromium: { mode: 'auto', chromium: undefined }, testDist: undefined, benchDist: undefined, debug: false });
    expect(toolSettings({ FFE_NGINX: '/opt/nginx', FFE_TEST_DIST: 'dist', FFE_DEBUG: '1', FFE_DIAGRAMS: 'client' })).toMatchObject({
      nginx: '/opt/nginx',
      testDist: 'dist',
      debug: true,
      chromium: { mode: 'client' },
    });
  });
});
