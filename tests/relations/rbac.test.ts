import { describe, expect, it } from 'vitest';
import { key, relationsOf } from './helpers.ts';

describe('RoleBinding → Role and ServiceAccount', () => {
  const result = relationsOf('rbac');

  it('binds the role to its ServiceAccount subjects and ignores users', () => {
    const binding = key('rbac.authorization.k8s.io', 'RoleBinding', 'ffe', 'deployer');
    expect(result.relations.filter((r) => r.from === binding)).toEqual([
      { type: 'binds', from: binding, to: key('rbac.authorization.k8s.io', 'Role', 'ffe', 'deployer'), reason: 'accorde les droits du Role deployer' },
      { type: 'binds-subject', from: binding, to: key('', 'ServiceAccount', 'ffe', 'ci'), reason: 'donne les droits de deployer au ServiceAccount ci' },
    ]);
  });

  it('keeps built-in ClusterRoles as external targets of a ClusterRoleBinding', () => {
    const binding = key('rbac.authorization.k8s.io', 'ClusterRoleBinding', undefined, 'monitoring-view');
    expect(result.relations.filter((r) => r.from === binding).map((r) => [r.type, r.to, r.detail?.external])).toEqual([
      ['binds', key('rbac.authorization.k8s.io', 'ClusterRole', undefined, 'view'), 'true'],
      ['binds-subject', key('', 'ServiceAccount', 'monitoring', 'prometheus'), 'true'],
    ]);
  });
});
