/**
 * JSON with object keys sorted at every level, so two bodies that differ only in key order hash the
 * same (an Idempotency-Key replay from another client library is still "the same body"), and the
 * sha256 job type's digest does not depend on how the client ordered its keys. Hand-written: a
 * recursive sort is a few lines; RFC 8785 packages add number formatting rules JSON.stringify already meets.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, sortKeys(obj[k])]),
    );
  }
  return value;
}
