/** Admins only (the `admin` group in the ID token): every profile, a page at a time (GET /users). */
import type { User } from '../../../api/client.js';
import { h, formatTime, replace } from '../dom.js';
import type { ConsoleContext, View } from '../context.js';
import { attempt, problemBox } from '../problems.js';

const PAGE_SIZE = 20;

export function adminView(ctx: ConsoleContext): View {
  const body = h('tbody');
  const status = h('div', { class: 'status', 'aria-live': 'polite' });
  const previous = h('button', { type: 'button', class: 'secondary' }, 'Previous');
  const next = h('button', { type: 'button', class: 'secondary' }, 'Next');
  const pages: (string | undefined)[] = [undefined];
  let page = 0;

  const row = (user: User) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, user.userId),
      h('td', {}, user.name),
      h('td', {}, user.email ?? ''),
      h('td', {}, formatTime(user.createdAt)),
    );

  async function load(): Promise<void> {
    const token = pages[page];
    const result = await attempt(() =>
      ctx.api.GET('/users', {
        params: { query: { limit: PAGE_SIZE, ...(token ? { nextToken: token } : {}) } },
      }),
    );
    if (!result.data) return replace(status, problemBox(result));
    replace(status);
    pages.length = page + 1;
    if (result.data.nextToken) pages.push(result.data.nextToken);
    replace(
      body,
      ...(result.data.items.length === 0
        ? [h('tr', {}, h('td', { colspan: 4 }, 'No profiles yet.'))]
        : result.data.items.map(row)),
    );
    previous.disabled = page === 0;
    next.disabled = result.data.nextToken === undefined;
  }
  previous.addEventListener('click', () => {
    page = Math.max(0, page - 1);
    void load();
  });
  next.addEventListener('click', () => {
    page += 1;
    void load();
  });
  void load();

  const refresh = h('button', { type: 'button', class: 'secondary', onclick: () => void load() }, 'Refresh');
  return {
    element: h(
      'section',
      { id: 'users', 'aria-labelledby': 'users-heading' },
      h('h2', { id: 'users-heading' }, 'Users (admin)'),
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden' }, 'Every user profile'),
        h(
          'thead',
          {},
          h('tr', {}, ...['User id', 'Name', 'Email', 'Created'].map((c) => h('th', { scope: 'col' }, c))),
        ),
        body,
      ),
      h('nav', { class: 'pager', 'aria-label': 'User pages' }, previous, next, refresh),
      status,
    ),
  };
}
