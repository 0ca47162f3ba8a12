// The export instructions of the contributing page, computed from the manifests: a read-only role over exactly the
// kinds exported (Secrets never among them), and a kubectl command that exports those kinds.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadModel } from '../../src/infra/index.ts';
import { resourceNameOf, snapshotExport } from '../../src/views/prose/snapshot-export.ts';

describe('the export instructions', async () => {
  const model = await loadModel({ checks: [] });
  const exported = snapshotExport(model);
  const [, account, role, binding] = parseAllDocuments(exported.rbac).map((d) => d.toJS() as Record<string, any>);

  it('grant get and list only, on every kind the manifests use, and never on Secrets', () => {
    const granted = (role.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[]).flatMap((r) => {
      expect(r.verbs).toEqual(['get', 'list']);
      return r.resources.map((resource) => (r.apiGroups[0] ? `${resource}.${r.apiGroups[0]}` : resource));
    });
    expect(granted.sort()).toEqual(exported.kinds.split(',').sort());
    expect(granted).not.toContain('secrets');
    const used = new Set(model.environments.flatMap((e) => e.resources.map((r) => (r.id.group ? `${resourceNameOf(r.id.kind)}.${r.id.group}` : resourceNameOf(r.id.kind)))));
    for (const kind of used) expect(granted, kind).toContain(kind);
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: account.metadata.name, namespace: account.metadata.namespace }]);
  });

  it('export those kinds, and name the file after the environment', () => {
    const kinds = exported.commands
      .split('\n')
      .filter((line) => line.startsWith('KINDS'))
      .map((line) => line.replace(/^KINDS\+?=,?/, ''))
      .join(',');
    expect(kinds).toBe(exported.kinds.split(',').join(','));
    expect(exported.commands).toContain('kubectl get "$KINDS" -A -o yaml; } > "$ENV.yaml"');
    expect(exported.commands).toContain(`ENV=${model.environments[0].name}`);
  });

  it('name resources as the API does', () => {
    expect(['Ingress', 'NetworkPolicy', 'GitRepository', 'Endpoints', 'Deployment', 'Middleware'].map((k) => resourceNameOf(k))).toEqual([
      'ingresses',
      'networkpolicies',
      'gitrepositories',
      'endpoints',
      'deployments',
      'middlewares',
    ]);
  });
});
