/** Small readers for parsed YAML/JSON, whose values are `unknown` until looked at. */
import type { JsonObject } from 'sam-local/template';

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as text for messages and comparisons: strings as they are, anything else as JSON. */
export const text = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));
