// RoleBinding / ClusterRoleBinding → the Role or ClusterRole it grants, and → the ServiceAccounts it grants it to.
// Users and groups name no resource and produce no edge; built-in ClusterRoles (view, edit…) are external targets.
import type { Environment, Relation, Resource } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString } from '../fields.ts';
import { edge, keyIn, resourcesOfKind } from './common.ts';

const RBAC = 'rbac.authorization.k8s.io';

function bindingEdges(env: Environment, binding: Resource): Relation[] {
  const relations: Relation[] = [];
  const roleRef = asRecord(binding.object.roleRef);
  const roleKind = asString(roleRef?.kind);
  const roleName = asString(roleRef?.name);
  const subjects = asRecords(binding.object.subjects);
  if (roleKind && roleName) {
    const namespace = roleKind === 'ClusterRole' ? undefined : binding.id.namespace;
    const scope = binding.id.kind === 'RoleBinding' && roleKind === 'ClusterRole' ? ` dans le namespace ${binding.id.namespace}` : '';
    relations.push(edge(env, 'binds', binding, keyIn(env, RBAC, roleKind, namespace, roleName), `accorde les droits du ${roleKind} ${roleName}${scope}`));
  }
  for (const subject of subjects) {
    const name = asString(subject.name);
    if (subject.kind !== 'ServiceAccount' || !name) continue;
    const namespace = asString(subject.namespace) ?? binding.id.namespace;
    const role = roleName ? ` les droits de ${roleName}` : ' ses droits';
    relations.push(
      edge(env, 'binds-subject', binding, keyIn(env, '', 'ServiceAccount', namespace, name), `donne${role} au ServiceAccount ${name}${namespace !== binding.id.namespace ? ` du namespace ${namespace}` : ''}`),
    );
  }
  return relations;
}

export function roleBindingEdges(env: Environment): RelationResult {
  const bindings = [...resourcesOfKind(env, 'RoleBinding', [RBAC]), ...resourcesOfKind(env, 'ClusterRoleBinding', [RBAC])];
  return { relations: bindings.flatMap((b) => bindingEdges(env, b)), findings: [] };
}
