/**
 * Repairs what @fastify/swagger's JSON Schema → OpenAPI conversion does to examples: it walks
 * into them as if they were schemas, and an example field named `properties` (an owner's
 * properties, say) is taken for the schema keyword — its array comes out as an object keyed
 * "0", "1", …. Run on the finished document (`transformObject`), this turns such objects inside
 * examples back into arrays; schemas themselves are left alone.
 */

type Json = unknown;

const isIndexObject = (value: Json): value is Record<string, Json> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k, i) => k === String(i));
};

/** An example value with every index-keyed object made an array again. */
function repairValue(value: Json): Json {
  if (Array.isArray(value)) return value.map(repairValue);
  if (isIndexObject(value)) return Object.values(value).map(repairValue);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, repairValue(v)]));
  return value;
}

/** The document with its examples repaired (media `example`, named `examples[*].value`, schema `example(s)`). */
export function repairExampleArrays<T>(doc: T): T {
  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'example') out[key] = repairValue(value);
      else if (key === 'examples' && Array.isArray(value)) out[key] = value.map(repairValue);
      else if (key === 'examples' && typeof value === 'object' && value !== null)
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, e]) => [
            name,
            typeof e === 'object' && e !== null && 'value' in e ? { ...e, value: repairValue(e.value) } : e,
          ]),
        );
      else out[key] = walk(value);
    }
    return out;
  };
  return walk(doc) as T;
}
