import { type TSchema, Type } from '@sinclair/typebox';

/** A bounded string (every input string is bounded). */
export const Text = (maxLength: number, minLength = 0) => Type.String({ minLength, maxLength });
export const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
export const IsoDate = Type.String({ format: 'date', maxLength: 10 });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A value that is legitimately any JSON, and says so: an audit entry's before and after, a
 * changed property of a form definition, an error's details. Its JSON Schema is the schema of
 * any value (`{}`), written out whole (fast-json-stringify hands it to `JSON.stringify`, so
 * nothing is dropped); a recursive union would say the same thing, slower, and its `$id` would
 * clash in the shared Ajv instances.
 */
export const JsonValue = Type.Unsafe<JsonValue>({
  title: 'JsonValue',
  description: 'Any JSON value (null, boolean, number, string, array or object), sent as stored.',
});

export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  field: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.String(),
  details: Type.Optional(JsonValue),
});

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

/** A page of items with the total count. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });

export const Ok = Type.Object({ ok: Type.Boolean() });
