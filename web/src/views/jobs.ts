/**
 * The caller's jobs (GET /jobs, newest first, a page at a time through nextToken), refreshed every few
 * seconds, and one job's details (GET /job-status/{jobId}) with its result link and the actions
 * registered in extensions.ts.
 */
import type { Job, JobStatus } from '../../../api/client.js';
import { h, formatTime, replace } from '../dom.js';
import type { ConsoleContext, View } from '../context.js';
import { jobActions, type JobAction } from '../extensions.js';
import { attempt, problemBox } from '../problems.js';

const PAGE_SIZE = 10;
export const REFRESH_INTERVAL_MS = 3000;

const badge = (status: JobStatus) => h('span', { class: `badge badge-${status}` }, status);

export function jobsView(ctx: ConsoleContext): View & { reload(): void; open(jobId: string): void } {
  const body = h('tbody');
  const status = h('div', { class: 'status', 'aria-live': 'polite' });
  const newer = h('button', { type: 'button', class: 'secondary' }, 'Newer');
  const older = h('button', { type: 'button', class: 'secondary' }, 'Older');
  const pageLabel = h('span', { class: 'page' });
  const details = h('section', { id: 'job-details', 'aria-labelledby': 'details-heading', hidden: true });
  // The tokens of the pages shown so far: [undefined (the first page), nextToken of page 1, ...].
  const pages: (string | undefined)[] = [undefined];
  let page = 0;
  let openJobId: string | undefined;
  let loading = false;

  async function loadPage(): Promise<void> {
    if (loading) return;
    loading = true;
    try {
      const token = pages[page];
      const result = await attempt(() =>
        ctx.api.GET('/jobs', {
          params: { query: { limit: PAGE_SIZE, ...(token ? { nextToken: token } : {}) } },
        }),
      );
      if (!result.data) {
        replace(status, problemBox(result));
        return;
      }
      replace(status);
      const { items, nextToken } = result.data;
      pages.length = page + 1;
      if (nextToken) pages.push(nextToken);
      renderRows(items);
      newer.disabled = page === 0;
      older.disabled = nextToken === undefined;
      pageLabel.textContent = `Page ${page + 1}`;
    } finally {
      loading = false;
    }
  }

  function renderRows(items: Job[]): void {
    // Keep the keyboard where it was across a refresh.
    const focused = (document.activeElement as HTMLElement | null)?.dataset.jobId;
    replace(
      body,
      ...(items.length === 0
        ? [h('tr', {}, h('td', { colspan: 5 }, 'No jobs yet: submit one above.'))]
        : items.map((job) =>
            h(
              'tr',
              { dataset: { jobId: job.jobId, status: job.jobStatus } },
              h(
                'th',
                { scope: 'row' },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link',
                    dataset: { jobId: job.jobId },
                    onclick: () => open(job.jobId),
                  },
                  job.jobId,
                ),
              ),
              h('td', {}, job.jobType),
              h('td', {}, badge(job.jobStatus)),
              h('td', {}, formatTime(job.createdAt)),
              h('td', {}, formatTime(job.updatedAt)),
            ),
          )),
    );
    if (focused) body.querySelector<HTMLElement>(`button[data-job-id="${CSS.escape(focused)}"]`)?.focus();
  }

  async function showDetails(jobId: string, moveFocus: boolean): Promise<void> {
    const result = await attempt(() => ctx.api.GET('/job-status/{jobId}', { params: { path: { jobId } } }));
    if (openJobId !== jobId) return; // another job was opened meanwhile
    details.hidden = false;
    const heading = h('h2', { id: 'details-heading', tabindex: -1 }, `Job ${jobId}`);
    const close = h('button', { type: 'button', class: 'secondary', onclick: closeDetails }, 'Close');
    if (!result.data) {
      replace(details, heading, problemBox(result), close);
    } else {
      const job = result.data;
      const actionStatus = h('div', { class: 'status', 'aria-live': 'polite' });
      const run = async (action: JobAction) => {
        replace(actionStatus);
        try {
          const outcome = await action.run(job, ctx.api);
          if (outcome && !outcome.response.ok) return replace(actionStatus, problemBox(outcome));
        } catch (thrown) {
          return replace(actionStatus, problemBox({ thrown }));
        }
        ctx.announce(`${action.label}: done.`);
        await Promise.all([loadPage(), showDetails(jobId, false)]);
      };
      const actions = jobActions
        .filter((a) => a.appliesTo(job))
        .map((a) => h('button', { type: 'button', onclick: () => void run(a) }, a.label));
      replace(
        details,
        heading,
        h(
          'dl',
          {},
          h('dt', {}, 'Type'),
          h('dd', {}, job.jobType),
          h('dt', {}, 'Status'),
          h('dd', {}, badge(job.jobStatus)),
          h('dt', {}, 'Created'),
          h('dd', {}, formatTime(job.createdAt)),
          h('dt', {}, 'Updated'),
          h('dd', {}, formatTime(job.updatedAt)),
          job.error ? h('dt', {}, 'Error') : null,
          job.error ? h('dd', { class: 'job-error' }, job.error) : null,
        ),
        job.jobProcessedPayload
          ? h(
              'p',
              {},
              h(
                'a',
                {
                  href: job.jobProcessedPayload,
                  target: '_blank',
                  rel: 'noopener noreferrer',
                  class: 'download',
                },
                'Download the result',
              ),
              ' (a presigned link: it expires after a few minutes; reopen the job for a new one)',
            )
          : ['queued', 'processing'].includes(job.jobStatus)
            ? h('p', { class: 'hint' }, 'The result link appears here once the job is complete.')
            : null,
        h('div', { class: 'actions' }, ...actions, close),
        actionStatus,
      );
    }
    if (moveFocus) details.querySelector<HTMLElement>('#details-heading')?.focus();
  }

  function open(jobId: string): void {
    openJobId = jobId;
    void showDetails(jobId, true);
  }

  function closeDetails(): void {
    const jobId = openJobId;
    openJobId = undefined;
    details.hidden = true;
    replace(details);
    if (jobId) body.querySelector<HTMLElement>(`button[data-job-id="${CSS.escape(jobId)}"]`)?.focus();
  }

  newer.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    void loadPage();
  });
  older.addEventListener('click', () => {
    if (pages[page + 1] === undefined) return;
    page += 1;
    void loadPage();
  });

  const timer = setInterval(() => {
    if (document.hidden) return;
    void loadPage();
    // A job still running is worth a fresh look; a finished one keeps its link until reopened.
    const row = openJobId
      ? body.querySelector<HTMLElement>(`tr[data-job-id="${CSS.escape(openJobId)}"]`)
      : null;
    if (openJobId && row && ['queued', 'processing'].includes(row.dataset.status ?? ''))
      void showDetails(openJobId, false);
  }, REFRESH_INTERVAL_MS);
  void loadPage();

  const element = h(
    'div',
    { class: 'jobs' },
    h(
      'section',
      { id: 'jobs', 'aria-labelledby': 'jobs-heading' },
      h('h2', { id: 'jobs-heading' }, 'Your jobs'),
      h('p', { class: 'hint' }, `Newest first; refreshed every ${REFRESH_INTERVAL_MS / 1000} seconds.`),
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, 'Your jobs'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Job', 'Type', 'Status', 'Created', 'Updated'].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        body,
      ),
      h('nav', { class: 'pager', 'aria-label': 'Job pages' }, newer, pageLabel, older),
      status,
    ),
    details,
  );
  return {
    element,
    dispose: () => clearInterval(timer),
    reload: () => {
      page = 0;
      void loadPage();
    },
    open,
  };
}
