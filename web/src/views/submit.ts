/**
 * Submit a job: its type (the contract's JobType values) and a JSON payload, checked as it is typed
 * (valid JSON, an object, at most 256 KiB as the contract says); the API's own refusals (a payload its
 * type cannot use, ...) are shown as it words them. Each submission carries a new Idempotency-Key, so
 * the client may retry it after a 503 without making two jobs.
 */
import { jobTypeValues, type JobType, type SubmitJobRequest } from '../../../api/client.js';
import { h, field, replace } from '../dom.js';
import type { ConsoleContext, View } from '../context.js';
import { payloadSources } from '../extensions.js';
import { attempt, problemBox } from '../problems.js';

/** The contract's limit on a payload (SubmitJobRequest.payload: at most 256 KiB of JSON). */
const PAYLOAD_LIMIT_BYTES = 256 * 1024;

/** A starting payload per type, to show its shape; any other type starts from {}. */
const EXAMPLES: Partial<Record<JobType, Record<string, unknown>>> = {
  echo: { hello: 'world' },
  'word-count': { text: 'The quick brown fox jumps over the lazy dog.' },
  sha256: { any: ['JSON', 'value'] },
  'csv-stats': { text: 'city,temp\nOslo,-3\nRome,21\n' },
};

/** Why `text` is not a payload, or the payload. */
export function parsePayload(text: string): { payload: Record<string, unknown> } | { message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { message: `Not valid JSON: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { message: 'The payload must be a JSON object, e.g. {"text": "..."}.' };
  const bytes = new TextEncoder().encode(JSON.stringify(value)).length;
  if (bytes > PAYLOAD_LIMIT_BYTES)
    return {
      message: `The payload is ${bytes} bytes of JSON; the limit is ${PAYLOAD_LIMIT_BYTES} bytes (256 KiB).`,
    };
  return { payload: value as Record<string, unknown> };
}

export function submitView(ctx: ConsoleContext, onSubmitted: (jobId: string) => void): View {
  const type = h('select', { name: 'jobType' }, ...jobTypeValues.map((t) => h('option', { value: t }, t)));
  const payload = h('textarea', { name: 'payload', rows: 8, spellcheck: false, class: 'code' });
  const check = h('p', { class: 'hint', id: 'payload-check', 'aria-live': 'polite' });
  const status = h('div', { class: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, 'Submit job');
  let edited = false;

  const validate = () => {
    const parsed = parsePayload(payload.value);
    const bad = 'message' in parsed;
    payload.setAttribute('aria-invalid', String(bad));
    check.className = bad ? 'hint invalid' : 'hint';
    check.textContent = bad ? parsed.message : 'Valid JSON object.';
    return parsed;
  };
  const setPayload = (value: Record<string, unknown>) => {
    payload.value = JSON.stringify(value, null, 2);
    edited = true;
    validate();
  };
  const example = () => {
    if (!edited) {
      payload.value = JSON.stringify(EXAMPLES[type.value as JobType] ?? {}, null, 2);
      validate();
    }
  };
  type.addEventListener('change', example);
  payload.addEventListener('input', () => {
    edited = true;
    validate();
  });
  example();

  const payloadField = field('Payload (JSON)', payload);
  payload.setAttribute('aria-describedby', check.id);
  payloadField.append(check);

  const form = h(
    'form',
    { id: 'submit-job', 'aria-labelledby': 'submit-heading', novalidate: true },
    h('h2', { id: 'submit-heading' }, 'Submit a job'),
    field('Job type', type),
    payloadField,
    ...payloadSources.map((source) =>
      source.render(
        {
          setPayload,
          jobType: () => type.value as JobType,
          // A job over an uploaded file: the same submission, with the upload instead of the payload.
          submitUpload: (uploadId) => send({ jobType: type.value as JobType, uploadId }),
        },
        ctx.api,
      ),
    ),
    h('div', { class: 'actions' }, submit),
    status,
  );

  async function send(body: SubmitJobRequest): Promise<void> {
    submit.disabled = true;
    replace(status);
    try {
      const result = await attempt(() =>
        ctx.api.POST('/submit-job-request', {
          body,
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
        }),
      );
      if (!result.data) return replace(status, problemBox(result));
      replace(status, h('p', { class: 'ok' }, `Job ${result.data.jobId} is ${result.data.jobStatus}.`));
      onSubmitted(result.data.jobId);
    } finally {
      submit.disabled = false;
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const parsed = validate();
    if ('message' in parsed) {
      replace(status);
      payload.focus();
      return;
    }
    // As typed: the API checks the payload against its type's schema, and its refusal is shown.
    void send({ jobType: type.value as JobType, payload: parsed.payload } as SubmitJobRequest);
  });
  return { element: form };
}
