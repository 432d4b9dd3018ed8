// The playground's shell: user switcher, connection badge, bell, event log, and a hash router
// for the three demos. window.Echo and window.axios come from bootstrap.js.
import { h, bi, biText, avatar } from './ui.js';
import { EventLog } from './event-log.js';
import { mountConnection } from './connection.js';
import { NotificationCenter, notificationsView } from './notifications.js';
import { orderListView, orderView } from './orders.js';
import { chatView } from './chat.js';

const { user, users, driver, broadcasting, statuses, rooms } = window.Royalcms;
const echo = window.Echo;
const $ = (id) => document.getElementById(id);

const log = new EventLog($('event-log'), {
  formatter: new window.EchoClass.EventFormatter(echo.options.namespace),
  notificationEvent: window.EchoClass.NOTIFICATION_EVENT,
});

// ---- header: driver, connection, user switcher ----
$('driver').replaceChildren(h('span', { class: 'driver-dot', 'aria-hidden': 'true' }), driver.label);
$('driver').title = broadcasting.server;

const footer = $('footer');
const renderFooter = () => {
  footer.replaceChildren(
    h('span', null, 'royalcms-echo · ', h('code', null, 'dist/echo.iife.min.js'),
      broadcasting.client ? [' · ', h('span', { testid: 'pusher-client', dataset: { client: broadcasting.client } }, broadcasting.client === 'pusher-js' ? h('code', null, 'pusher-js') : bi('内置客户端', 'built-in client'))] : null),
    h('span', null, bi('服务器', 'Server'), ' ', h('code', { testid: 'server' }, broadcasting.server)),
    h('span', null, 'Echo.socketId() ', h('code', { testid: 'socket-id' }, (echo.connectionStatus() === 'connected' && echo.socketId()) || '—')),
  );
};
mountConnection({ badge: $('connection'), toggle: $('connection-toggle'), echo, log, onChange: () => setTimeout(renderFooter, 0) });
renderFooter();

function switchTo(id) {
  location.href = `/login?user=${id}&redirect=${encodeURIComponent('/' + location.search + location.hash)}`; // keeps ?client=pusher-js
}

function renderUserSwitcher() {
  const root = $('user-switcher');
  const menu = h('div', { class: 'menu', role: 'menu', hidden: true, testid: 'user-menu' },
    h('p', { class: 'menu-title' }, bi('切换演示用户', 'Switch demo user')),
    users.map((u) => h('button', { class: `menu-item${user && u.id === user.id ? ' current' : ''}`, type: 'button', role: 'menuitem', testid: `switch-user-${u.id}`, onClick: () => switchTo(u.id) },
      avatar(u, 'sm'), h('span', null, u.name), user && u.id === user.id ? h('small', null, bi('当前', 'current')) : null)),
    user ? h('button', { class: 'menu-item signout', type: 'button', role: 'menuitem', testid: 'sign-out', onClick: async () => { await window.axios.post('/logout'); location.href = '/' + location.search; } }, bi('退出登录', 'Sign out')) : null,
    h('p', { class: 'menu-hint' }, bi(
      '两个人同时玩：另开一个无痕窗口，或用 localhost 打开（各自的登录 cookie）。',
      'Two people at once: open a private window, or use localhost instead of 127.0.0.1 (each has its own login cookie).',
    )),
  );
  const button = h('button', { class: 'user-button', type: 'button', testid: 'user-button', 'aria-haspopup': 'menu', onClick: (e) => { e.stopPropagation(); menu.hidden = !menu.hidden; } },
    user ? [avatar(user), h('span', { class: 'user-name', testid: 'current-user' }, user.name)] : bi('登录', 'Sign in'),
    h('span', { class: 'caret', 'aria-hidden': 'true' }, '▾'),
  );
  document.addEventListener('click', (e) => { if (!root.contains(e.target)) menu.hidden = true; });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') menu.hidden = true; });
  root.replaceChildren(button, menu);
}
renderUserSwitcher();

// ---- signed out: pick a demo user ----
const view = $('view');
if (!user) {
  document.body.classList.add('signed-out');
  $('bell').hidden = true;
  view.replaceChildren(
    h('section', { class: 'card welcome', testid: 'welcome' },
      h('h1', null, bi('欢迎来到 Royalcms Echo 演练场', 'Welcome to the Royalcms Echo playground')),
      h('p', { class: 'muted' }, bi(
        '选一个演示用户登录（登录 cookie）。再开一个无痕窗口登录另一个人，就能看到两人之间的实时广播。',
        'Sign in as a demo user (a login cookie). Open a private window as someone else to watch live broadcasts between two people.',
      )),
      h('div', { class: 'user-cards' },
        users.map((u) => h('button', { class: 'user-card', type: 'button', testid: `login-${u.id}`, onClick: () => switchTo(u.id) },
          avatar(u, 'lg'), h('strong', null, u.name), h('span', { class: 'muted' }, bi('以此身份登录', 'Sign in'))))),
    ),
  );
} else {
  const notifications = new NotificationCenter({ echo, user, log, bell: $('bell'), count: $('bell-count'), toasts: $('toasts') });

  // ---- router ----
  let cleanup = () => {};
  const routes = [
    [/^#\/orders\/(\d+)$/, 'orders', (m) => orderView(view, { id: Number(m[1]), echo, user, log, statuses })],
    [/^#\/orders\/?$/, 'orders', () => orderListView(view, { user })],
    [/^#\/chat\/(\w+)$/, 'chat', (m) => chatView(view, { room: m[1], echo, user, log, rooms })],
    [/^#\/notifications\/?$/, 'notifications', () => notificationsView(view, { center: notifications, user, users })],
  ];
  const route = () => {
    const hash = location.hash || '#/orders';
    const match = routes.map(([re, tab, render]) => [hash.match(re), tab, render]).find(([m]) => m);
    if (!match) { location.hash = '#/orders'; return; }
    const [m, tab, render] = match;
    cleanup();
    for (const a of document.querySelectorAll('#tabs a')) a.classList.toggle('active', a.dataset.view === tab);
    cleanup = render(m) || (() => {});
    view.focus({ preventScroll: true });
  };
  window.addEventListener('hashchange', route);
  route();
}

document.title = `${user ? user.name + ' · ' : ''}${biText('Royalcms Echo 演练场', 'Playground')}`;
