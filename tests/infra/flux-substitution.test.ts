// Flux post-build substitution, unit by unit: the envsubst forms Flux accepts, where variables come from, and what
// is left as written when the repository does not hold a value.
import { describe, expect, it } from 'vitest';
import {
  collectVariables,
  expand,
  substituteDocuments,
  unresolvedNotice,
  variablesOf,
  writtenForm,
  type VariableValue,
} from '../../src/infra/flux-substitution.ts';
import { fluxKustomizationOf, type KubeObject } from '../../src/infra/index.ts';

const vars = (values: Record<string, string>, encrypted: string[] = []) => {
  const map = new Map<string, VariableValue>(Object.entries(values).map(([k, v]) => [k, { value: v }]));
  for (const name of encrypted) map.set(name, { encrypted: 'Secret cluster-secrets' });
  return (name: string) => map.get(name);
};

describe('envsubst as Flux runs it', () => {
  it.each([
    ['${DOMAIN}', 'example.org'],
    ['app.${DOMAIN}', 'app.example.org'],
    ['${MISSING:=fallback}', 'fallback'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:=fallback}', 'fallback'],
    ['${DOMAIN:=fallback}', 'example.org'],
    ['${NAME^^}', 'SHOP'],
    ['${UPPER,,}', 'shop'],
    ['${NAME^}', 'Shop'],
    ['${#NAME}', '4'],
    ['${DOMAIN:0:7}', 'example'],
    ['${DOMAIN%.org}', 'example'],
    ['${DOMAIN#*.}', 'org'],
    ['${DOMAIN/example/demo}', 'demo.org'],
    ['$${DOMAIN}', '${DOMAIN}'],
    ['cost: 5$', 'cost: 5$'],
    ['${MISSING:=${DOMAIN}}', 'example.org'],
  ])('%s → %s', (text, expected) => {
    expect(expand(text, vars({ DOMAIN: 'example.org', NAME: 'shop', UPPER: 'SHOP', EMPTY: '' })).text).toBe(expected);
  });

  it('leaves an unknown variable as written and names it', () => {
    const result = expand('https://${HOST}/${PATH_PREFIX}', vars({ HOST: 'a.example.org' }));
    expect(result.text).toBe('https://a.example.org/${PATH_PREFIX}');
    expect([...result.unresolved]).toEqual(['PATH_PREFIX']);
  });

  it('leaves a variable whose value is encrypted as written, default or not', () => {
    const result = expand('${TOKEN} ${TOKEN:=none}', vars({}, ['TOKEN']));
    expect(result.text).toBe('${TOKEN} ${TOKEN:=none}');
    expect(result.encrypted.get('TOKEN')).toBe('Secret cluster-secrets');
  });

  it('refuses an unclosed expression', () => {
    expect(() => expand('${DOMAIN', vars({}))).toThrow();
  });
});

describe('substitution variables', () => {
  const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { DOMAIN: 'example.org', TZ: 'Europe/Paris' } };
  const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'secrets' }, data: { DOMAIN: Buffer.from('secret.example.org').toString('base64') } };
  const sops: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sealed' }, stringData: { TOKEN: 'ENC[AES256_GCM,data:x,type:str]' }, sops: { version: '3.9.0' } };

  it('reads ConfigMap data, marks Secret values as never substituted and SOPS values as encrypted', () => {
    expect(variablesOf(cm).get('TZ')).toEqual({ value: 'Europe/Paris' });
    expect(variablesOf(secret).get('DOMAIN')).toEqual({ secret: 'Secret secrets' });
    expect(variablesOf(sops).get('TOKEN')).toEqual({ encrypted: 'Secret sealed' });
  });

  it('lets later substituteFrom entries win, and substitute win over all', () => {
    const kustomization: KubeObject = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'apps' },
      spec: {
        postBuild: {
          substitute: { TZ: 'UTC' },
          substituteFrom: [
            { kind: 'ConfigMap', name: 'settings' },
            { kind: 'Secret', name: 'secrets' },
            { kind: 'ConfigMap', name: 'absent', optional: true },
            { kind: 'ConfigMap', name: 'required' },
          ],
        },
      },
    };
    const objects = new Map([
      ['ConfigMap/settings', cm],
      ['Secret/secrets', secret],
    ]);
    const { values, missing } = collectVariables(fluxKustomizationOf(kustomization).postBuild!, (ref) => objects.get(`${ref.kind}/${ref.name}`));
    expect(values.get('DOMAIN')).toEqual({ secret: 'Secret secrets' });
    expect(values.get('TZ')).toEqual({ value: 'UTC' });
    expect(missing).toEqual(['ConfigMap required']);
  });
});

describe('substituting rendered objects', () => {
  const source = { path: 'apps/app.yaml', line: 1 };
  const values = new Map<string, VariableValue>([
    ['REPLICAS', { value: '3' }],
    ['HOST', { value: 'shop.example.org' }],
  ]);

  it('turns a substituted number into a number, as Flux reads the YAML back', () => {
    const doc = { object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop' }, spec: { replicas: '${REPLICAS}' } } as KubeObject, source };
    const [out] = substituteDocuments([doc], values).documents;
    expect(out.object.spec).toEqual({ replicas: 3 });
    expect(writtenForm(out.object).spec).toEqual({ replicas: '${REPLICAS}' });
  });

  it('skips objects annotated kustomize.toolkit.fluxcd.io/substitute: disabled', () => {
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tpl', annotations: { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' } }, data: { host: '${HOST}' } } as KubeObject;
    expect(substituteDocuments([{ object, source }], values).documents[0].object.data).toEqual({ host: '${HOST}' });
  });

  it('gives one notice per Kustomization, naming unresolved, encrypted and missing sources', () => {
    const ks = { object: { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'apps' } } as KubeObject, source };
    const notice = unresolvedNotice(ks, 'prod', new Set(['A', 'TOKEN']), new Map([['TOKEN', 'Secret s']]), ['ConfigMap c']);
    expect(notice).toMatchObject({ code: 'FFE-N-SUBSTITUTE-UNRESOLVED', severity: 'notice', location: source });
    expect(notice!.message).toContain('${A}');
    expect(notice!.message).toContain('chiffrées (Secret s) : ${TOKEN}');
    expect(notice!.message).toContain('ConfigMap c');
    expect(unresolvedNotice(ks, 'prod', new Set(), new Map(), [])).toBeUndefined();
  });
});
