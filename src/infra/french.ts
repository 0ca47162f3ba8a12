// French wording shared by relations, checks and views: lists, counts and the article before a kind. One helper each,
// so that « 2 ressources » or « a, b et c » read the same on every page and in every message.

/** « a », « a et b », « a, b et c »; with `ou`: « a, b ou c ». */
export function joinFrench(items: readonly string[], conjunction: 'et' | 'ou' = 'et'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/**
 * « 1 ressource », « 3 ressources », « 1 234 ressources »: the count, a non-breaking space (French typography keeps a
 * number with its noun), and the noun agreeing with it (French puts 0 and 1 in the singular).
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('fr-FR')}\u00a0${count > 1 ? pluralForm : singular}`;
}

/** « le Deployment », « l’Ingress »: French elides the article before a vowel (and a mute h). */
export function theKind(kind: string): string {
  return /^[AEIOUYHaeiouyh]/.test(kind) ? `l’${kind}` : `le ${kind}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
