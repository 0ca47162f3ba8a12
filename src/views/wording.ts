// French words for relation types: how a relation reads on a resource page, in a diagram's frame title and in the text
// version's sentences. What a kind is called lives in the kind registry (src/infra/kinds/registry.ts).
import type { RelationType } from '../infra/index.ts';

/** How a relation reads: from its source (« route vers »), and from its target (« reçoit le trafic de »). */
export const RELATION_WORDS: Record<RelationType, { outgoing: string; incoming: string }> = {
  'routes-to': { outgoing: 'route vers', incoming: 'reçoit le trafic de' },
  selects: { outgoing: 'sélectionne', incoming: 'sélectionné par' },
  'uses-configmap': { outgoing: 'utilise la configuration', incoming: 'configuration utilisée par' },
  'uses-secret': { outgoing: 'utilise le secret', incoming: 'secret utilisé par' },
  'uses-pvc': { outgoing: 'monte le volume', incoming: 'volume monté par' },
  'uses-service-account': { outgoing: 's’exécute avec', incoming: 'identité de' },
  'produces-secret': { outgoing: 'produit le secret', incoming: 'produit par' },
  'uses-storage-class': { outgoing: 'stocké avec la classe', incoming: 'classe de stockage de' },
  scales: { outgoing: 'met à l’échelle', incoming: 'mis à l’échelle par' },
  protects: { outgoing: 'protège', incoming: 'protégé par' },
  'applies-to': { outgoing: 's’applique à', incoming: 'soumis à la règle' },
  'allows-from': { outgoing: 'autorise l’entrée depuis', incoming: 'autorisé à entrer par' },
  'allows-to': { outgoing: 'autorise la sortie vers', incoming: 'autorisé en sortie par' },
  'stores-certificate': { outgoing: 'range le certificat dans', incoming: 'contient le certificat de' },
  'issued-by': { outgoing: 'certificat émis par', incoming: 'émet les certificats de' },
  binds: { outgoing: 'accorde le rôle', incoming: 'rôle accordé par' },
  'binds-subject': { outgoing: 'accorde des droits à', incoming: 'reçoit des droits de' },
  deploys: { outgoing: 'déploie', incoming: 'déployé par' },
  'depends-on': { outgoing: 'attend', incoming: 'attendu par' },
  source: { outgoing: 'source', incoming: 'source de' },
  'backs-up': { outgoing: 'sauvegarde', incoming: 'sauvegardé par' },
  'uses-database': { outgoing: 'utilise la base', incoming: 'base utilisée par' },
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
