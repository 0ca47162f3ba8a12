// Helm charts as the objects that install them say: which chart, in which version, from where, into which namespace,
// with which values — and the release Helm keeps in the cluster for it. Each installing kind (Flux HelmRelease, k3s
// HelmChart and HelmChartConfig, Argo CD Application) has its parser, named by its registry entry; the component list,
// the Git ↔ cluster comparison and the prose read this one shape.
import type { FieldPath } from '../model.ts';
import type { ObjectReference } from './flux.ts';

export interface ChartInstall {
  chart: string;
  version?: string;
  /** The Flux source the chart comes from (its URL is that source's), when the object names one. */
  source?: ObjectReference;
  /** The repository URL, when the object writes it. */
  repository?: string;
  /** The namespace its objects go to, when written. */
  namespace?: string;
  /** When `namespace` is not written: they go to the installing object's own namespace (else: unknown). */
  ownNamespaceByDefault: boolean;
  /** It reconfigures a chart installed by something else (k3s HelmChartConfig): it installs nothing itself. */
  configures?: true;
  /** The chart is a source's artifact (Flux `chartRef`: an OCIRepository, a HelmChart): its version is the source's. */
  fromSource?: true;
  /** The values given to the chart, merged as the installer merges them. */
  values: unknown;
  /**
   * Where the chart is written, its version (or where it would be), and the values when they are one field (not
   * merged from several).
   */
  at: { chart: FieldPath; version?: FieldPath; values?: FieldPath };
}

/** A Helm release an object installs: what Helm names it, where it keeps it, what else the installer makes for it. */
export interface InstalledRelease {
  name: string;
  namespace?: string;
  /** Namespace of the Secrets where Helm stores the release. */
  storageNamespace?: string;
  /** The deploying object creates its target namespace (`install.createNamespace`). */
  createsNamespace: boolean;
  /** A Flux HelmRelease: helm-controller makes a source HelmChart `<namespace>-<name>` for it. */
  fluxHelmChart?: { namespace?: string; name: string };
  /** An Argo CD Application that renders the chart itself: its objects carry its tracking id, not Helm's. */
  argoApplication?: string;
}
