// The options of ffe.config.ts: validated with Astro's zod, French messages naming the option, overrides for a one-off
// build (which variables set them is tests/fork/settings.test.ts's business).
import { describe, expect, it } from 'vitest';
import ffeConfig from '../../ffe.config.ts';
import { resolveFfeOptions } from '../../src/site/options.ts';

const resolveOptions = (input: unknown) => resolveFfeOptions(input, '/project');

function failure(input: unknown): { name: string; message: string; hint?: string; stack?: string } {
  try {
    resolveOptions(input);
  } catch (error) {
    return error as { name: string; message: string; hint?: string; stack?: string };
  }
  throw new Error('expected the options to be refused');
}

describe('the options of the site', () => {
  it('accept FFE’s own ffe.config.ts', () => {
    const options = resolveOptions(ffeConfig);
    expect(options.environments).toEqual({ default: 'production', compare: ['staging', 'production'] });
    expect(options.repository).toEqual({ url: 'https://github.com/ffe-infra/ffe', branch: 'main', forge: 'github' });
    expect(options.manifests).toMatchObject({ root: '/project/manifests', overridden: false });
  });

  it('have defaults for a fork that sets nothing: no pages of its own, its title and repository taken from the manifests’', () => {
    expect(resolveOptions({})).toMatchObject({ title: undefined, description: undefined, site: undefined, repository: undefined, pages: undefined, rules: {}, annotationPrefix: 'policy.docs.internal' });
  });

  it('keep FFE’s own pages and their sidebar where its ffe.config.ts says', () => {
    const { pages } = resolveOptions(ffeConfig);
    expect(pages?.folder).toBe('/project/content/docs');
    expect(pages?.sidebar?.map((item) => (typeof item === 'object' && 'label' in item ? item.label : item))).toEqual(['Manifeste', 'Architecture', 'Glossaire', 'Contribuer']);
    expect(resolveOptions({ pages: './docs' }).pages).toEqual({ folder: '/project/docs', sidebar: undefined });
  });

  it('take a finding code as the site shows it, without the checker’s prefix', () => {
    expect(resolveOptions({ rules: { 'W-PROBES-MISSING': 'off', 'FFE-E-SECRET-MISSING': 'notice' } }).rules).toEqual({ 'FFE-W-PROBES-MISSING': 'off', 'FFE-E-SECRET-MISSING': 'notice' });
  });

  it('refuse wrong values in French, naming each option, with a hint and no stack trace', () => {
    const error = failure({ site: 'docs', environments: { compare: ['staging'] }, rules: { probes: 'fatal' }, colour: 'blue' });
    expect(error.message).toContain('option « site » : URL invalide');
    expect(error.message).toContain('option « environments.compare » : Trop petit');
    expect(error.message).toContain('option « rules.probes » : Option invalide');
    expect(error.message).toContain('Clé non reconnue : "colour"');
    expect(error.hint).toContain('ffe.config.ts');
    expect(error.stack).toBe('');
  });

  it('refuse a rule that is neither a rule id nor a finding code, listing the rules', () => {
    const error = failure({ rules: { 'no-plaintext-secrets': 'off' } });
    expect(error.message).toContain('« no-plaintext-secrets » n’est ni une règle ni un code de constat');
    expect(error.hint).toContain('no-plaintext-secret');
    expect(() => resolveOptions({ rules: { 'no-plaintext-secret': 'warning', 'FFE-E-SECRET-MISSING': 'notice' } })).not.toThrow();
  });

  it('apply the overrides of one build over the file, and say the manifests are elsewhere', () => {
    const options = resolveFfeOptions(ffeConfig, '/project', {
      manifests: '/srv/my-infra',
      site: 'https://infra.example.org',
      repositoryUrl: 'git@gitlab.com:me/site.git',
      repositoryBranch: 'trunk',
    });
    expect(options.manifests).toMatchObject({ root: '/srv/my-infra', overridden: true });
    expect(options.site).toBe('https://infra.example.org');
    // Another repository: what the file says of FFE's own site does not apply.
    const other = resolveFfeOptions(ffeConfig, '/project', { manifests: '/srv/my-infra' });
    expect(other).toMatchObject({ title: undefined, description: undefined, site: undefined, repository: undefined, pages: undefined, annotationPrefix: 'policy.docs.internal' });
    expect(resolveFfeOptions(ffeConfig, '/project', { manifests: '/srv/my-infra', pages: '/srv/my-pages' }).pages).toEqual({ folder: '/srv/my-pages', sidebar: undefined });
    expect(options.repository).toEqual({ url: 'https://gitlab.com/me/site', branch: 'trunk', forge: 'gitlab' });
    expect(resolveFfeOptions(ffeConfig, '/project', { repositoryBranch: 'trunk' }).repository).toMatchObject({ url: 'https://github.com/ffe-infra/ffe', branch: 'trunk' });
    expect(resolveFfeOptions(ffeConfig, '/project', { manifests: '/project/manifests' }).manifests.overridden).toBe(false);
  });
});
