// ConfigMaps: the values they hold, as text (what a pod reads from them).
import type { KubeObject } from '../model.ts';
import { Field } from './located.ts';

/** `data` as written: keys to text values (a value that is not text is not kept). */
export function configMapDataOf(configMap: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Field.of(configMap).at('data').entries()) if (typeof value.value === 'string') out[key] = value.value;
  return out;
}
