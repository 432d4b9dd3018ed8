// What a WebSocket close code asks of the client (Pusher protocol 7, "Connection closure"),
// mapped as pusher-js maps it.

/**
 * `tls`: reconnect over TLS (4000); `refused`: do not reconnect (4001-4099, 4300+);
 * `backoff`: reconnect after at least a second (1002-1004, 4100-4199); `retry`: reconnect at
 * once (4200-4299); `reconnect`: any other loss, reconnect on the usual schedule.
 */
export type CloseAction = 'tls' | 'refused' | 'backoff' | 'retry' | 'reconnect';

export function closeAction(code: number): CloseAction {
  if (code < 4000) return code >= 1002 && code <= 1004 ? 'backoff' : 'reconnect';
  if (code === 4000) return 'tls';
  if (code < 4100) return 'refused';
  if (code < 4200) return 'backoff';
  if (code < 4300) return 'retry';
  return 'refused';
}
