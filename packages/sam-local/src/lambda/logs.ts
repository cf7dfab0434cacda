/**
 * A function's output made readable: Powertools' JSON log lines become
 * `[Function] LEVEL message key=value ...`, embedded-metric-format lines
 * `[Function] METRIC name=value unit ... dimensions (namespace)` (emf.ts); anything else is printed
 * as is, with the function's name. With --json-logs the raw lines are kept (prefixed with the
 * function name).
 */
import { emfMetrics, formatEmf, type EmfMetric } from './emf.js';

const STANDARD_KEYS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'cold_start',
  'function_name',
  'function_memory_size',
  'function_arn',
  'function_request_id',
  'xray_trace_id',
]);

function value(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/**
 * `onMetrics` receives the metrics of every EMF line (for `--metrics`), whatever the output format.
 */
export function formatFunctionLine(
  name: string,
  raw: string,
  json: boolean,
  onMetrics?: (metrics: EmfMetric[]) => void,
): string[] {
  const prefix = `  [${name}]`;
  const text = raw.trimEnd();
  if (!text.startsWith('{')) return [`${prefix} ${text}`];
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return [`${prefix} ${text}`];
  }
  const metrics = emfMetrics(entry);
  if (metrics) onMetrics?.(metrics);
  if (json) return [`${prefix} ${text}`];
  if (metrics) return formatEmf(metrics).map((l) => `${prefix} ${l}`);
  if (typeof entry.message !== 'string' && typeof entry.level !== 'string') return [`${prefix} ${text}`];
  const extras: string[] = [];
  const trailer: string[] = [];
  for (const [k, v] of Object.entries(entry)) {
    if (STANDARD_KEYS.has(k)) continue;
    if (k === 'error' && v && typeof v === 'object') {
      const e = v as { name?: string; message?: string; stack?: string };
      extras.push(`error=${value(`${e.name ?? 'Error'}: ${e.message ?? ''}`)}`);
      if (e.stack)
        trailer.push(
          ...e.stack
            .split('\n')
            .slice(1, 6)
            .map((l) => `${prefix}     ${l.trim()}`),
        );
    } else if (k === 'stack' && Array.isArray(v)) {
      trailer.push(...(v as string[]).slice(0, 5).map((l) => `${prefix}     ${l}`));
    } else extras.push(`${k}=${value(v)}`);
  }
  const level = typeof entry.level === 'string' ? entry.level : 'LOG';
  const message = typeof entry.message === 'string' ? entry.message : '';
  return [
    `${prefix} ${level.padEnd(5)} ${message}${extras.length ? ` ${extras.join(' ')}` : ''}`,
    ...trailer,
  ];
}
