import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: null added to `type` and `enum`, or, beside a
 * $ref or allOf (which carry no type), `anyOf: [schema, {type: 'null'}]`.
 */
export function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' || k === 'default' ? v : toJsonSchema(v);
  if (out.nullable !== true) return out;
  delete out.nullable;
  if (typeof out.type === 'string' && !out.allOf && !out.$ref) {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

interface Doc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
  components?: unknown;
}

/**
 * Checks answers against the OpenAPI document the app serves (/api/docs-json): a 2xx status
 * must be one the operation documents, and a JSON body must match the documented schema.
 * Ajv (with ajv-formats for uuid, date and date-time) reads OpenAPI 3.0's `nullable`.
 */
export class OpenApiResponses {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly doc: Doc) {
    this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(doc.components) }, 'openapi');
  }

  /** /api/patients/:id -> /api/patients/{id}, as the document writes paths. */
  static documentPath(routePath: string): string {
    return routePath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  }

  isDocumented(method: string, path: string): boolean {
    return !!this.doc.paths[path]?.[method.toLowerCase()];
  }

  /** What is wrong with the answer, or null. Only 2xx answers are checked here (errors have their own shape test). */
  problem(method: string, path: string, status: number, contentType: string, body: unknown): string | null {
    const op = this.doc.paths[path]?.[method.toLowerCase()];
    if (!op || status < 200 || status >= 300) return null;
    const response = op.responses?.[String(status)] ?? op.responses?.['2XX'] ?? op.responses?.default;
    if (!response) return `${status} is not a documented status (documented: ${Object.keys(op.responses ?? {}).join(', ')})`;
    if (!/application\/json/.test(contentType)) return null;
    const schema = response.content?.['application/json']?.schema;
    if (!schema) return null;
    const key = `${method} ${path} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'))) as object);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return null;
    const e = validate.errors?.[0];
    return `body does not match the documented schema: ${e?.instancePath || '(root)'} ${e?.message ?? ''}${e?.params ? ` ${JSON.stringify(e.params)}` : ''}`;
  }
}
