// A how-to whose names come from the manifests: the `flux bootstrap` command that starts an empty cluster.
import { fluxSourceOf, type Model } from '../../infra/index.ts';
import { envContext, out } from '../context.ts';
import type { ResourceLink } from '../links.ts';
import { fluxSteps } from './flux-steps.ts';
import { ProseError } from './resolve.ts';

export interface Bootstrap {
  /** The Kustomization `flux bootstrap` creates, and the folder it points at. */
  root: ResourceLink;
  path: string;
  url: string;
  branch?: string;
  /** `flux bootstrap github …` when the repository is on GitHub, else `flux bootstrap git --url=…`. */
  command: string;
}

/** The command that starts an empty cluster on this repository, from the root Kustomization and its GitRepository. */
export function bootstrapCommand(model: Model, envName: string): Bootstrap {
  const steps = fluxSteps(model, envName);
  const root = steps.find((s) => !s.declaredBy && s.kustomizations.length > 0) ?? steps[0];
  if (!root?.path) throw new ProseError(`<BootstrapCommand env="${envName}" />`, `aucune Kustomization Flux avec un chemin dans l’environnement ${envName}`, 'Déclarez la Kustomization racine de Flux (spec.path) dans les manifestes, ou citez un autre environnement (env="…").');
  const ctx = envContext(model, envName);
  const source = out(ctx, root.resource.key, 'source').map((r) => ctx.env.byKey.get(r.to)).find((r) => r !== undefined);
  const repository = source ? fluxSourceOf(source.object) : undefined;
  const url = repository?.url ?? '';
  const branch = repository?.branch;
  const github = /github\.com[/:]([^/]+)\/([^/.]+)(?:\.git)?$/.exec(url);
  const command = github
    ? `flux bootstrap github \\\n  --owner=${github[1]} --repository=${github[2]}${branch ? ` --branch=${branch}` : ''} \\\n  --path=${root.path} --personal=false`
    : `flux bootstrap git --url=${url}${branch ? ` --branch=${branch}` : ''} --path=${root.path}`;
  return { root: root.resource, path: root.path, url, ...(branch ? { branch } : {}), command };
}
