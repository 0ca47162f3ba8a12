// French words for relation types: how a relation reads on a resource page and on a diagram edge. What a kind is
// called lives in the kind registry (src/infra/kinds/registry.ts).
import type { RelationType } from '../infra/index.ts';

/**
 * How a relation reads: from its source (« route vers »), from its target (« reçoit le trafic de »), and as one short
 * word on a diagram edge (the resource pages give the full reason).
 */
export const RELATION_WORDS: Record<RelationType, { outgoing: string; incoming: string; edge: string }> = {
  'routes-to': { outgoing: 'route vers', incoming: 'reçoit le trafic de', edge: 'route' },
  selects: { outgoing: 'sélectionne', incoming: 'sélectionné par', edge: 'sélectionne' },
  'uses-configmap': { outgoing: 'utilise la configuration', incoming: 'configuration utilisée par', edge: 'config' },
  'uses-secret': { outgoing: 'utilise le secret', incoming: 'secret utilisé par', edge: 'secret' },
  'uses-pvc': { outgoing: 'monte le volume', incoming: 'volume monté par', edge: 'volume' },
  'uses-service-account': { outgoing: 's’exécute avec', incoming: 'identité de', edge: 'identité' },
  'produces-secret': { outgoing: 'produit le secret', incoming: 'produit par', edge: 'produit' },
  'uses-storage-class': { outgoing: 'stocké avec la classe', incoming: 'classe de stockage de', edge: 'classe' },
  scales: { outgoing: 'met à l’échelle', incoming: 'mis à l’échelle par', edge: 'échelle' },
  protects: { outgoing: 'protège', incoming: 'protégé par', edge: 'protège' },
  'applies-to': { outgoing: 's’applique à', incoming: 'soumis à la règle', edge: 'règle' },
  'allows-from': { outgoing: 'autorise l’entrée depuis', incoming: 'autorisé à entrer par', edge: 'autorise depuis' },
  'allows-to': { outgoing: 'autorise la sortie vers', incoming: 'autorisé en sortie par', edge: 'autorise vers' },
  'stores-certificate': { outgoing: 'range le certificat dans', incoming: 'contient le certificat de', edge: 'certificat' },
  'issued-by': { outgoing: 'certificat émis par', incoming: 'émet les certificats de', edge: 'émis par' },
  binds: { outgoing: 'accorde le rôle', incoming: 'rôle accordé par', edge: 'rôle' },
  'binds-subject': { outgoing: 'accorde des droits à', incoming: 'reçoit des droits de', edge: 'droits' },
  deploys: { outgoing: 'déploie', incoming: 'déployé par', edge: 'déploie' },
  'depends-on': { outgoing: 'attend', incoming: 'attendu par', edge: 'attend' },
  source: { outgoing: 'source', incoming: 'source de', edge: 'source' },
  'backs-up': { outgoing: 'sauvegarde', incoming: 'sauvegardé par', edge: 'sauvegarde' },
  'uses-database': { outgoing: 'utilise la base', incoming: 'base utilisée par', edge: 'base' },
};

/**
 * How a relation reads in a sentence between the names of its two ends, where its outgoing words would not
 * (« a pour source » rather than « source »), or would say the kind the other end's name already says
 * (« monte « Volume (PVC) data » » rather than « monte le volume « Volume (PVC) data » »).
 */
const SENTENCE_WORDS: Partial<Record<RelationType, string>> = {
  'uses-pvc': 'monte',
  'uses-storage-class': 'est stocké avec la classe',
  'issued-by': 'a son certificat émis par',
  source: 'a pour source',
};

export function relationSentence(type: RelationType): string {
  return SENTENCE_WORDS[type] ?? RELATION_WORDS[type]?.outgoing ?? type;
}

export function relationLabel(type: RelationType, direction: 'outgoing' | 'incoming'): string {
  return RELATION_WORDS[type]?.[direction] ?? type;
}

export function relationEdgeLabel(type: RelationType): string {
  return RELATION_WORDS[type]?.edge ?? type;
}
