// The connection badge: Echo.connectionStatus() and Echo.onConnectionChange() shown as one of
// the five states, plus a button that calls Echo.disconnect() / Echo.connect().
import { bi, biText } from './ui.js';

export const STATUS_LABELS = {
  connecting: ['连接中', 'Connecting'],
  connected: ['已连接', 'Connected'],
  reconnecting: ['重连中', 'Reconnecting'],
  disconnected: ['已断开', 'Disconnected'],
  failed: ['连接失败', 'Failed'],
};

const POWER_ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M11 2h2v10h-2V2Zm-4.95 3.46 1.41 1.41A6.98 6.98 0 0 0 5 12a7 7 0 1 0 11.54-5.13l1.41-1.41A9 9 0 1 1 3 12a8.98 8.98 0 0 1 3.05-6.54Z"/></svg>';

/**
 * @param {{badge: HTMLElement, toggle: HTMLButtonElement, echo: any, log: import('./event-log.js').EventLog, onChange?: (status: string) => void}} o
 */
export function mountConnection({ badge, toggle, echo, log, onChange = () => {} }) {
  toggle.innerHTML = POWER_ICON;
  const show = (status) => {
    const [zh, en] = STATUS_LABELS[status] ?? [status, status];
    badge.dataset.status = status;
    badge.replaceChildren(bi(zh, en));
    const connectedish = status === 'connected' || status === 'connecting' || status === 'reconnecting';
    toggle.title = connectedish ? biText('断开连接', 'Disconnect (Echo.disconnect())') : biText('重新连接', 'Connect (Echo.connect())');
    toggle.setAttribute('aria-label', toggle.title);
    toggle.dataset.action = connectedish ? 'disconnect' : 'connect';
    onChange(status);
  };
  show(echo.connectionStatus());
  echo.onConnectionChange((status, previous) => {
    log.connection(status, previous);
    show(status);
  });
  toggle.addEventListener('click', () => {
    if (toggle.dataset.action === 'disconnect') echo.disconnect();
    else echo.connect();
  });
}
