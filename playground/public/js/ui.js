// Small DOM helpers shared by the views: an element builder, bilingual labels, avatars, times.

/** h('div', {class: 'card', onClick: fn}, child, 'text', [more]) → HTMLElement */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'testid') el.dataset.testid = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'html') el.innerHTML = value; // only for trusted, static markup (icons)
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** 中文 with its English beside it: <span class="bi"><span>订单</span><span class="en">Orders</span></span> */
export function bi(zh, en, attrs = {}) {
  return h('span', { ...attrs, class: ['bi', attrs.class].filter(Boolean).join(' ') }, h('span', { lang: 'zh-CN' }, zh), h('span', { lang: 'en', class: 'en' }, en));
}

/** Same, as one plain string (titles, placeholders). */
export const biText = (zh, en) => `${zh} · ${en}`;

const AVATAR_COLORS = ['#c2410c', '#0f766e', '#7c3aed', '#be185d', '#1d4ed8'];

export function avatar(user, size = 'md') {
  const color = AVATAR_COLORS[(Number(user.id) - 1 + AVATAR_COLORS.length) % AVATAR_COLORS.length];
  return h('span', { class: `avatar avatar-${size}`, style: `--avatar:${color}`, 'aria-hidden': 'true' }, String(user.name).charAt(0).toUpperCase());
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

export function clock(date = new Date(), withMs = false) {
  const d = date instanceof Date ? date : new Date(date);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` + (withMs ? `.${pad(d.getMilliseconds(), 3)}` : '');
}

export function money(value) {
  return `¥${Number(value).toLocaleString('zh-CN')}`;
}

/** A <details> with a code sample: the specification's own example, as this page runs it. */
export function codeSample(title, code) {
  return h('details', { class: 'code-sample' }, h('summary', null, h('span', { class: 'code-icon', 'aria-hidden': 'true' }, '</>'), title), h('pre', null, h('code', null, code)));
}

export function toast(container, { title, body, tone = 'info', testid }) {
  const el = h('div', { class: `toast toast-${tone}`, role: 'status', testid }, h('strong', null, title), body ? h('span', null, body) : null);
  container.prepend(el);
  setTimeout(() => el.classList.add('leaving'), 4200);
  setTimeout(() => el.remove(), 4700);
}

/** The error object channel.error() receives → "HTTP 403 (forbidden)" (its full text is in the event log's payload). */
export function describeSubscriptionError(error) {
  const status = error && error.status ? `HTTP ${error.status}` : error && error.error ? error.error : 'refused';
  return `${status}${error && error.reason ? ` (${error.reason})` : ''}`;
}
