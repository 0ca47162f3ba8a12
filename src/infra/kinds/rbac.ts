// RBAC: the role a RoleBinding or ClusterRoleBinding grants, and to whom.
import type { KubeObject } from '../model.ts';
import { Field } from './located.ts';

export interface RoleBindingFacts {
  /** `roleRef`, as written. */
  role: { kind?: string; name?: string };
  /** Users, groups and ServiceAccounts, as written; `namespace` only where written. */
  subjects: { kind?: string; name?: string; namespace?: string }[];
}

export function roleBindingOf(object: KubeObject): RoleBindingFacts {
  const root = Field.of(object);
  const kind = root.at('roleRef', 'kind').string();
  const name = root.at('roleRef', 'name').string();
  const subjects = root
    .at('subjects')
    .records()
    .map((subject) => {
      const [subjectKind, subjectName, namespace] = ['kind', 'name', 'namespace'].map((f) => subject.at(f).string());
      return { ...(subjectKind ? { kind: subjectKind } : {}), ...(subjectName ? { name: subjectName } : {}), ...(namespace ? { namespace } : {}) };
    });
  return { role: { ...(kind ? { kind } : {}), ...(name ? { name } : {}) }, subjects };
}
