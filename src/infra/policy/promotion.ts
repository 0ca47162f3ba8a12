// The one rule about two environments rather than one: the version production runs has run in staging first. It
// reads the comparison pair a repository configures (`environments.compare`: the environment where changes are
// tried, then the one they are promoted to); checks/promotion.ts turns what it finds into located findings.
import type { RuleCategory } from './types.ts';
import type { Severity } from '../model.ts';

export interface PairRule {
  id: string;
  code: string;
  severity: Severity;
  /** A convention of FFE's (promote through the first environment), not something that breaks. */
  category: RuleCategory;
  title: string;
  description: string;
}

export const PROMOTION_RULE: PairRule = {
  id: 'tested-before-production',
  code: 'FFE-W-UNTESTED-VERSION',
  severity: 'warning',
  category: 'convention',
  title: 'Essayé avant la production',
  description:
    'Une image ou un chart passe par l’environnement d’essai (le premier de la paire comparée, staging) avant d’atteindre le second (production) : la production ne fait jamais tourner une version plus récente que celle que staging a essayée. Staging en avance, c’est une promotion en attente ; la production en avance, c’est une version que personne n’a essayée.',
};

export const PAIR_RULES: readonly PairRule[] = [PROMOTION_RULE];
