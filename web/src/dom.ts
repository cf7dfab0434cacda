/**
 * Building DOM nodes without a framework (see README, "Console": the page is a handful of forms and
 * tables). Text always goes in as text nodes, never as HTML, so nothing the API returns can inject
 * markup.
 */
export type Child = Node | string | number | null | undefined | false;

type Props = {
  [key: string]: string | number | boolean | null | undefined | EventListener | Record<string, string>;
};

/** `h('button', { type: 'button', onclick: go }, 'Go')`: attributes, `on*` listeners, `dataset`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'dataset' && typeof value === 'object') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(key, '');
    else if (typeof value === 'string' || typeof value === 'number') el.setAttribute(key, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
}

/** Replaces every child of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A unique id for label/aria wiring. */
let counter = 0;
export const uid = (prefix: string) => `${prefix}-${++counter}`;

/** A labelled form field; the input gets the id the label points at. */
export function field(
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
) {
  input.id ||= uid('field');
  const hintEl = hint ? h('p', { class: 'hint', id: `${input.id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hintEl);
}

export const formatTime = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
};
