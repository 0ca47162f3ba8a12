// Text from the manifests printed to a terminal (npm run check, the build log, npm run drift): a repository must not be
// able to move the cursor, recolour, retitle the terminal or print a line of its own (a fake « 0 erreur »). Every
// control character is written as a visible escape instead: C0 (line breaks included), DEL, C1 (0x9B is a CSI of its
// own) and the bidirectional overrides that reorder what is displayed (« Trojan Source »).

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** What JSON.stringify leaves as it is (it escapes C0 itself; its own line breaks are the layout). */
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control character shown as an escape (`\n`, `\u001b`…); printable text is left alone. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0, but writes C1 and the bidirectional controls as they are;
 * `\uXXXX` is the same string for a JSON reader.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNESCAPED_BY_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
