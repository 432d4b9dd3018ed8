// Pusher protocol frames: every inbound message is parsed here once, into a Frame or the reason
// it was dropped; outbound frames are encoded the way pusher-js encodes them (key order included).

/** One inbound message. `data` is decoded once: a JSON string inside the frame becomes its value. */
export interface Frame {
  event: string;
  channel?: string;
  data: unknown;
  /** Presence channels: the sender of a client event. */
  user_id?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The frame in `text`, or a string saying why it is malformed. Never throws. */
export function decodeFrame(text: unknown): Frame | string {
  if (typeof text !== 'string') return 'frame that is not text';
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return 'frame that is not JSON';
  }
  if (!isObject(frame)) return 'frame that is not an object';
  const { event, channel } = frame;
  if (typeof event !== 'string' || event === '') return 'frame without an event name';
  if (channel !== undefined && typeof channel !== 'string') return 'frame with an invalid channel';
  let data = frame['data'];
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      // Not JSON: the application gets the string as sent, as with pusher-js.
    }
  }
  const decoded: Frame = { event, channel, data };
  if (typeof frame['user_id'] === 'string') decoded.user_id = frame['user_id'];
  return decoded;
}

export function encodeFrame(event: string, data: unknown, channel?: string): string {
  return JSON.stringify(channel === undefined ? { event, data } : { event, data, channel });
}
