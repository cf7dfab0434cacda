/** Signed out: log in, create an account, confirm it with the emailed code (or send the code again). */
import { h, field, replace } from '../dom.js';
import type { ConsoleContext, View } from '../context.js';
import { attempt, problemBox } from '../problems.js';

interface FormParts {
  form: HTMLFormElement;
  status: HTMLElement;
  submit: HTMLButtonElement;
}

function form(title: string, id: string, submitLabel: string, ...fields: HTMLElement[]): FormParts {
  const status = h('div', { class: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, submitLabel);
  const headingId = `${id}-heading`;
  const el = h(
    'form',
    { id, 'aria-labelledby': headingId, novalidate: true },
    h('h2', { id: headingId }, title),
    ...fields,
    h('div', { class: 'actions' }, submit),
    status,
  );
  return { form: el, status, submit };
}

/** Runs `work` with the form's button disabled; its result (a message or a failure) goes in the status. */
async function busy(parts: FormParts, work: () => Promise<HTMLElement | string>): Promise<void> {
  parts.submit.disabled = true;
  replace(parts.status);
  try {
    const outcome = await work();
    replace(parts.status, typeof outcome === 'string' ? h('p', { class: 'ok' }, outcome) : outcome);
  } finally {
    parts.submit.disabled = false;
  }
}

const input = (name: string, type: string, autocomplete: string, extra: Record<string, string> = {}) =>
  h('input', { name, type, autocomplete, required: true, ...extra });

export function authView(ctx: ConsoleContext): View {
  const loginEmail = input('email', 'email', 'username');
  const loginPassword = input('password', 'password', 'current-password');
  const login = form(
    'Log in',
    'login',
    'Log in',
    field('Email', loginEmail),
    field('Password', loginPassword),
  );

  const signUpName = input('name', 'text', 'name', { maxlength: '100' });
  const signUpEmail = input('email', 'email', 'email');
  const signUpPassword = input('password', 'password', 'new-password', { minlength: '8' });
  const signUp = form(
    'Create an account',
    'signup',
    'Sign up',
    field('Name', signUpName),
    field('Email', signUpEmail),
    field(
      'Password',
      signUpPassword,
      'At least 8 characters, with an upper-case letter, a lower-case letter and a number.',
    ),
  );

  const confirmEmail = input('email', 'email', 'username');
  const confirmCode = input('code', 'text', 'one-time-code', {
    inputmode: 'numeric',
    pattern: '[0-9]+',
    maxlength: '10',
  });
  const resend = h('button', { type: 'button', class: 'secondary' }, 'Send the code again');
  const confirm = form(
    'Confirm your account',
    'confirm',
    'Confirm',
    field('Email', confirmEmail),
    field(
      'Confirmation code',
      confirmCode,
      'The code we emailed you (the local stack prints it in its terminal).',
    ),
  );
  confirm.submit.after(resend);

  login.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(login, async () => {
      const result = await attempt(() =>
        ctx.identity.POST('/auth/login', {
          body: { email: loginEmail.value.trim(), password: loginPassword.value },
        }),
      );
      if (!result.data) return problemBox(result);
      ctx.session.start(result.data);
      return 'Logged in.';
    });
  });

  signUp.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(signUp, async () => {
      const email = signUpEmail.value.trim();
      const result = await attempt(() =>
        ctx.identity.POST('/auth/signup', {
          body: { email, password: signUpPassword.value, name: signUpName.value },
        }),
      );
      if (!result.data) return problemBox(result);
      confirmEmail.value = email;
      confirmCode.focus();
      ctx.announce(`Account created for ${email}: enter the confirmation code.`);
      return `Account created. Enter the code sent to ${email} below.`;
    });
  });

  confirm.form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(confirm, async () => {
      const email = confirmEmail.value.trim();
      const result = await attempt(() =>
        ctx.identity.POST('/auth/confirm', { body: { email, code: confirmCode.value.trim() } }),
      );
      if (result.response?.status !== 204) return problemBox(result);
      loginEmail.value = email;
      loginPassword.focus();
      ctx.announce('Account confirmed: log in.');
      return 'Confirmed. You can log in now.';
    });
  });

  resend.addEventListener('click', () => {
    void busy(confirm, async () => {
      const email = confirmEmail.value.trim();
      const result = await attempt(() => ctx.identity.POST('/auth/resend-code', { body: { email } }));
      if (result.response?.status !== 204) return problemBox(result);
      return `If ${email} is waiting for confirmation, a new code is on its way.`;
    });
  });

  return { element: h('div', { class: 'auth' }, login.form, signUp.form, confirm.form) };
}
