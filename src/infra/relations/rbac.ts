// RoleBinding / ClusterRoleBinding → the Role or ClusterRole it grants, and → the ServiceAccounts it grants it to.
// Users and groups name no resource and produce no edge; built-in ClusterRoles (view, edit…) are external targets.
import type { RelationBuilder } from '../kinds/entry.ts';
import { roleBindingOf } from '../kinds/rbac.ts';
import type { Relation } from '../model.ts';
import { edge, keyIn } from './common.ts';

const RBAC = 'rbac.authorization.k8s.io';

export const roleBindingEdges: RelationBuilder = (env, binding) => {
  const relations: Relation[] = [];
  const { role, subjects } = roleBindingOf(binding.object);
  if (role.kind && role.name) {
    const namespace = role.kind === 'ClusterRole' ? undefined : binding.id.namespace;
    const scope = binding.id.kind === 'RoleBinding' && role.kind === 'ClusterRole' ? ` dans le namespace ${binding.id.namespace}` : '';
    relations.push(edge(env, 'binds', binding, keyIn(env, RBAC, role.kind, namespace, role.name), `accorde les droits du ${role.kind} ${role.name}${scope}`));
  }
  for (const subject of subjects) {
    if (subject.kind !== 'ServiceAccount' || !subject.name) continue;
    const namespace = subject.namespace ?? binding.id.namespace;
    const granted = role.name ? ` les droits de ${role.name}` : ' ses droits';
    const elsewhere = namespace !== binding.id.namespace ? ` du namespace ${namespace}` : '';
    relations.push(
      edge(env, 'binds-subject', binding, keyIn(env, '', 'ServiceAccount', namespace, subject.name), `donne${granted} au ServiceAccount ${subject.name}${elsewhere}`),
    );
  }
  return { relations, findings: [] };
};
