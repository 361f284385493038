/**
 * A runtime description of one of our Webex types, checked against the type by the compiler: `Shape<T>` must name
 * every key of `T` (and no other), with the kind of each value. It lets tests prove that a payload (a spec example,
 * an emulator answer) fits our types "without loss": every field it carries is one we declared, of the declared kind.
 */
export type ScalarShape = 'string' | 'number' | 'boolean' | 'string|number' | 'json';
export type FieldShape = ScalarShape | readonly (string | number)[] | { readonly array: FieldShape } | ObjectShape;
export interface ObjectShape {
  readonly [key: string]: FieldShape;
}

type ShapeOf<V> = [V] extends [string]
  ? string extends V
    ? 'string'
    : readonly V[]
  : [V] extends [number]
    ? number extends V
      ? 'number'
      : readonly V[]
    : [V] extends [boolean]
      ? 'boolean'
      : [V] extends [string | number]
        ? 'string|number'
      : [V] extends [readonly (infer E)[]]
        ? { readonly array: ShapeOf<E> }
        : string extends keyof V
          ? 'json'
          : Shape<V>;

export type Shape<T> = { readonly [K in keyof T]-?: ShapeOf<NonNullable<T[K]>> };

/** Lists every place where `value` does not fit `shape`; empty means it parses into the type without loss. */
export function findShapeMismatches(shape: ObjectShape, value: unknown, where = '$'): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected an object`];
  const problems: string[] = [];
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const expected = shape[key];
    if (expected === undefined) {
      problems.push(`${where}.${key}: not declared in our type (it would be lost)`);
      continue;
    }
    problems.push(...fieldMismatches(expected, field, `${where}.${key}`));
  }
  return problems;
}

function fieldMismatches(expected: FieldShape, value: unknown, where: string): string[] {
  if (expected === 'json') return [];
  if (expected === 'string|number') return typeof value === 'string' || typeof value === 'number' ? [] : [`${where}: expected string or number, got ${JSON.stringify(value)}`];
  if (typeof expected === 'string') return typeof value === expected ? [] : [`${where}: expected ${expected}, got ${JSON.stringify(value)}`];
  if (Array.isArray(expected)) {
    return (expected as readonly unknown[]).includes(value) ? [] : [`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(expected)}`];
  }
  // `{ array: X }` marks a list; none of our Webex types has a field named `array`, so it cannot be an object shape.
  if ('array' in expected && Object.keys(expected).length === 1) {
    if (!Array.isArray(value)) return [`${where}: expected an array`];
    const inner = expected.array as FieldShape;
    return value.flatMap((item, i) => fieldMismatches(inner, item, `${where}[${i}]`));
  }
  return findShapeMismatches(expected as ObjectShape, value, where);
}

