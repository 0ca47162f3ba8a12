import { describe, expect, it } from 'vitest';
import { POLICY_RULES, evaluatePolicy, imagePin, type PolicyRule } from '../../src/infra/policy/index.ts';
import { fixture } from './fixtures.ts';

function rule(id: string): PolicyRule {
  const found = POLICY_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function run(id: string, variant: 'good' | 'broken') {
  return rule(id).check(fixture(id, variant));
}

describe('every rule is documented and proven by a good and a broken fixture', () => {
  it.each(POLICY_RULES.map((r) => [r.id, r] as const))('%s', (id, r) => {
    expect(r.title.length).toBeGreaterThan(5);
    expect(r.description.length).toBeGreaterThan(40);
    expect(r.check(fixture(id, 'good'))).toEqual([]);
    const broken = r.check(fixture(id, 'broken'));
    expect(broken.length).toBeGreaterThan(0);
    for (const v of broken) expect(v.rule).toBe(id);
  });

  it('has stable, unique rule ids', () => {
    const ids = POLICY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('image-pinned', () => {
  it('accepts a version tag, and a digest even behind a registry port', () => {
    expect(imagePin('nginx:1.29.3')).toEqual({ tag: '1.29.3', digest: undefined });
    expect(imagePin('registry.example.com:5000/shop/api')).toEqual({ tag: undefined, digest: undefined });
    expect(imagePin('a/b:1@sha256:abc').digest).toBe('sha256:abc');
  });

  it('flags latest and an image whose only colon is the registry port', () => {
    const violations = run('image-pinned', 'broken');
    expect(violations.map((v) => v.name)).toEqual(['web', 'api']);
    expect(violations[0].message).toContain('latest');
    expect(violations[1].message).toContain('pas de tag');
  });
});

describe('resources', () => {
  it('names what is missing: memory request and memory limit', () => {
    const [v] = run('resources', 'broken');
    expect(v.message).toContain('requests.memory');
    expect(v.message).toContain('limits.memory');
    expect(v.message).not.toContain('requests.cpu');
  });
});

describe('probes', () => {
  it('exempts CronJobs but not a Deployment missing its liveness probe', () => {
    expect(run('probes', 'good')).toEqual([]);
    const [v] = run('probes', 'broken');
    expect(v).toMatchObject({ kind: 'Deployment', name: 'web', namespace: 'shop' });
    expect(v.message).toContain('livenessProbe');
  });
});

describe('security-context', () => {
  it('accepts root and a writable root filesystem when an annotation gives the reason', () => {
    expect(run('security-context', 'good')).toEqual([]);
  });

  it('flags privilege escalation and a pod that may run as root', () => {
    const [v] = run('security-context', 'broken');
    expect(v.message).toContain('allowPrivilegeEscalation');
    expect(v.message).toContain('runAsNonRoot');
  });
});

describe('recommended-labels', () => {
  it('flags the pod template and the Service separately', () => {
    const violations = run('recommended-labels', 'broken');
    expect(violations.map((v) => `${v.kind}/${v.name}`)).toEqual(['Deployment/web', 'Service/web']);
    expect(violations[0].message).toContain('modèle de pod');
  });
});

describe('network-policy', () => {
  it('accepts a default deny split over two policies', () => {
    expect(run('network-policy', 'good')).toEqual([]);
  });

  it('counts a Postgres cluster as pods, and an allow rule is not a default deny', () => {
    const violations = run('network-policy', 'broken');
    expect(violations.map((v) => v.name)).toEqual(['artisan', 'coach']);
    expect(violations[0].message).toContain('Cluster « db »');
  });
});

describe('ingress-tls', () => {
  it('flags an uncovered host, a missing issuer and an undeclared issuer', () => {
    const violations = run('ingress-tls', 'broken');
    expect(violations.map((v) => v.name)).toEqual(['web', 'shop', 'blog']);
    expect(violations[0].message).toContain('coach.example');
    expect(violations[2].message).toContain('letsencrypt-prod');
  });
});

describe('no-plaintext-secret', () => {
  it('flags Secrets with data or stringData, not data-less ones', () => {
    expect(run('no-plaintext-secret', 'broken').map((v) => v.name)).toEqual(['smtp', 's3']);
  });
});

describe('references-exist', () => {
  it('accepts operator-made CNPG secrets and a SealedSecret of the same name and namespace', () => {
    expect(run('references-exist', 'good')).toEqual([]);
  });

  it('flags a SealedSecret in the wrong namespace, a missing ConfigMap and PVC, for the workload and the database', () => {
    const messages = run('references-exist', 'broken').map((v) => `${v.kind}: ${v.message}`);
    expect(messages).toHaveLength(4);
    expect(messages.filter((m) => m.includes('« db-credentials »'))).toHaveLength(2);
    expect(messages.some((m) => m.startsWith('Cluster:'))).toBe(true);
    expect(messages.some((m) => m.includes('ConfigMap « app-config »'))).toBe(true);
    expect(messages.some((m) => m.includes('PersistentVolumeClaim « uploads »'))).toBe(true);
  });
});

describe('evaluatePolicy', () => {
  it('runs every rule and keeps rule order', () => {
    const objects = [...fixture('image-pinned', 'broken'), ...fixture('no-plaintext-secret', 'broken')];
    const rules = evaluatePolicy(objects).map((v) => v.rule);
    expect(rules[0]).toBe('image-pinned');
    expect(rules).toContain('no-plaintext-secret');
    expect(rules.indexOf('no-plaintext-secret')).toBeGreaterThan(rules.lastIndexOf('image-pinned'));
  });
});
