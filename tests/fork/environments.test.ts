// Which environment the site shows by default and which two it compares: the options' ones, checked against the
// manifests; chosen by the site when FFE_MANIFESTS points at another repository.
import { describe, expect, it } from 'vitest';
import { modelFromYaml } from '../../src/infra/index.ts';
import { siteEnvironments } from '../../src/site/environments.ts';
import { resolveFfeOptions } from '../../src/site/options.ts';

const model = (...names: string[]) =>
  modelFromYaml(
    names.map((env) => ({ env, path: `${env}.yaml`, text: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: web}\n' })),
    { checks: [] },
  );
const options = (environments: object, overridden = false) =>
  resolveFfeOptions({ environments }, '/project', overridden ? { manifests: '/elsewhere' } : {});

describe('the environments of the site', () => {
  it('are the ones the options name', () => {
    expect(siteEnvironments(model('staging', 'production'), options({ default: 'production', compare: ['staging', 'production'] }))).toEqual({
      default: 'production',
      comparison: ['staging', 'production'],
      notes: [],
    });
  });

  it('stop the build, naming what exists, when an option names an environment the manifests lack', () => {
    expect(() => siteEnvironments(model('dev', 'prod'), options({ default: 'production' }))).toThrow(/environments\.default.*« production ».*« dev », « prod »/);
    expect(() => siteEnvironments(model('dev', 'prod'), options({ compare: ['staging', 'prod'] }))).toThrow(/environments\.compare.*« staging »/);
  });

  it('are chosen, production-like first, for a repository tried with FFE_MANIFESTS', () => {
    const chosen = siteEnvironments(model('dev', 'prod'), options({ default: 'production', compare: ['staging', 'production'] }, true));
    expect(chosen.default).toBe('prod');
    expect(chosen.comparison).toEqual(['dev', 'prod']);
    expect(chosen.notes.join('\n')).toContain('« production » absent');
  });

  it('have no comparison with a single environment, whatever its name', () => {
    expect(siteEnvironments(model('homelab'), options({}))).toEqual({ default: 'homelab', comparison: undefined, notes: [] });
  });
});
