import { describe, expect, it } from 'vitest';
import { evaluatePolicy, POLICY_RULES, type KubeObject, type PolicyRule } from '../../src/infra/index.ts';
import { fixture } from './fixtures.ts';

function rule(id: string): PolicyRule {
  const found = POLICY_RULES.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function run(id: string, variant: string) {
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

  it('has stable, unique rule ids and finding codes', () => {
    const ids = POLICY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const codes = POLICY_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives each rule a code matching its severity and a French hint', () => {
    const letter = { error: 'E', warning: 'W', notice: 'N' } as const;
    for (const r of POLICY_RULES) {
      expect(r.code, r.id).toMatch(new RegExp(`^FFE-${letter[r.severity]}-[A-Z-]+$`));
      expect(r.hint.length, r.id).toBeGreaterThan(30);
    }
  });

  it('keeps the codes npm run check has always shown for general hygiene', () => {
    expect(Object.fromEntries(POLICY_RULES.map((r) => [r.id, `${r.severity} ${r.code}`]))).toMatchObject({
      'image-pinned': 'warning FFE-W-IMAGE-UNPINNED',
      'resource-requests': 'warning FFE-W-REQUESTS-MISSING',
      'memory-limit': 'warning FFE-W-LIMITS-MISSING',
      probes: 'warning FFE-W-PROBES-MISSING',
      'network-policy': 'warning FFE-W-NETWORKPOLICY-MISSING',
      'no-plaintext-secret': 'error FFE-E-SECRET-PLAINTEXT',
    });
  });

  it('names every object a violation is about, so that it can be located', () => {
    const all = POLICY_RULES.flatMap((r) => r.check(fixture(r.id, 'broken')));
    for (const v of all) {
      expect(v.name).not.toBe('(sans nom)');
      expect(typeof v.group).toBe('string');
    }
  });
});

describe('image-pinned', () => {
  it('flags latest and an image whose only colon is the registry port', () => {
    const violations = run('image-pinned', 'broken');
    expect(violations.map((v) => v.name)).toEqual(['web', 'api']);
    expect(violations[0].message).toContain('latest');
    expect(violations[1].message).toContain('pas de tag');
  });
});

describe('resource-requests and memory-limit', () => {
  it('names the missing request, not the one that is there', () => {
    const [v] = run('resource-requests', 'broken');
    expect(v.message).toContain('requests.memory');
    expect(v.message).not.toContain('requests.cpu');
  });

  it('asks init containers for a memory limit too, and a CPU limit does not count', () => {
    const [v] = run('memory-limit', 'broken');
    expect(v.message).toContain('« migrate » (limits.memory)');
    expect(v.message).not.toContain('« web »');
  });
});

describe('probes', () => {
  it('exempts CronJobs and bare Pods but not a Deployment missing its liveness probe', () => {
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
  it('accepts a default deny split over two policies, and a Cilium policy of the namespace', () => {
    expect(run('network-policy', 'good')).toEqual([]);
  });

  it('accepts one cluster-wide policy for every namespace', () => {
    expect(run('network-policy', 'cluster-wide')).toEqual([]);
  });

  it('counts a Postgres cluster as pods, and an allow rule is not a default deny', () => {
    const violations = run('network-policy', 'broken');
    expect(violations.map((v) => v.name)).toEqual(['artisan', 'coach']);
    expect(violations[0].message).toContain('Cluster « db »');
    expect(violations[0]).toMatchObject({ kind: 'Namespace', seenIn: { group: 'postgresql.cnpg.io', kind: 'Cluster', namespace: 'artisan', name: 'db' } });
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
  it('flags Secrets with data or stringData, not data-less or SOPS-encrypted ones', () => {
    expect(run('no-plaintext-secret', 'broken').map((v) => v.name)).toEqual(['smtp', 's3', 'mixed']);
  });

  it('names only the keys holding a real value, not those referring to a secret manager', () => {
    const mixed = run('no-plaintext-secret', 'broken').find((v) => v.name === 'mixed');
    expect(mixed?.message).toContain('(dsn, password)');
  });
});

describe('secret references', () => {
  // A Secret holding only `value`, under `stringData`: in clear, or a reference the rule lets through.
  const inClear = (value: string): boolean => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'smtp', namespace: 'mail' }, stringData: { value } } as KubeObject;
    return rule('no-plaintext-secret').check([secret]).length > 0;
  };

  it.each([
    'op://infra/smtp/password',
    'ref+vault://secret/data/smtp#password',
    'ref+awssecrets://prod/db#/password',
    'vault:secret/data/app#password',
    '<path:kv/data/app#password>',
    '<password>',
    '${SMTP_PASSWORD}',
    '${DB_USER}:${DB_PASSWORD}',
    'postgres://app:${DB_PASSWORD}@db:5432/app',
    'akv://my-vault/smtp-password',
    'smtp-password@azurekeyvault',
    'gcp:secretmanager:projects/p/secrets/smtp/versions/3',
    'sm://my-project/smtp',
    'arn:aws:secretsmanager:eu-west-3:123456789012:secret:smtp-AbCdEf',
    'ENC[AES256_GCM,data:3q2+7w==,iv:AAAA,tag:BBBB,type:str]',
    '',
    'smtp:\n  host: mail.example.org\n  password: ${SMTP_PASSWORD}\n',
  ])('« %s » is not a secret in clear', (value) => {
    expect(inClear(value)).toBe(false);
  });

  it.each(['hunter2', 'postgres://app:hunter2@db/app', 'op:hunter2', 'vault secret', 'smtp:\n  password: hunter2\n  user: ${USER}\n'])(
    '« %s » is a secret in clear',
    (value) => {
      expect(inClear(value)).toBe(true);
    },
  );
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
