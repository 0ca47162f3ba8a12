// Reading a manifest field by field, keeping where each value was written. A parser walks an object with `Field`:
// every value it reads comes with its path from the object's root (`['spec', 'template', 'spec', 'containers', 0,
// 'image']`), and the loader turns a path into a file and a line (`locationOf`). So whoever needs to say where a value
// is — the Git ↔ cluster comparison, a finding — asks the parser, never the object again.
// As tolerant as ../fields.ts: a field of the wrong type reads as absent, never as a crash.
import { asRecord, asString } from '../fields.ts';
import type { FieldPath } from '../model.ts';

/** Where the values of a parsed fact were read: one path per property that comes from a field of the object. */
export type FieldsOf<T> = { readonly [K in keyof T]?: FieldPath };

/** `spec.template.spec.containers[0].image`, as messages write a path. */
export function pathText(path: FieldPath): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${key}` : key), '');
}

/** One field of an object being read: its value as written (undefined when absent) and its path. */
export class Field {
  readonly value: unknown;
  readonly path: FieldPath;

  private constructor(value: unknown, path: FieldPath) {
    this.value = value;
    this.path = path;
  }

  /** The root of an object. */
  static of(object: unknown): Field {
    return new Field(object, []);
  }

  /** The field under these keys; a missing step gives a field whose value is undefined, so reading on is safe. */
  at(...keys: FieldPath): Field {
    let value = this.value;
    for (const key of keys) value = typeof key === 'number' ? (Array.isArray(value) ? value[key] : undefined) : asRecord(value)?.[key];
    return new Field(value, [...this.path, ...keys]);
  }

  /** Whether something (even `null`) is written here. */
  get written(): boolean {
    return this.value !== undefined;
  }

  record(): Record<string, unknown> | undefined {
    return asRecord(this.value);
  }

  /** Text as Kubernetes reads a name or a port: a number is its text, an empty string is not set. */
  string(): string | undefined {
    return asString(this.value);
  }

  /** The items of a list, each with its index as written; anything but a list has none. */
  items(): Field[] {
    return Array.isArray(this.value) ? this.value.map((item, index) => new Field(item, [...this.path, index])) : [];
  }

  /** The items of a list that are mappings (a `null` or a string among them is skipped, keeping the others' indexes). */
  records(): Field[] {
    return this.items().filter((item) => asRecord(item.value) !== undefined);
  }

  /** The entries of a mapping, each with its key. */
  entries(): [string, Field][] {
    return Object.keys(asRecord(this.value) ?? {}).map((key) => [key, this.at(key)]);
  }
}
