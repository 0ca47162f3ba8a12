// The "Infrastructure" sidebar group, built from the environments the model found, placed before the glossary; the
// comparison page is listed when the site has two environments to compare.
import type { StarlightUserConfig } from '@astrojs/starlight/types';
import type { Model } from '../infra/model.ts';
import type { SiteEnvironments } from './environments.ts';
import { COMPARISON_PATH, FINDINGS_PATH } from '../views/pages.ts';
import { environmentPath, INFRA_ROOT, namespacePath } from '../views/paths.ts';

type SidebarItem = NonNullable<StarlightUserConfig['sidebar']>[number];

export function infraSidebar(base: SidebarItem[], model: Model, environments: Pick<SiteEnvironments, 'comparison'>): SidebarItem[] {
  const group: SidebarItem = {
    label: 'Infrastructure',
    items: [
      { label: 'Vue d’ensemble', link: INFRA_ROOT },
      ...model.environments.map(
        (env): SidebarItem => ({
          label: env.name,
          collapsed: true,
          items: [
            { label: `Tout ${env.name}`, link: environmentPath(env.name) },
            ...env.namespaces.map((ns): SidebarItem => ({ label: ns, link: namespacePath(env.name, ns) })),
          ],
        }),
      ),
      ...(environments.comparison ? [{ label: 'Comparer les environnements', link: COMPARISON_PATH }] : []),
      { label: 'Constats des vérifications', link: FINDINGS_PATH },
    ],
  };
  const at = base.findIndex((item) => typeof item === 'object' && 'label' in item && item.label === 'Glossaire');
  return at === -1 ? [...base, group] : [...base.slice(0, at), group, ...base.slice(at)];
}
