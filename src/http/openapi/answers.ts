/**
 * What a route's answers mean, for the OpenAPI document. A route wraps a response schema in
 * `answer()` to say what that status means on this route (and show an example), and a request
 * body in `withExamples()`. Validation is unchanged: zod's `.meta()` returns a copy that
 * validates the same, with metadata that only the JSON Schema conversion reads. Error statuses a route does not
 * describe itself get a default description and example (./transform.ts).
 */
import { z } from 'zod';
import { errorResponseSchema } from '../../contract/common.js';

/** Named examples: the docs page offers them in a drop-down. */
export type NamedExamples<T> = Record<string, { summary: string; value: T }>;
export type Shown<T> = { example: T } | { examples: NamedExamples<T> } | Record<string, never>;

function examplesMeta<T>(shown: Shown<T>): Record<string, unknown> {
  // JSON Schema `examples` becomes the media type's `example` (@fastify/swagger); `x-examples`
  // becomes its named `examples`.
  if ('example' in shown) return { examples: [shown.example] };
  if ('examples' in shown) return { 'x-examples': shown.examples };
  return {};
}

/** A response schema with what this status means on this route, and optionally examples. */
export function answer<S extends z.ZodType>(
  schema: S,
  description: string,
  shown: Shown<z.output<S>> = {},
): S {
  return schema.meta({ description, ...examplesMeta(shown) });
}

/** A request body (or other input) schema with examples of what a client sends. */
export function withExamples<S extends z.ZodType>(schema: S, shown: Shown<z.input<S>>): S {
  return schema.meta(examplesMeta(shown));
}

/** An error answer that means something particular on this route. */
export const refusal = (description: string, shown: Shown<z.output<typeof errorResponseSchema>> = {}) =>
  answer(errorResponseSchema, description, shown);

/** 204: no body. */
export const noContent = (description: string) => answer(z.null(), description);

/**
 * A body that is not JSON (a file, a text format), for the document only: Fastify sends such
 * bodies (buffers, strings, hijacked streams) without a serializer.
 */
export function nonJson(
  contentType: string,
  description: string,
  shown: { file: true } | { example: string },
) {
  // unknown: the handler may send a Buffer; the document still says "a string" (of bytes).
  const schema = z
    .unknown()
    .meta(
      'file' in shown ? { type: 'string', format: 'binary' } : { type: 'string', example: shown.example },
    );
  return { description, content: { [contentType]: { schema } } };
}
