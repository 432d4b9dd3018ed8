// One round of a Socket.IO channel's subscription: the requests sent (the first, and re-sends of
// transient failures on a back-off) and, where the server acknowledges the subscription
// (presence:subscribed), the SDK's own deadline. laravel-echo-server puts no timeout on its
// request to the auth endpoint, so without the deadline a hung endpoint would never be reported.

import type { Backoff } from '../backoff';
import { subscriptionError, type SubscriptionError } from '../errors';

export class SocketIoSubscription {
  /** Requests sent in this round (the `attempt` of a report). */
  private attempt = 0;
  /** Re-sends so far, at most `retries`. */
  private resent = 0;
  /** Requests the server has not answered with subscription_error (answers name no request, so it is a count). */
  private unanswered = 0;
  private resendTimer: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly channel: string,
    /** `authTimeout` and `authRetries`, read at each use. */
    private readonly options: { readonly authTimeout: number; readonly authRetries: number },
    private readonly schedule: Backoff,
    /** Send the subscribe request (again); it calls sent() once it went out. */
    private readonly send: () => void,
    private readonly report: (error: SubscriptionError) => void,
  ) {}

  /** A new round: subscribe(), retry() or a (re)connect. */
  start(): void {
    this.stop();
    this.attempt = this.resent = this.unanswered = 0;
    this.send();
  }

  /** The request went out. */
  sent(): void {
    this.attempt++;
    this.unanswered++;
  }

  /** The server will acknowledge: report a round without an answer after `authTimeout`. */
  expectAck(): void {
    if (this.deadline === undefined) this.deadline = setTimeout(this.timedOut, this.options.authTimeout);
  }

  /** Subscribed (acknowledged, or for channels without an acknowledgement, sent). */
  succeeded(): void {
    this.stop();
    this.unanswered = 0;
  }

  /** subscription_error(channel, status); `status` null when the server got no answer (its status 0). */
  failed(status: number | null): void {
    if (this.unanswered > 0) this.unanswered--;
    const transient = status === null || status >= 500;
    // Another request of this round is still out, or a re-send is due: that one decides.
    if (transient && (this.resendTimer !== undefined || this.unanswered > 0)) return;
    if (transient && this.resendLater()) return;
    this.stop();
    const error = subscriptionError(this.channel, status, `The server refused ${this.channel}` + (status ? ` (HTTP ${status}).` : '.'));
    this.report({ ...error, attempt: this.attempt || 1 });
  }

  /** Nothing more is sent or reported in this round (left, disconnected, or done). */
  stop(): void {
    clearTimeout(this.resendTimer);
    clearTimeout(this.deadline);
    this.resendTimer = this.deadline = undefined;
  }

  private readonly timedOut = (): void => {
    this.deadline = undefined;
    // An answer may still come (a late presence:subscribed subscribes the channel); the SDK also asks again.
    const retrying = this.resendTimer !== undefined || this.resendLater();
    if (retrying) this.expectAck();
    const { authTimeout } = this.options;
    this.report({
      ...subscriptionError(this.channel, null, `The server did not answer the subscription of ${this.channel} within ${authTimeout} ms.`, 'timeout'),
      attempt: this.attempt,
      retrying,
    });
  };

  private resendLater(): boolean {
    if (this.resent >= this.options.authRetries) return false;
    this.resendTimer = setTimeout(() => {
      this.resendTimer = undefined;
      this.send();
    }, this.schedule(this.resent++));
    return true;
  }
}
