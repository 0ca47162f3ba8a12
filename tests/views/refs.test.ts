// Citing the model from prose: what resolves, and what an author is told when a name is wrong.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Model, modelFromYaml } from '../../src/infra/index.ts';
import {
  CHECKED_COMPONENTS,
  checkComponent,
  citesKind,
  citesResource,
  nearest,
  resolveKind,
  resolveRef,
  resolveTerm,
  type RefResolution,
} from '../../src/views/refs.ts';

/** What the site passes when a page names no environment. */
const PRODUCTION = 'production';
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/refs/${name}`, import.meta.url), 'utf8');

/** production and staging; staging alone has Deployment web/preview and an Ingress. */
function model(): Model {
  return modelFromYaml(
    ['production', 'staging'].map((env) => ({ env, path: `manifests/${env}.yaml`, text: fixture(`${env}.yaml`) })),
    { checks: [] },
  );
}

function failed(result: RefResolution): Extract<RefResolution, { ok: false }> {
  if (result.ok) throw new Error(`expected a failure, got ${result.href}`);
  return result;
}

describe('a reference to an existing resource', () => {
  it('links to the resource page, in the environment the site gives by default', () => {
    const result = resolveRef(model(), { env: PRODUCTION, kind: 'Service', namespace: 'web', name: 'site' });
    expect(result.ok && result.href).toBe('/infra/production/web/service/site/');
    expect(result.ok && result.resource.id.env).toBe('production');
  });

  it('links to the page in the environment it names', () => {
    const result = resolveRef(model(), { kind: 'Deployment', namespace: 'web', name: 'preview', env: 'staging' });
    expect(result.ok && result.href).toBe('/infra/staging/web/deployment/preview/');
  });

  it('cites a cluster-scoped resource without a namespace', () => {
    const result = resolveRef(model(), { env: PRODUCTION, kind: 'ClusterIssuer', name: 'letsencrypt' });
    expect(result.ok && result.href).toBe('/infra/production/_cluster/clusterissuer/letsencrypt/');
  });
});

describe('a misspelt name', () => {
  it('suggests the nearest names of that kind in that namespace', () => {
    const failure = failed(resolveRef(model(), { env: PRODUCTION, kind: 'Service', namespace: 'web', name: 'sit' }));
    expect(failure.field).toBe('name');
    expect(failure.suggestions).toEqual(['site']);
    expect(failure.message).toContain('« sit »');
    expect(failure.message).toContain('vouliez-vous dire « site » ?');
  });

  it('does not suggest names of another namespace, and says where the name does exist', () => {
    const failure = failed(resolveRef(model(), { env: PRODUCTION, kind: 'Service', namespace: 'shop', name: 'site' }));
    expect(failure.suggestions).not.toContain('site');
    expect(failure.message).toContain('elle existe dans l’espace de noms web');
  });

  it('lists what exists when nothing is close', () => {
    const failure = failed(resolveRef(model(), { env: PRODUCTION, kind: 'Service', namespace: 'web', name: 'postgresql-primary' }));
    expect(failure.suggestions).toEqual([]);
    expect(failure.message).toContain('existants : site');
  });

  it('points to the environment where a resource exists only there', () => {
    const failure = failed(resolveRef(model(), { env: PRODUCTION, kind: 'Deployment', namespace: 'web', name: 'preview' }));
    expect(failure.message).toContain('elle existe en staging : précisez env="staging"');
  });
});

describe('a wrong kind, namespace or environment', () => {
  it('suggests the kind as the manifests spell it', () => {
    const failure = failed(resolveRef(model(), { env: PRODUCTION, kind: 'service', namespace: 'web', name: 'site' }));
    expect(failure.field).toBe('kind');
    expect(failure.suggestions[0]).toBe('Service');
  });

  it('says which environment has a kind missing from the one cited', () => {
    const failure = failed(resolveRef(model(), { env: PRODUCTION, kind: 'Ingress', namespace: 'web', name: 'preview' }));
    expect(failure.field).toBe('kind');
    expect(failure.message).toContain('précisez env="staging"');
  });

  it('suggests the nearest namespace', () => {
    const failure = failed(resolveRef(model(), { env: PRODUCTION, kind: 'Service', namespace: 'wbe', name: 'site' }));
    expect(failure.field).toBe('namespace');
    expect(failure.suggestions).toEqual(['web']);
  });

  it('suggests the nearest environment', () => {
    const failure = failed(resolveRef(model(), { kind: 'Service', namespace: 'web', name: 'site', env: 'prod' }));
    expect(failure.field).toBe('env');
    expect(failure.suggestions).toEqual(['production']);
  });

  it('asks for the namespace of a namespaced kind, naming where the resource is', () => {
    const failure = failed(resolveRef(model(), { env: PRODUCTION, kind: 'Service', name: 'api' }));
    expect(failure.field).toBe('namespace');
    expect(failure.message).toContain('précisez namespace="…"');
    expect(failure.suggestions).toEqual(['shop']);
  });

  it('refuses a namespace on a cluster-scoped kind', () => {
    const failure = failed(resolveRef(model(), { env: PRODUCTION, kind: 'ClusterIssuer', namespace: 'web', name: 'letsencrypt' }));
    expect(failure.field).toBe('namespace');
    expect(failure.message).toContain('retirez namespace="web"');
  });
});

describe('suggestions', () => {
  it('keep plausible typos and parts of longer names, nearest first', () => {
    expect(nearest('bookng-db', ['booking-db', 'analytics-db', 'status'])).toEqual(['booking-db']);
    expect(nearest('umami', ['umami-db', 'status'])).toEqual(['umami-db']);
    expect(nearest('zzz', ['site', 'api'])).toEqual([]);
  });
});

describe('components declared as naming the model', () => {
  const context = () => ({ model: model(), definitionIds: ['ingress', 'namespace'], defaultEnv: PRODUCTION });

  it('<Ref> gets the page of the resource it cites', () => {
    const result = checkComponent(CHECKED_COMPONENTS.Ref!, { kind: 'Service', namespace: 'web', name: 'site' }, context());
    expect(result).toEqual({ ok: true, inject: { href: '/infra/production/web/service/site/' } });
  });

  it('<Ref> without a name is refused', () => {
    const result = checkComponent(CHECKED_COMPONENTS.Ref!, { kind: 'Service', namespace: 'web' }, context());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('name');
  });

  it('<Term> gets the glossary anchor, and an unknown id gets the nearest one', () => {
    expect(checkComponent(CHECKED_COMPONENTS.Term!, { id: 'ingress' }, context())).toEqual({ ok: true, inject: { href: '/glossaire/#ingress' } });
    const result = checkComponent(CHECKED_COMPONENTS.Term!, { id: 'ingres' }, context());
    expect(!result.ok && result.message).toContain('vouliez-vous dire « ingress » ?');
  });

  it('a component naming a workload of any of several kinds finds it whatever its kind', () => {
    const imageVersion = citesResource({ kinds: ['Deployment', 'CronJob'] });
    expect(checkComponent(imageVersion, { namespace: 'web', name: 'backup' }, context()).ok).toBe(true);
    const result = checkComponent(imageVersion, { namespace: 'web', name: 'bakup' }, context());
    expect(!result.ok && result.message).toContain('vouliez-vous dire « backup » ?');
  });

  it('a component counting a kind needs that kind to exist', () => {
    const count = citesKind();
    expect(checkComponent(count, { kind: 'Deployment' }, context()).ok).toBe(true);
    const result = checkComponent(count, { kind: 'Deploymnet' }, context());
    expect(!result.ok && result.message).toContain('vouliez-vous dire « Deployment » ?');
  });
});

describe('kinds and terms', () => {
  it('resolveKind lists the resources of a kind, in a namespace if given', () => {
    const all = resolveKind(model(), { env: PRODUCTION, kind: 'Service' });
    expect(all.ok && all.resources.map((r) => r.id.name)).toEqual(['api', 'site']);
    const inWeb = resolveKind(model(), { env: PRODUCTION, kind: 'Service', namespace: 'web' });
    expect(inWeb.ok && inWeb.resources.map((r) => r.id.name)).toEqual(['site']);
  });

  it('resolveTerm tells how to add a missing definition', () => {
    const result = resolveTerm(['ingress'], 'helm');
    expect(!result.ok && result.message).toContain('créez content/definitions/helm.mdx');
  });
});
