// The list of generated pages under /infra/: what exists, where, and under which title.
import type { Model, Resource } from '../infra/model.ts';
import { kindLabel } from './labels.ts';
import { environmentPath, INFRA_ROOT, namespacePath, resourcePath } from './paths.ts';

export type InfraPage =
  | { type: 'index'; params: string | undefined; title: string; description: string }
  | { type: 'environment'; params: string; title: string; description: string; env: string }
  | { type: 'namespace'; params: string; title: string; description: string; env: string; namespace: string | undefined }
  | { type: 'resource'; params: string; title: string; description: string; env: string; key: string }
  | { type: 'comparison'; params: string; title: string; description: string }
  | { type: 'findings'; params: string; title: string; description: string };

/** The route parameter of a path under /infra/ (`/infra/a/b/` → `a/b`). */
function paramsOf(path: string): string {
  return path.slice(INFRA_ROOT.length).replace(/\/$/, '');
}

function resourcePage(resource: Resource): InfraPage {
  const { env, namespace, kind, name } = resource.id;
  const where = namespace ? `dans l’espace de noms ${namespace}` : 'à l’échelle du cluster';
  return {
    type: 'resource',
    params: paramsOf(resourcePath(resource)),
    title: `${name}`,
    description: `${kindLabel(kind)} ${name} ${where}, environnement ${env}.`,
    env,
    key: resource.key,
  };
}

export function infraPages(model: Model): InfraPage[] {
  const pages: InfraPage[] = [
    {
      type: 'index',
      params: undefined,
      title: 'Infrastructure',
      description: 'Toutes les ressources Kubernetes de FFE, générées depuis les manifestes à chaque construction.',
    },
    {
      type: 'findings',
      params: 'constats',
      title: 'Constats des vérifications',
      description: 'Ce que les vérifications ont trouvé dans les manifestes : erreurs, avertissements et notes.',
    },
  ];
  if (model.environments.length > 1) {
    pages.push({
      type: 'comparison',
      params: 'comparaison',
      title: 'Comparer les environnements',
      description: 'Ce qui diffère entre les environnements : ressources, versions d’images, répliques, hôtes.',
    });
  }
  for (const env of model.environments) {
    pages.push({
      type: 'environment',
      params: paramsOf(environmentPath(env.name)),
      title: `Environnement ${env.name}`,
      description: `Les ${env.resources.length} ressources de l’environnement ${env.name}.`,
      env: env.name,
    });
    const namespaces: (string | undefined)[] = [...env.namespaces, undefined];
    for (const namespace of namespaces) {
      pages.push({
        type: 'namespace',
        params: paramsOf(namespacePath(env.name, namespace)),
        title: namespace ? `Espace de noms ${namespace}` : 'Ressources de cluster',
        description: namespace
          ? `Les ressources de l’espace de noms ${namespace} en ${env.name}.`
          : `Les ressources sans espace de noms de l’environnement ${env.name}.`,
        env: env.name,
        namespace,
      });
    }
    for (const resource of env.resources) pages.push(resourcePage(resource));
  }
  return pages;
}
