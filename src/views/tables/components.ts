// The Helm charts installed in every environment (or one), with their version, repository and values.
import { compareText, type Model } from '../../infra/index.ts';
import { envContext, type EnvContext } from '../context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';

export interface ComponentRow {
  env: string;
  chart: string;
  version?: string;
  repository?: string;
  namespace?: string;
  resource: ResourceLink;
  values: Record<string, string>;
  source: SourceLink;
}

export function componentRows(model: Model, envName?: string): ComponentRow[] {
  const contexts = new Map<string, EnvContext>();
  return model.components
    .filter((c) => envName === undefined || c.env === envName)
    .map((c) => {
      const ctx = contexts.get(c.env) ?? envContext(model, c.env);
      contexts.set(c.env, ctx);
      const resource = ctx.env.byKey.get(c.resource);
      return {
        env: c.env,
        chart: c.chart,
        ...(c.version ? { version: c.version } : {}),
        ...(c.repository ? { repository: c.repository } : {}),
        ...(c.namespace ? { namespace: c.namespace } : {}),
        resource: resourceLink(ctx, c.resource),
        values: c.values,
        source: sourceLink(resource?.source ?? { path: '', line: 0 }),
      };
    })
    .sort((a, b) => compareText(a.env, b.env) || compareText(a.chart, b.chart) || compareText(a.resource.key, b.resource.key));
}
