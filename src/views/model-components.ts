// Every component an MDX page can use that reads the model, with the check the MDX plugin runs where it is written:
// the references of refs.ts (CHECKED_COMPONENTS), and the components that quote a value, draw a table or a diagram
// of an environment. A check computes what the component will show (the same view), so that anything that would
// stop the page — an environment, a namespace or a host the manifests do not have, a workload published nowhere —
// is reported at the file and line of the element, or, under FFE_ALLOW_ERRORS=1, shown there as « référence
// introuvable » instead of stopping the build. Adding a component that reads the model is adding an entry here.
import { publicHosts } from '../infra/index.ts';
import { databaseRecovery } from './prose/database-recovery.ts';
import { environmentDifference } from './prose/environment-difference.ts';
import { fluxSteps } from './prose/flux-steps.ts';
import { imageVersion } from './prose/image-version.ts';
import { issuerRows } from './prose/issuers.ts';
import { hostsOf, publicHostList } from './prose/public-hosts.ts';
import { bootstrapCommand } from './prose/bootstrap-command.ts';
import { chartVersion } from './prose/chart-version.ts';
import { countOf } from './prose/count.ts';
import { volumeRestore } from './prose/volume-restore.ts';
import { CHECKED_COMPONENTS, didYouMean, existing, nearest, type CheckContext, type CheckedComponent, type CheckResult, type PropValues } from './refs.ts';
import { alertRows } from './tables/alerts.ts';
import { componentRows } from './tables/components.ts';
import { endpointRows } from './tables/endpoints.ts';
import { imageRows } from './tables/images.ts';
import { inventoryRows } from './tables/inventory.ts';
import { networkMatrix } from './tables/network-matrix.ts';
import { resourceUsage } from './tables/resource-usage.ts';
import { scheduleRows } from './tables/schedules.ts';
import { sealedSecretRows } from './tables/sealed-secrets.ts';
import { securityRows } from './tables/security.ts';
import { storageRows } from './tables/storage.ts';

/** A view's French complaint, without the element it names (the MDX check shows the element as written). */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^<[^>]*>\s*:\s*/, '').replace(/\.$/, '');
}

/** The environment a component shows: the one it names, else the site's default. */
function envOf(values: PropValues, context: CheckContext): CheckResult & { env?: string } {
  const env = values.env ?? context.defaultEnv;
  const names = context.model.environments.map((e) => e.name);
  if (env === undefined) return { ok: false, message: 'ces manifestes ne définissent aucun environnement' };
  if (names.includes(env)) return { ok: true, env };
  const close = nearest(env, names);
  return { ok: false, message: `aucun environnement « ${env} »${close.length > 0 ? didYouMean(close) : ` (environnements : ${existing(names)})`}` };
}

/**
 * A component showing something of one environment: the environment must exist, then `render` (the view the
 * component calls) must succeed. `props` are the props the check reads.
 */
export function showsEnvironment(props: readonly string[], render?: (values: PropValues, env: string, context: CheckContext) => unknown): CheckedComponent {
  return {
    props: ['env', ...props.filter((p) => p !== 'env')],
    required: [],
    check(values, context) {
      const env = envOf(values, context);
      if (!env.ok || !render) return env.ok ? { ok: true } : env;
      try {
        render(values, env.env!, context);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: reason(error) };
      }
    },
  };
}

/** A component about every environment when it names none, or about the one it names. */
function everyOrOne(render: (values: PropValues, env: string, context: CheckContext) => unknown): CheckedComponent {
  const one = showsEnvironment([], render);
  return { ...one, check: (values, context) => (values.env === undefined ? { ok: true } : one.check(values, context)) };
}

/** A reference component whose value the page also computes: both the reference and the value must resolve. */
function computes(base: CheckedComponent, extraProps: readonly string[], render: (values: PropValues, env: string | undefined, context: CheckContext) => unknown): CheckedComponent {
  return {
    props: [...base.props, ...extraProps.filter((p) => !base.props.includes(p))],
    required: base.required,
    check(values, context) {
      const first = base.check(values, context);
      if (!first.ok) return first;
      try {
        render(values, values.env ?? context.defaultEnv, context);
        return first;
      } catch (error) {
        return { ok: false, message: reason(error) };
      }
    },
  };
}

