// RoleBinding / ClusterRoleBinding → the Role or ClusterRole it grants, and → the ServiceAccounts it grants it to.
// Users and groups name no resource and produce no edge; built-in ClusterRoles (view, edit…) are external targets.
import type { RelationBuilder } from '../kinds/entry.ts';
import { asRecord, asRecords, asString } from '../fields.ts';
import type { Relation } from '../model.ts';
import { edge, keyIn } from './common.ts';

const RBAC = 'rbac.authorization.k8s.io';

export const roleBindingEdges: RelationBuilder = (env, binding) => {
  const relations: Relation[] = [];
  const roleRef = asRecord(binding.object.roleRef);
  const roleKind = asString(roleRef?.kind);
  const roleName = asString(roleRef?.name);
  if (roleKind && roleName) {
    const namespace = roleKind === 'ClusterRole' ? undefined : binding.id.namespace;
    const scope = binding.id.kind === 'RoleBinding' && roleKind === 'ClusterRole' ? ` dans le namespace ${binding.id.namespace}` : '';
    relations.push(edge(env, 'binds', binding, keyIn(env, RBAC, roleKind, namespace, roleName), `accorde les droits du ${roleKind} ${roleName}${scope}`));
  }
  for (const subject of asRecords(binding.object.subjects)) {
    const name = asString(subject.name);
    if (subject.kind !== 'ServiceAccount' || !name) continue;
    const namespace = asString(subject.namespace) ?? binding.id.namespace;
    const role = roleName ? ` les droits de ${roleName}` : ' ses droits';
    const elsewhere = namespace !== binding.id.namespace ? ` du namespace ${namespace}` : '';
    relations.push(edge(env, 'binds-subject', binding, keyIn(env, '', 'ServiceAccount', namespace, name), `donne${role} au ServiceAccount ${name}${elsewhere}`));
  }
  return { relations, findings: [] };
};
