// whisper() against real soketi, which the e2e servers run with Pusher's own limit of 10 client
// events per second per connection (beyond it: pusher:error 4301 and the event is dropped). The
// SDK's policy: whispers over the rate wait in a FIFO queue and go out as the window allows;
// whispers made before the subscription succeeded wait for it; a payload over 10 KB is refused
// at the call with an EchoError. On the Socket.IO presence channel, early whispers wait for
// presence:subscribed.
import { EchoError, type ConnectionError } from 'royalcms-echo';
import { afterEach, describe, expect, it } from 'vitest';
import { SETUPS, unique } from '../support/env';
import { connect, disconnectAll } from './clients';

afterEach(disconnectAll);

describe('soketi (10 client events per second per connection)', () => {
  const setup = SETUPS.soketi;

  it('35 whispers at once, 5 before the subscription succeeded: all arrive in order, at most 10 a second, none rejected with 4301', async () => {
    const room = unique('whisper');
    const full = `private-chat.${room}`;
    const bob = await connect(setup, 2);
    const arrivals: Array<{ seq: number; at: number }> = [];
    bob.subscribe('private', `chat.${room}`).listenForWhisper('typing', (data: any) => arrivals.push({ seq: data.seq, at: Date.now() }));
    await bob.ready(full);

    const alice = await connect(setup, 1);
    const errors: ConnectionError[] = [];
    alice.echo.onConnectionError((error) => errors.push(error));
    const chat = alice.subscribe('private', `chat.${room}`);
    expect(chat.isSubscribed).toBe(false);
    const startedAt = Date.now();
    for (let seq = 1; seq <= 5; seq++) chat.whisper('typing', { seq }); // before pusher:subscription_succeeded
    await alice.count({ type: 'subscribed', channel: full }, 1);
    for (let seq = 6; seq <= 35; seq++) chat.whisper('typing', { seq }); // a burst

    const deadline = Date.now() + 10_000;
    while (arrivals.length < 35 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await bob.fence(full);
    expect(arrivals.map((a) => a.seq)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    expect(errors.filter((e) => e.code === 4301)).toEqual([]);
    expect(errors).toEqual([]);
    // Paced: ten per 1.1 s window (a second plus room for jitter).
    const at = (seq: number) => arrivals[seq - 1]!.at - startedAt;
    expect(at(10)).toBeLessThan(900);
    expect(at(11)).toBeGreaterThanOrEqual(1_050);
    expect(at(21)).toBeGreaterThanOrEqual(2_150);
    expect(at(31)).toBeGreaterThanOrEqual(3_250);
    expect(at(35)).toBeLessThan(5_000);
    for (const { at: t } of arrivals) expect(arrivals.filter((a) => a.at >= t && a.at < t + 1_000).length).toBeLessThanOrEqual(10);
  });

  it('control: 15 client events at once straight past the SDK get pusher:error 4301 from soketi', async () => {
    const room = unique('whisper');
    const alice = await connect(setup, 1);
    const errors: ConnectionError[] = [];
    alice.echo.onConnectionError((error) => errors.push(error));
    alice.subscribe('private', `chat.${room}`);
    await alice.count({ type: 'subscribed', channel: `private-chat.${room}` }, 1);
    // Past the SDK's limiter: pusher-js's channel.trigger(), or the built-in connector's raw send().
    const connector = alice.echo.connector as unknown as {
      pusher?: { channel(name: string): { trigger(e: string, d: unknown): boolean } };
      send(event: string, data: unknown, channel: string): boolean;
    };
    const name = `private-chat.${room}`;
    const trigger = connector.pusher
      ? (data: unknown) => connector.pusher!.channel(name).trigger('client-typing', data)
      : (data: unknown) => connector.send('client-typing', data, name);
    for (let seq = 1; seq <= 15; seq++) trigger({ seq });
    const deadline = Date.now() + 3_000;
    while (errors.length < 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(errors.every((e) => e.type === 'PusherError' && e.code === 4301)).toBe(true);
    expect(alice.echo.connectionStatus()).toBe('connected');
  });

  it('a payload over 10 KB is refused at the call with a clear EchoError; exactly 10 KB goes through', async () => {
    const room = unique('whisper');
    const full = `private-chat.${room}`;
    const bob = await connect(setup, 2);
    const heard: unknown[] = [];
    bob.subscribe('private', `chat.${room}`).listenForWhisper('blob', (data) => heard.push(data));
    await bob.ready(full);
    const alice = await connect(setup, 1);
    const errors: ConnectionError[] = [];
    alice.echo.onConnectionError((error) => errors.push(error));
    const chat = alice.subscribe('private', `chat.${room}`);
    await alice.count({ type: 'subscribed', channel: full }, 1);

    const exactly = 'x'.repeat(10 * 1024 - 2); // JSON "xxx…" = 10,240 bytes
    const tooBig = 'x'.repeat(10 * 1024 - 1);
    let thrown: unknown;
    try {
      chat.whisper('blob', tooBig);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EchoError);
    expect(String((thrown as Error).message)).toContain('10241 bytes');
    expect(String((thrown as Error).message)).toContain('at most 10240 bytes');
    chat.whisper('blob', exactly);
    while (heard.length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await bob.fence(full);
    expect(heard).toEqual([exactly]);
    expect(errors).toEqual([]);
  });
});

describe('sio4 (Socket.IO 4 cluster)', () => {
  it('presence: whispers made before presence:subscribed wait for it and all arrive, in order', async () => {
    const setup = SETUPS.sio4;
    const room = unique('whisper');
    const full = `presence-chat.${room}`;
    const bob = await connect(setup, 2, { server: 1 });
    const heard: number[] = [];
    bob.subscribe('presence', `chat.${room}`, { presence: true }).listenForWhisper('typing', (data: any) => heard.push(data.seq));
    await bob.count({ type: 'here' }, 1);
    const alice = await connect(setup, 1);
    const chat = alice.subscribe('presence', `chat.${room}`, { presence: true });
    for (let seq = 1; seq <= 15; seq++) chat.whisper('typing', { seq });
    await alice.count({ type: 'here' }, 1);
    await bob.count({ type: 'joining' }, 1);
    await bob.fence(full);
    const deadline = Date.now() + 5_000;
    while (heard.length < 15 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });
});
