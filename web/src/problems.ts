/**
 * What went wrong, for people: an RFC 9457 problem's title, detail and each `errors[]` entry as
 * `pointer: message`, or what else the API or the network answered.
 */
import type { Problem } from '../../api/client.js';
import { h } from './dom.js';

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).title === 'string';
}

/** The lines a failure reads as: problem+json, a bare status, or a network error. */
export function problemLines(failure: { error?: unknown; response?: Response; thrown?: unknown }): {
  title: string;
  detail?: string;
  errors: string[];
} {
  const { error, response, thrown } = failure;
  if (thrown !== undefined)
    return {
      title: 'The API cannot be reached',
      detail: thrown instanceof Error ? thrown.message : typeof thrown === 'string' ? thrown : 'no answer',
      errors: [],
    };
  if (isProblem(error))
    return {
      title: error.status ? `${error.title} (${error.status})` : error.title,
      ...(error.detail ? { detail: error.detail } : {}),
      errors: (error.errors ?? []).map((e) => `${e.pointer || '(the whole body)'}: ${e.message}`),
    };
  const status = response ? `${response.status} ${response.statusText}`.trim() : 'no response';
  return {
    title: `The API answered ${status}`,
    ...(typeof error === 'string' && error ? { detail: error } : {}),
    errors: [],
  };
}

/** An alert box for the failure: read out by screen readers as it appears. */
export function problemBox(failure: Parameters<typeof problemLines>[0]): HTMLElement {
  const { title, detail, errors } = problemLines(failure);
  return h(
    'div',
    { class: 'problem', role: 'alert' },
    h('p', { class: 'problem-title' }, title),
    detail ? h('p', { class: 'problem-detail' }, detail) : null,
    errors.length > 0 ? h('ul', { class: 'problem-errors' }, ...errors.map((e) => h('li', {}, e))) : null,
  );
}

/** Calls the API; a thrown network error becomes a failure like any other. */
export async function attempt<T extends { error?: unknown; response: Response }>(
  call: () => Promise<T>,
): Promise<T | { thrown: unknown; error?: undefined; data?: undefined; response?: undefined }> {
  try {
    return await call();
  } catch (thrown) {
    return { thrown };
  }
}
