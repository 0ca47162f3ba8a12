// Cron expressions in French words (cronstrue's French locale). CNPG writes 6 fields (seconds first), CronJob 5,
// k8up adds its own `@daily-random` family.
import cronstrue from 'cronstrue/i18n.js';

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const RANDOM_MACROS: Record<string, string> = {
  '@yearly-random': 'une fois par an, à un moment tiré au hasard',
  '@annually-random': 'une fois par an, à un moment tiré au hasard',
  '@monthly-random': 'une fois par mois, à un moment tiré au hasard',
  '@weekly-random': 'une fois par semaine, à un moment tiré au hasard',
  '@daily-random': 'une fois par jour, à une heure tirée au hasard',
  '@hourly-random': 'une fois par heure, à une minute tirée au hasard',
};

export interface CronDescription {
  text: string;
  /** false when the expression could not be read: `text` then says so. */
  valid: boolean;
}

/** « À 02:15, tous les jours », « Toutes les 5 minutes »… */
export function describeCron(expression: string): CronDescription {
  const trimmed = expression.trim();
  const random = RANDOM_MACROS[trimmed];
  if (random) return { text: random.charAt(0).toUpperCase() + random.slice(1), valid: true };
  const expanded = MACROS[trimmed] ?? trimmed;
  try {
    let text = cronstrue.toString(expanded, { locale: 'fr', use24HourTimeFormat: true, throwExceptionOnParseError: true });
    const fields = expanded.split(/\s+/);
    if (fields.length >= 5 && fields.slice(-3).every((f) => f === '*' || f === '?') && /^À /.test(text)) text += ', tous les jours';
    return { text, valid: true };
  } catch {
    return { text: `Expression « ${trimmed} » non reconnue`, valid: false };
  }
}
