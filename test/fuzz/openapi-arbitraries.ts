import fc from 'fast-check';

/** The part of JSON Schema (OpenAPI 3.0 dialect) that the app's served document uses. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  operationId?: string;
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/** Follows $ref and merges allOf, so that generators see one plain schema. */
export function resolve(doc: OpenApiDocument, schema: Schema | undefined, depth = 0): Schema {
  if (!schema || depth > 12) return {};
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')], depth + 1);
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(doc, s, depth + 1));
    const merged: Schema = { ...schema, allOf: undefined, type: parts.find((p) => p.type)?.type ?? schema.type };
    for (const p of parts) {
      merged.properties = { ...merged.properties, ...p.properties };
      merged.required = [...(merged.required ?? []), ...(p.required ?? [])];
      merged.enum ??= p.enum;
      merged.format ??= p.format;
    }
    return merged;
  }
  return schema;
}

const isoDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

/** Values that satisfy the schema (as far as the document says). */
export function valid(doc: OpenApiDocument, raw: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, raw);
  if (depth > 6) return fc.constant(null);
  const withNull = (a: fc.Arbitrary<unknown>) => (s.nullable ? fc.option(a, { nil: null, freq: 5 }) : a);
  if (s.oneOf || s.anyOf) return withNull(fc.oneof(...(s.oneOf ?? s.anyOf)!.map((x) => valid(doc, x, ids, depth + 1))));
  if (s.enum?.length) return withNull(fc.constantFrom(...s.enum));
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return withNull(ids.length ? fc.oneof(fc.constantFrom(...ids), fc.uuid({ version: 4 })) : fc.uuid({ version: 4 }));
      if (s.format === 'date') return withNull(isoDate.map((d) => d.toISOString().slice(0, 10)));
      if (s.format === 'date-time') return withNull(isoDate.map((d) => d.toISOString()));
      return withNull(fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) }));
    case 'integer':
      return withNull(fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 }));
    case 'number':
      return withNull(fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return withNull(fc.boolean());
    case 'array':
      return withNull(fc.array(valid(doc, s.items, ids, depth + 1), { maxLength: 4 }));
    default: {
      if (!s.properties) return withNull(fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }));
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(s.properties)) props[k] = valid(doc, v, ids, depth + 1);
      return withNull(fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) }));
    }
  }
}

/** Values of the wrong kind or out of range: what a careless or hostile client sends. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    -1,
    0,
    -2147483649,
    2147483648,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER - 2,
    1e308,
    -1e308,
    0.5,
    1e-7,
    '',
    ' ',
    'null',
    'NaN',
    'Infinity',
    '-1',
    '1e400',
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '9999-12-31T25:61:00Z',
    'yesterday',
    '2026-04-06T12:00:00+99:00',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    '../../etc/passwd',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '\u0000',
    '\uD800',
    '\u202Eevil',
    'Zalgo\u0301\u0301\u0301\u0301',
    '😀'.repeat(50),
    { $ne: null },
    ['a', 'b'],
    [],
    {},
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer({ min: 100_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 3 }),
);

export type BodyCase = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string };

/** A request body for the schema: valid, or valid with one thing broken, or not JSON at all. */
export function body(doc: OpenApiDocument, raw: Schema | undefined, ids: string[]): fc.Arbitrary<BodyCase> {
  const s = resolve(doc, raw);
  const base = valid(doc, s, ids);
  const fields = Object.keys(s.properties ?? {});
  const required = s.required ?? [];
  const json = (a: fc.Arbitrary<unknown>): fc.Arbitrary<BodyCase> => a.map((value) => ({ kind: 'json' as const, value }));
  const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as Record<string, unknown>) } : {});
  const cases: fc.Arbitrary<BodyCase>[] = [
    json(base),
    json(fc.tuple(base, fc.string({ minLength: 1, maxLength: 12 }), hostile).map(([v, k, x]) => ({ ...asObject(v), [`extra_${k}`]: x }))),
    json(hostile),
    fc.constantFrom<BodyCase>(
      { kind: 'raw', text: '{', contentType: 'application/json' },
      { kind: 'raw', text: '{"a":', contentType: 'application/json' },
      { kind: 'raw', text: '[1,2', contentType: 'application/json' },
      { kind: 'raw', text: 'nul', contentType: 'application/json' },
      { kind: 'raw', text: '"just a string"', contentType: 'application/json' },
      { kind: 'raw', text: '{"a":1}', contentType: 'text/plain' },
      { kind: 'raw', text: 'a=1&a=2', contentType: 'application/x-www-form-urlencoded' },
      { kind: 'raw', text: '<x/>', contentType: 'application/xml' },
      { kind: 'raw', text: '\u0000\u0001', contentType: 'application/json' },
      { kind: 'raw', text: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', contentType: 'application/json' },
    ),
    fc.string({ unit: 'binary', maxLength: 40 }).map<BodyCase>((text) => ({ kind: 'raw', text, contentType: 'application/json' })),
  ];
  if (fields.length) {
    const field = fc.constantFrom(...fields);
    cases.push(json(fc.tuple(base, field, hostile).map(([v, k, x]) => ({ ...asObject(v), [k]: x }))));
    cases.push(json(fc.tuple(base, field, hostile).map(([v, k, x]) => ({ ...asObject(v), [k]: x }))));
    // Repeated keys: JSON.parse keeps the last, so the first may smuggle a value past a naive check.
    cases.push(
      fc.tuple(base, field, hostile).map<BodyCase>(([v, k, x]) => {
        const text = JSON.stringify(asObject(v)).replace(/^\{/, `{${JSON.stringify(k)}:${JSON.stringify(x) ?? 'null'},`).replace(/,\}$/, '}');
        return { kind: 'raw', text, contentType: 'application/json' };
      }),
    );
  }
  if (required.length) {
    cases.push(json(fc.tuple(base, fc.constantFrom(...required)).map(([v, k]) => Object.fromEntries(Object.entries(asObject(v)).filter(([key]) => key !== k)))));
  }
  return fc.oneof(...cases);
}

/** A value for a path or query parameter, as text: real ids and schema values, and hostile ones. */
export function parameter(doc: OpenApiDocument, raw: Schema | undefined, ids: string[]): fc.Arbitrary<string | string[]> {
  const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  return fc.oneof(
    { weight: 3, arbitrary: valid(doc, raw, ids).map(asText) },
    { weight: 2, arbitrary: ids.length ? fc.constantFrom(...ids) : fc.uuid({ version: 4 }) },
    { weight: 2, arbitrary: hostile.map((v) => asText(v).slice(0, 5000)) },
    { weight: 1, arbitrary: fc.array(valid(doc, raw, ids).map(asText), { minLength: 2, maxLength: 3 }) },
  );
}
