// The "Infrastructure" sidebar group, built from the environments the model found, placed before the glossary; the
// comparison page is listed when the site has two environments to compare, the journal when it has a history.
import type { StarlightUserConfig } from '@astrojs/starlight/types';
import type { DriftReport, Model } from '../infra/index.ts';
import { driftPath } from '../views/drift.ts';
import type { SiteEnvironments } from './environments.ts';
import { JOURNAL_PATH } from '../views/history.ts';
import { COMPARISON_PATH, FINDINGS_PATH } from '../views/pages.ts';
import { environmentPath, INFRA_ROOT, namespacePath } from '../views/paths.ts';

type SidebarItem = NonNullable<StarlightUserConfig['sidebar']>[number];

/** `drift`: the environments compared with an export of their cluster (FFE_SNAPSHOT) get a link to their « Écarts ». */
export function infraSidebar(
  base: SidebarItem[],
  model: Model,
  environments: Pick<SiteEnvironments, 'comparison'>,
  drift: readonly DriftReport[] = [],
  journal = false,
): SidebarItem[] {
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
            ...(drift.some((r) => r.env === env.name) ? [{ label: 'Écarts avec le cluster', link: driftPath(env.name) }] : []),
            ...env.namespaces.map((ns): SidebarItem => ({ label: ns, link: namespacePath(env.name, ns) })),
          ],
        }),
      ),
      ...(environments.comparison ? [{ label: 'Comparer les environnements', link: COMPARISON_PATH }] : []),
      ...(journal ? [{ label: 'Journal', link: JOURNAL_PATH }] : []),
      { label: 'Constats des vérifications', link: FINDINGS_PATH },
    ],
  };
  const at = base.findIndex((item) => typeof item === 'object' && 'label' in item && item.label === 'Glossaire');
  return at === -1 ? [...base, group] : [...base.slice(0, at), group, ...base.slice(at)];
}
