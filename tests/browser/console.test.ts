/**
 * The console (web/) in headless Chromium against a local stack started here, on free ports, serving
 * it with `--static /console/=web/dist --static-config /console/config.json`: a new user signs up,
 * confirms with the code the stack printed (this is a local-stack test, so it may read the log), logs
 * in, sees a payload refused with the API's problem rendered field by field, submits an echo and a
 * word-count job, watches both complete in the list, opens one and downloads its result through the
 * presigned link; uploads a CSV (progress shown), watches its csv-stats job complete and downloads
 * the result; sees an upload refused; retries a failed job and cancels a queued one (written to the
 * table as submit would, so that it stays queued); an admin sees the users view the user does not. Each step leaves a screenshot in
 * tests/browser/screenshots/ (git-ignored).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BrowserContext, Page } from 'playwright-core';
import { buildWeb, webDist } from '../../scripts/build-web.js';
import { dynamoFor, loggedLines, physicalId } from '../support/emulators.js';
import { eventually } from '../support/eventually.js';
import { startStack, type StackTarget } from '../support/stack.js';
import { launchChromium } from './chromium.js';

const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
const TEXT = 'The quick brown fox jumps over the lazy dog.\nThe dog sleeps.';
const WORD_COUNT = {
  words: 12,
  uniqueWords: 9,
  characters: 60,
  lines: 2,
  topWords: [
    { word: 'the', count: 3 },
    { word: 'dog', count: 2 },
    { word: 'brown', count: 1 },
    { word: 'fox', count: 1 },
    { word: 'jumps', count: 1 },
    { word: 'lazy', count: 1 },
    { word: 'over', count: 1 },
    { word: 'quick', count: 1 },
    { word: 'sleeps', count: 1 },
  ],
};

const CSV = 'city,temp\nOslo,-3.5\n"Rome, IT",21\n';
const CSV_STATS = {
  rows: 2,
  columns: [
    { name: 'city', type: 'string', empty: 0, min: 'Oslo', max: 'Rome, IT' },
    { name: 'temp', type: 'number', empty: 0, min: -3.5, max: 21 },
  ],
};

let stack: StackTarget;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let context: BrowserContext;
let page: Page;
const email = `console-${Date.now()}@example.test`;
const password = 'Console-Passw0rd';
const jobs: { echo?: string; wordCount?: string } = {};
let step = 0;
/** The id of the element that has the keyboard focus. */
const focusedId = () => page.evaluate<string | undefined>('document.activeElement?.id');
const shot = (name: string) =>
  page.screenshot({
    path: join(SCREENSHOTS, `${String(++step).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await buildWeb();
  stack = await startStack({
    args: ['--static', `/console/=${webDist}`, '--static-config', '/console/config.json'],
  });
  browser = await launchChromium();
  context = browser.context;
  page = context.pages()[0] ?? (await context.newPage());
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The job id the submit form reports once it says "Job <id> is queued.". */
async function queuedJobId(): Promise<string> {
  const status = page.locator('#submit-job > .status .ok');
  await status.getByText(/^Job \S+ is queued\.$/).waitFor();
  return /^Job (\S+) is queued\.$/.exec(await status.innerText())?.[1] ?? '';
}

/** A queued job of the signed-in user's, written to the jobs table as submit writes one. */
async function seedQueuedJob(): Promise<string> {
  const stored = await page.evaluate<string | null>('sessionStorage.getItem("jobs-console.session")');
  const { idToken } = JSON.parse(stored ?? '{}') as { idToken: string };
  const { sub } = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as {
    sub: string;
  };
  const jobId = randomUUID();
  const at = new Date().toISOString();
  const db = DynamoDBDocumentClient.from(dynamoFor(stack));
  await db.send(
    new PutCommand({
      TableName: physicalId(stack, 'JobsTable'),
      Item: {
        ownerId: sub,
        jobId,
        jobType: 'echo',
        jobStatus: 'queued',
        payload: '{}',
        requestHash: 'seeded',
        createdAt: at,
        updatedAt: at,
        expiresAt: Math.floor(Date.now() / 1000) + 3600,
        attempts: 0,
      },
    }),
  );
  db.destroy();
  return jobId;
}

/** The job id the submit form reports ("Job <id> is queued."). */
async function submitJob(jobType: string, payload: string): Promise<string> {
  const form = page.locator('#submit-job');
  await form.getByLabel('Job type').selectOption(jobType);
  await form.getByLabel('Payload (JSON)').fill(payload);
  await form.getByRole('button', { name: 'Submit job' }).click();
  const status = form.locator('.status .ok');
  await status.waitFor();
  const match = /^Job (\S+) is queued\.$/.exec(await status.innerText());
  expect(match).not.toBeNull();
  return match?.[1] ?? '';
}

describe('the console, in Chromium, on the local stack', () => {
  it('loads from /console/ and finds the API through config.json', async () => {
    const response = await page.goto(`${stack.baseUrl}/console`);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(`${stack.baseUrl}/console/`);
    await expect(page.getByRole('heading', { name: 'Jobs console' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('footer').innerText()).resolves.toBe(`API: ${stack.baseUrl}`);
    await shot('signed-out');
  });

  it('signs up, and asks for the code with the focus on its field', async () => {
    const form = page.locator('#signup');
    await form.getByLabel('Name').fill('Console User');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Sign up' }).click();
    await form.getByText(`Account created. Enter the code sent to ${email} below.`).waitFor();
    const code = page.locator('#confirm').getByLabel('Confirmation code');
    expect(await focusedId()).toBe(await code.getAttribute('id'));
    await expect(page.locator('#confirm').getByLabel('Email').inputValue()).resolves.toBe(email);
    await shot('signed-up');
  });

  it('refuses a wrong code with the problem the API answers, then confirms with the printed one', async () => {
    const confirm = page.locator('#confirm');
    await confirm.getByLabel('Confirmation code').fill('0000000');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await confirm.locator('.problem[role="alert"]').waitFor();
    await expect(confirm.locator('.problem-title').innerText()).resolves.toBe('Bad Request (400)');

    await confirm.getByLabel('Confirmation code').fill(await stack.confirmationCode(email));
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await confirm.getByText('Confirmed. You can log in now.').waitFor();
    await shot('confirmed');
  });

  it('logs in; the tokens live in sessionStorage; no admin view for a user', async () => {
    const login = page.locator('#login');
    await expect(login.getByLabel('Email').inputValue()).resolves.toBe(email);
    await login.getByLabel('Password').fill(password);
    await login.getByRole('button', { name: 'Log in' }).click();
    await page.getByText(`Signed in as ${email}`).waitFor();
    const stored = await page.evaluate<string | null>('sessionStorage.getItem("jobs-console.session")');
    expect(JSON.parse(stored ?? '{}')).toMatchObject({
      idToken: expect.any(String),
      refreshToken: expect.any(String),
    });
    await page.locator('#jobs').getByText('No jobs yet: submit one above.').waitFor();
    expect(await page.locator('#users').count()).toBe(0);
    await shot('logged-in');
  });

  it('checks the payload as it is typed, and renders the API problem for a payload its type cannot use', async () => {
    const form = page.locator('#submit-job');
    const payload = form.getByLabel('Payload (JSON)');
    await payload.fill('{"text": ');
    await expect(form.locator('#payload-check').innerText()).resolves.toMatch(/^Not valid JSON: /);
    await expect(payload.getAttribute('aria-invalid')).resolves.toBe('true');
    await payload.fill('[1, 2]');
    await expect(form.locator('#payload-check').innerText()).resolves.toBe(
      'The payload must be a JSON object, e.g. {"text": "..."}.',
    );

    await form.getByLabel('Job type').selectOption('word-count');
    await payload.fill('{"words": "no text"}');
    await form.getByRole('button', { name: 'Submit job' }).click();
    const problem = form.locator('.problem[role="alert"]');
    await problem.waitFor();
    await expect(problem.locator('.problem-title').innerText()).resolves.toBe('Bad Request (400)');
    await expect(problem.locator('.problem-errors li').allInnerTexts()).resolves.toEqual([
      '/payload/text: must be a string',
    ]);
    await shot('validation-problem');
  });

  it('submits an echo and a word-count job and watches both complete in the list', async () => {
    jobs.echo = await submitJob('echo', '{"hello": "console", "n": [1, 2, 3]}');
    jobs.wordCount = await submitJob('word-count', JSON.stringify({ text: TEXT }));
    for (const id of [jobs.echo, jobs.wordCount])
      await page.locator(`#jobs tr[data-job-id="${id}"]`).waitFor();
    await shot('jobs-submitted');
    // The list refreshes itself: no reload, no click.
    for (const id of [jobs.echo, jobs.wordCount])
      await page
        .locator(`#jobs tr[data-job-id="${id}"][data-status="complete"]`)
        .waitFor({ timeout: 30_000 });
    await expect(page.locator(`#jobs tr[data-job-id="${jobs.wordCount}"] .badge`).innerText()).resolves.toBe(
      'complete',
    );
    await shot('jobs-complete');
  });

  it("opens a job's details and downloads its result through the presigned link", async () => {
    await page.locator('#jobs').getByRole('button', { name: jobs.wordCount }).click();
    const details = page.locator('#job-details');
    await details.getByRole('heading', { name: `Job ${jobs.wordCount}` }).waitFor();
    expect(await focusedId()).toBe('details-heading');
    const link = details.getByRole('link', { name: 'Download the result' });
    await shot('job-details');
    const [result] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await result.waitForLoadState();
    expect(JSON.parse(await result.locator('body pre').first().innerText())).toEqual(WORD_COUNT);
    await result.close();

    await page.locator('#jobs').getByRole('button', { name: jobs.echo }).click();
    await details.getByRole('heading', { name: `Job ${jobs.echo}` }).waitFor();
    const [echoed] = await Promise.all([
      context.waitForEvent('page'),
      details.getByRole('link', { name: 'Download the result' }).click(),
    ]);
    await echoed.waitForLoadState();
    expect(JSON.parse(await echoed.locator('body pre').first().innerText())).toEqual({
      hello: 'console',
      n: [1, 2, 3],
    });
    await echoed.close();
  });

  it('uploads a CSV with its progress shown, watches the csv-stats job complete and downloads its result', async () => {
    const form = page.locator('#submit-job');
    await form.getByLabel('Job type').selectOption('csv-stats');
    await form
      .getByLabel('File')
      .setInputFiles({ name: 'temps.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await form.getByRole('button', { name: 'Upload and submit' }).click();
    await form.getByText(`Uploaded temps.csv (${CSV.length} bytes).`).waitFor();
    await expect(
      form.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('value'),
    ).resolves.toBe('100');
    const jobId = await queuedJobId();
    await shot('file-uploaded');
    await page
      .locator(`#jobs tr[data-job-id="${jobId}"][data-status="complete"]`)
      .waitFor({ timeout: 30_000 });
    await page.locator('#jobs').getByRole('button', { name: jobId }).click();
    const details = page.locator('#job-details');
    await details.getByRole('heading', { name: `Job ${jobId}` }).waitFor();
    const [result] = await Promise.all([
      context.waitForEvent('page'),
      details.getByRole('link', { name: 'Download the result' }).click(),
    ]);
    await result.waitForLoadState();
    expect(JSON.parse(await result.locator('body pre').first().innerText())).toEqual(CSV_STATS);
    await result.close();
    await shot('file-job-complete');
  });

  it('shows why an upload is refused: a job type that does not read the file', async () => {
    const form = page.locator('#submit-job');
    await form.getByLabel('Job type').selectOption('csv-stats');
    await form
      .getByLabel('File')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
    await form.getByRole('button', { name: 'Upload and submit' }).click();
    const problem = form.locator('.status .problem[role="alert"]');
    await problem.waitFor();
    await expect(problem.locator('.problem-detail').innerText()).resolves.toBe(
      'The csv-stats job type does not read text/plain files (it reads text/csv).',
    );
    await shot('upload-refused');
  });

  it('retries a failed job (a malformed CSV): the Retry button queues it again', async () => {
    const form = page.locator('#submit-job');
    await form.getByLabel('Job type').selectOption('csv-stats');
    await form
      .getByLabel('File')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1\n') });
    await form.getByRole('button', { name: 'Upload and submit' }).click();
    const jobId = await queuedJobId();
    await page.locator(`#jobs tr[data-job-id="${jobId}"][data-status="failed"]`).waitFor({ timeout: 30_000 });
    await page.locator('#jobs').getByRole('button', { name: jobId }).click();
    const details = page.locator('#job-details');
    await expect(details.locator('.job-error').innerText()).resolves.toMatch(
      /^The CSV is malformed: .*line 2/,
    );
    expect(await details.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    await shot('job-failed');
    await details.getByRole('button', { name: 'Retry' }).click();
    await stack.waitForLog(new RegExp(`job retried .*jobId=${jobId}`));
    // Processed again (still malformed): failed again, with no problem shown for the retry itself.
    await eventually('the retried job failed again', async () =>
      (await loggedLines(stack, new RegExp(`job failed jobId=${jobId}`))).length === 2 ? true : undefined,
    );
    expect(await details.locator('.problem').count()).toBe(0);
    await page.locator(`#jobs tr[data-job-id="${jobId}"][data-status="failed"]`).waitFor();
  });

  it('cancels a queued job with the Cancel button', async () => {
    // A job that stays queued: recorded as submit would, with no message queued for it yet.
    const jobId = await seedQueuedJob();
    await page.locator(`#jobs tr[data-job-id="${jobId}"][data-status="queued"]`).waitFor({ timeout: 10_000 });
    await page.locator('#jobs').getByRole('button', { name: jobId }).click();
    const details = page.locator('#job-details');
    await details.getByRole('heading', { name: `Job ${jobId}` }).waitFor();
    expect(await details.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await shot('job-queued');
    await details.getByRole('button', { name: 'Cancel' }).click();
    await page.locator(`#jobs tr[data-job-id="${jobId}"][data-status="cancelled"]`).waitFor();
    await expect(details.locator('.badge').innerText()).resolves.toBe('cancelled');
    expect(await details.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    await shot('job-cancelled');
  });

  it('shows the users view to an admin (the admin group in the ID token)', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You have logged out.').waitFor();
    expect(await page.evaluate<string | null>('sessionStorage.getItem("jobs-console.session")')).toBeNull();
    const login = page.locator('#login');
    await login.getByLabel('Email').fill(stack.adminCredentials.email);
    await login.getByLabel('Password').fill(stack.adminCredentials.password);
    await login.getByRole('button', { name: 'Log in' }).click();
    const users = page.locator('#users');
    await users.getByRole('heading', { name: 'Users (admin)' }).waitFor();
    await users.locator('tbody tr').first().waitFor();
    await shot('admin');
  });
});
