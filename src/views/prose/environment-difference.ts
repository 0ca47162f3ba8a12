// What differs between two environments, in two French sentences.
import { joinFrench, plural, publicHosts, type Model } from '../../infra/index.ts';
import { compareEnvironments } from '../compare.ts';
import { findEnvironment } from '../context.ts';

export interface EnvironmentDifference {
  left: string;
  right: string;
  same: number;
  /** Image and chart versions that differ, and how many of them production runs untested. */
  versions: number;
  untested: number;
  replicas: number;
  /** ConfigMaps and Secrets whose keys or values differ. */
  configs: number;
  /** Other settings (rows of the comparison page: one line setting several objects counts once). */
  settings: number;
  onlyLeft: number;
  onlyRight: number;
  /** Public hosts of each side; `sharedHosts` are published on both. */
  hostsLeft: number;
  hostsRight: number;
  sharedHosts: number;
  /** Differences without a comment where the overlay makes them. */
  unexplained: number;
  /** French, two sentences: what is the same, then what differs. */
  sentence: string;
}

export function environmentDifference(model: Model, left: string, right: string): EnvironmentDifference {
  const diff = compareEnvironments(model, left, right);
  const hosts = (env: string) => new Set(publicHosts(findEnvironment(model, env)));
  const hostsLeft = hosts(left);
  const hostsRight = hosts(right);
  const sharedHosts = [...hostsLeft].filter((h) => hostsRight.has(h)).length;
  const counts = {
    versions: diff.versions.length,
    untested: diff.versions.filter((v) => v.verdict.kind === 'untested').length,
    replicas: diff.replicas.reduce((n, row) => n + row.resources.length, 0),
    configs: diff.configs.length,
    settings: diff.settings.length,
    onlyLeft: diff.onlyLeft.length,
    onlyRight: diff.onlyRight.length,
  };
  const parts = [
    ...(counts.versions ? [plural(counts.versions, 'version', 'versions')] : []),
    ...(counts.replicas ? [plural(counts.replicas, 'nombre de répliques', 'nombres de répliques')] : []),
    ...(counts.configs ? [plural(counts.configs, 'configuration', 'configurations')] : []),
    ...(counts.settings ? [plural(counts.settings, 'autre réglage', 'autres réglages')] : []),
    ...(counts.onlyLeft ? [`${plural(counts.onlyLeft, 'ressource présente', 'ressources présentes')} seulement en ${left}`] : []),
    ...(counts.onlyRight ? [`${plural(counts.onlyRight, 'ressource présente', 'ressources présentes')} seulement en ${right}`] : []),
  ];
  const hostClause =
    hostsLeft.size + hostsRight.size === 0
      ? ''
      : sharedHosts === 0
        ? `chaque environnement publie ses propres noms d’hôte (${hostsLeft.size} en ${left}, ${hostsRight.size} en ${right})`
        : sharedHosts === hostsLeft.size && sharedHosts === hostsRight.size
          ? `les deux publient les mêmes noms d’hôte`
          : `${plural(sharedHosts, 'nom d’hôte est publié', 'noms d’hôte sont publiés')} des deux côtés`;
  const same = `${plural(diff.same, 'ressource est identique', 'ressources sont identiques')} en ${left} et en ${right}.`;
  const differs = parts.length === 0 ? 'Rien d’autre ne diffère' : `Ce qui diffère : ${joinFrench(parts)}`;
  const untested = counts.untested ? ` ${plural(counts.untested, 'version tourne', 'versions tournent')} en ${right} sans être passée${counts.untested > 1 ? 's' : ''} par ${left}.` : '';
  const sentence = `${same} ${differs}${hostClause ? ` ; ${hostClause}` : ''}.${untested}`;
  return {
    left,
    right,
    same: diff.same,
    ...counts,
    hostsLeft: hostsLeft.size,
    hostsRight: hostsRight.size,
    sharedHosts,
    unexplained: diff.differences - diff.explained,
    sentence,
  };
}
