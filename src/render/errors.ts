// What a build prints when a diagram cannot be drawn: Astro's own error (a message and a hint, in French, with the
// file and line when known), never a stack trace of the renderer.
import { AstroError } from 'astro/errors';
import { DiagramSetupError } from './chromium.ts';
import { DiagramRenderError } from './mermaid.ts';

export interface DiagramErrorPlace {
  /** A file and line an author can open (`content/docs/architecture/site.mdx:26`). */
  location?: string;
  /** What the author can do about a mermaid syntax error at that place. */
  hint?: string;
}

const SETUP_HINT =
  'Installez le paquet Debian « chromium » (apt-get install chromium) ou indiquez le chemin du navigateur dans ' +
  'FFE_CHROMIUM. FFE_DIAGRAMS=client laisse les schémas au navigateur du lecteur, au prix de pages plus lourdes.';

const GENERATED_HINT =
  'Ce schéma est calculé depuis les manifestes (src/views) : relancez avec FFE_DIAGRAMS=client pour voir le texte ' +
  'mermaid dans la page, et signalez l’erreur avec ce texte.';

/** The AstroError to throw instead of `error` when it is one of the renderer's; anything else is returned as is. */
export function diagramBuildError(error: unknown, place: DiagramErrorPlace = {}): unknown {
  const where = place.location ? `${place.location} : ` : '';
  let astroError: AstroError | undefined;
  if (error instanceof DiagramRenderError) {
    astroError = new AstroError(`${where}${error.message}`, place.hint ?? GENERATED_HINT);
  } else if (error instanceof DiagramSetupError) {
    // The machine, not the page, is at fault: no location.
    astroError = new AstroError(error.message, SETUP_HINT);
  }
  if (!astroError) return error;
  // Astro prints a stack trace whenever the error has one: the message and the hint say all there is to say.
  astroError.stack = '';
  return astroError;
}