const namespaceOrHost: CheckedComponent['check'] = (values, context) => {
  const env = envOf(values, context);
  if (!env.ok) return env;
  const environment = context.model.environments.find((e) => e.name === env.env)!;
  if (values.view === 'namespace') {
    const namespace = values.namespace ?? '';
    if (environment.namespaces.includes(namespace)) return { ok: true };
    const close = nearest(namespace, environment.namespaces);
    return { ok: false, message: `aucun espace de noms « ${namespace} » en ${env.env}${close.length > 0 ? didYouMean(close) : ` (existants : ${existing(environment.namespaces)})`}` };
  }
  if (values.view === 'request-path') {
    const hosts = publicHosts(environment);
    const host = values.host ?? '';
    if (hosts.includes(host)) return { ok: true };
    const close = nearest(host, hosts);
    return { ok: false, message: `aucun hôte public « ${host} » en ${env.env}${close.length > 0 ? didYouMean(close) : hosts.length > 0 ? ` (hôtes : ${existing(hosts)})` : ''}` };
  }
  return { ok: true };
};

const str = (value: string | undefined): string => value ?? '';

/** The components checked in MDX, by the name they are imported under. */
export const MODEL_COMPONENTS: Readonly<Record<string, CheckedComponent>> = {
  ...CHECKED_COMPONENTS,
  // Values quoted in prose: the reference, then the value the page prints.
  Count: computes(CHECKED_COMPONENTS.Count!, [], (v, env, { model }) => countOf(model, { kind: str(v.kind), namespace: v.namespace, env })),
  ImageVersion: computes(CHECKED_COMPONENTS.ImageVersion!, ['container'], (v, env, { model }) =>
    imageVersion(model, { namespace: v.namespace, name: str(v.name), container: v.container, env }),
  ),
  ChartVersion: computes(CHECKED_COMPONENTS.ChartVersion!, [], (v, env, { model }) => chartVersion(model, { namespace: v.namespace, name: str(v.name), env })),
  HostOf: computes(CHECKED_COMPONENTS.HostOf!, [], (v, env, { model }) => hostsOf(model, { namespace: v.namespace, name: str(v.name), env })),
  DatabaseRecovery: computes(CHECKED_COMPONENTS.DatabaseRecovery!, [], (v, env, { model }) =>
    databaseRecovery(model, { namespace: str(v.namespace), name: str(v.name), env }),
  ),
  VolumeRestore: computes(CHECKED_COMPONENTS.VolumeRestore!, [], (v, env, { model }) => volumeRestore(model, { namespace: str(v.namespace), name: str(v.name), env })),
  // Tables and lists of one environment.
  AlertsTable: showsEnvironment([], (_v, env, { model }) => alertRows(model, env)),
  BootstrapCommand: showsEnvironment([], (_v, env, { model }) => bootstrapCommand(model, env)),
  FluxSteps: showsEnvironment([], (_v, env, { model }) => fluxSteps(model, env)),
  HostList: showsEnvironment([], (_v, env, { model }) => publicHostList(model, env)),
  IssuerList: showsEnvironment([], (_v, env, { model }) => issuerRows(model, env)),
  SealedSecretsTable: showsEnvironment([], (_v, env, { model }) => sealedSecretRows(model, env)),
  SecurityTable: showsEnvironment([], (_v, env, { model }) => securityRows(model, env)),
  EndpointsTable: showsEnvironment([], (_v, env, { model }) => endpointRows(model, env)),
  InventoryTable: showsEnvironment(['namespace'], (v, env, { model }) => inventoryRows(model, env, v.namespace)),
  NetworkMatrix: showsEnvironment([], (_v, env, { model }) => networkMatrix(model, env)),
  ResourceUsageTable: showsEnvironment([], (_v, env, { model }) => resourceUsage(model, env)),
  SchedulesTable: showsEnvironment([], (_v, env, { model }) => scheduleRows(model, env)),
  StorageTable: showsEnvironment([], (_v, env, { model }) => storageRows(model, env)),
  RequestPaths: showsEnvironment([]),
  // Every environment when `env` is absent: only a named environment is checked.
  ImagesTable: everyOrOne((_v, env, { model }) => imageRows(model, env)),
  ComponentsTable: everyOrOne((_v, env, { model }) => componentRows(model, env)),
  // Diagrams: the environment, and the namespace or host the view is about.
  InfraDiagram: { props: ['view', 'env', 'namespace', 'host'], required: ['view'], check: namespaceOrHost },
  // Two environments side by side: the pair named, else the site's comparison pair.
  EnvDiff: {
    props: ['left', 'right'],
    required: [],
    check(values, context) {
      const [left, right] = [values.left ?? context.comparison?.[0], values.right ?? context.comparison?.[1]];
      if (left === undefined || right === undefined) return { ok: false, message: 'un seul environnement dans ces manifestes : rien à comparer' };
      for (const env of [left, right]) {
        const found = envOf({ env }, context);
        if (!found.ok) return found;
      }
      try {
        environmentDifference(context.model, left, right);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: reason(error) };
      }
    },
  },
};
