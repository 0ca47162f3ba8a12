// The options of ffe.config.ts: validated with Astro's zod, French messages naming the option, environment variables
// for a one-off build.
import { describe, expect, it } from 'vitest';
import ffeConfig from '../../ffe.config.ts';
import { resolveFfeOptions } from '../../src/site/options.ts';

const resolveOptions = (input: unknown, env: NodeJS.ProcessEnv = {}) => resolveFfeOptions(input, '/project', env);

function failure(input: unknown, env: NodeJS.ProcessEnv = {}): { name: string; message: string; hint?: string; stack?: string } {
  try {
    resolveOptions(input, env);
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

  it('have defaults for a fork that sets nothing', () => {
    expect(resolveOptions({})).toMatchObject({ title: 'Infrastructure', site: undefined, repository: undefined, rules: {}, annotationPrefix: 'policy.ffe.fr' });
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

  it('let environment variables override the manifests, the site address and the repository for one build', () => {
    const options = resolveOptions(ffeConfig, {
      FFE_MANIFESTS: '/srv/my-infra',
      FFE_SITE_URL: 'https://infra.example.org',
      FFE_REPO_URL: 'git@gitlab.com:me/site.git',
      FFE_REPO_BRANCH: 'trunk',
    });
    expect(options.manifests).toMatchObject({ root: '/srv/my-infra', overridden: true });
    expect(options.site).toBe('https://infra.example.org');
    expect(options.repository).toEqual({ url: 'https://gitlab.com/me/site', branch: 'trunk', forge: 'gitlab' });
    expect(failure(ffeConfig, { FFE_SITE_URL: 'infra.example.org' }).message).toContain('FFE_SITE_URL');
  });
});
