/**
 * The console: a single page over the API's typed client (api/client.ts). Signed out it offers log
 * in, sign up and confirmation; signed in, job submission, the job list with details and results,
 * and for admins the user list. See README, "Console".
 */
import { createApiClient } from '../../api/client.js';
import { loadConfig } from './config.js';
import type { ConsoleContext, View } from './context.js';
import { h, replace } from './dom.js';
import { jobActions, payloadSources } from './extensions.js';
import { retryAndCancel } from './job-actions.js';
import { fileUpload } from './upload.js';
import { Session } from './session.js';
import { adminView } from './views/admin.js';
import { authView } from './views/auth.js';
import { jobsView } from './views/jobs.js';
import { submitView } from './views/submit.js';

// The features that plug into the views (extensions.ts), registered here: the package is free of
// side effects (package.json sideEffects), so a module that registered itself on import would be dropped.
jobActions.push(...retryAndCancel);
payloadSources.push(fileUpload);

const root = document.getElementById('app') as HTMLElement;
const live = document.getElementById('live') as HTMLElement;
const announce = (message: string) => {
  live.textContent = '';
  // A new text node after a tick, so the same message twice is read twice.
  setTimeout(() => (live.textContent = message), 50);
};

let mounted: View[] = [];

function render(ctx: ConsoleContext, notice?: string): void {
  for (const view of mounted) view.dispose?.();
  mounted = [];
  const { session } = ctx;
  const claims = session.claims;
  const header = h(
    'header',
    {},
    h('h1', {}, 'Jobs console'),
    session.signedIn
      ? h(
          'div',
          { class: 'who' },
          h('span', {}, `Signed in as ${claims.email ?? claims.sub ?? 'you'}`),
          session.isAdmin ? h('span', { class: 'badge badge-admin' }, 'admin') : null,
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => session.end('You have logged out.') },
            'Log out',
          ),
        )
      : null,
  );
  const main = h('main', { id: 'main' }, notice ? h('p', { class: 'notice', role: 'status' }, notice) : null);
  if (!session.signedIn) {
    const auth = authView(ctx);
    mounted.push(auth);
    main.append(auth.element);
  } else {
    const jobs = jobsView(ctx);
    const submit = submitView(ctx, (jobId) => {
      ctx.announce(`Job ${jobId} submitted.`);
      jobs.reload();
    });
    mounted.push(submit, jobs);
    main.append(submit.element, jobs.element);
    if (session.isAdmin) {
      const admin = adminView(ctx);
      mounted.push(admin);
      main.append(admin.element);
    }
  }
  replace(root, header, main, h('footer', {}, `API: ${ctx.apiUrl}`));
}

async function start(): Promise<void> {
  let apiUrl: string;
  try {
    ({ apiUrl } = await loadConfig());
  } catch (e) {
    replace(
      root,
      h('h1', {}, 'Jobs console'),
      h(
        'div',
        { class: 'problem', role: 'alert' },
        h('p', { class: 'problem-title' }, 'No API to talk to'),
        h('p', {}, (e as Error).message),
      ),
    );
    return;
  }
  const identity = createApiClient(apiUrl);
  // The session calls back only after start-up (a login, a logout, an expired session), once ctx is set.
  const session: Session = new Session(identity, (reason) => {
    render(ctx, reason);
    if (reason) announce(reason);
  });
  const ctx: ConsoleContext = {
    apiUrl,
    identity,
    session,
    announce,
    api: createApiClient(apiUrl, { tokens: session }),
  };
  render(ctx);
}

void start();
