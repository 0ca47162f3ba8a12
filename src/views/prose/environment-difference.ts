// What differs between two environments, in two French sentences.
import { joinFrench, plural, publicHosts, type Model } from '../../infra/index.ts';
import { compareEnvironments } from '../compare.ts';
import { findEnvironment } from '../context.ts';

export interface EnvironmentDifference {
  left: string;
  right: string;
  same: number;
  images: number;
  replicas: number;
  onlyLeft: number;
  onlyRight: number;
  /** Public hosts of each side; `sharedHosts` are published on both. */
  hostsLeft: number;
  hostsRight: number;
  sharedHosts: number;
  /** French, two sentences: what is the same, then what differs. */
  sentence: string;
}

export function environmentDifference(model: Model, left: string, right: string): EnvironmentDifference {
  const diff = compareEnvironments(model, left, right);
  const hosts = (env: string) => new Set(publicHosts(findEnvironment(model, env)));
  const hostsLeft = hosts(left);
  const hostsRight = hosts(right);
  const sharedHosts = [...hostsLeft].filter((h) => hostsRight.has(h)).length;
  const counts = { images: diff.images.length, replicas: diff.replicas.length, onlyLeft: diff.onlyLeft.length, onlyRight: diff.onlyRight.length };
  const parts = [
    ...(counts.images ? [plural(counts.images, 'image', 'images')] : []),
    ...(counts.replicas ? [plural(counts.replicas, 'nombre de répliques', 'nombres de répliques')] : []),
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
  const same = `${plural(diff.same, 'ressource est identique', 'ressources sont identiques')} (mêmes images, mêmes répliques) en ${left} et en ${right}.`;
  const differs = parts.length === 0 ? 'Rien d’autre ne diffère' : `Ce qui diffère : ${joinFrench(parts)}`;
  const sentence = `${same} ${differs}${hostClause ? ` ; ${hostClause}` : ''}.`;
  return { left, right, same: diff.same, ...counts, hostsLeft: hostsLeft.size, hostsRight: hostsRight.size, sharedHosts, sentence };
}
