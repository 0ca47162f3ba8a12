// The diagrams of a whole environment, in a stable order: what the environment pages and the benchmark draw.
import type { Model } from '../../infra/index.ts';
import type { DiagramView } from '../diagram.ts';
import { envContext } from '../context.ts';
import { dataDiagram } from './data.ts';
import { gitopsDiagram } from './gitops.ts';
import { namespaceDiagram } from './namespace.ts';
import { networkDiagram } from './network.ts';
import { overviewDiagram } from './overview.ts';
import { requestPathDiagrams } from './request-path.ts';

/** The four views of a whole environment: overview, GitOps, data and backups, network flows. */
export function environmentViews(model: Model, envName: string): DiagramView[] {
  return [overviewDiagram(model, envName), gitopsDiagram(model, envName), dataDiagram(model, envName), networkDiagram(model, envName)];
}

/** Every diagram of an environment: its four views, one request path per public host, one per namespace. */
export function environmentDiagrams(model: Model, envName: string): DiagramView[] {
  const env = envContext(model, envName).env;
  return [
    ...environmentViews(model, envName),
    ...requestPathDiagrams(model, envName),
    ...env.namespaces.map((ns) => namespaceDiagram(model, envName, ns)),
  ];
}
