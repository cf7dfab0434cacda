/** Raw HTTP for hostile input: bodies and headers the typed client would refuse to build. */
export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
    ...(options.body !== undefined && method !== 'GET' && method !== 'DELETE' ? { body: options.body } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

/** An error response must be RFC 9457 problem+json whose status matches the HTTP status. */
export function problemViolation(r: RawResponse): string | undefined {
  if (r.status < 400) return undefined;
  if (!r.contentType.startsWith('application/problem+json'))
    return `status ${r.status} with content-type ${r.contentType}`;
  const p = r.json as { type?: unknown; title?: unknown; status?: unknown } | undefined;
  if (!p || typeof p.type !== 'string' || typeof p.title !== 'string' || p.status !== r.status) {
    return `status ${r.status} with a body that is not a problem: ${r.text.slice(0, 120)}`;
  }
  if (/\bat [\w.<>]+ \(|node_modules|Error:/.test(r.text))
    return `status ${r.status} leaks internals: ${r.text.slice(0, 120)}`;
  return undefined;
}
