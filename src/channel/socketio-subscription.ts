// One round of a Socket.IO channel's subscription: the requests sent (the first, and re-sends of
// transient failures on the back-off), the reports (the first failure at once, the final one,
// as the channel authorizer does on the Pusher protocol) and, where the server acknowledges the
// subscription (presence:subscribed), the SDK's own deadline: laravel-echo-server puts no
// timeout on its request to the auth endpoint, so without it a hung endpoint is never reported.

import type { Backoff } from '../backoff';
import { subscriptionError, type SubscriptionError } from '../errors';

export class SocketIoSubscription {
  /** Requests sent in this round (the `attempt` of a report). */
  private attempt = 0;
  /** Re-sends so far, at most `authRetries`. */
  private resent = 0;
  /** Requests the server has not answered with subscription_error (answers name no request, so it is a count). */
  private unanswered = 0;
  /** The first failure of the round was reported; the next ones are quiet until the final one. */
  private reported = false;
  /** The final failure was reported: later answers of this round change nothing. */
  private ended = false;
  private resendTimer: ReturnType<typeof setTimeout> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly channel: string,
    /** The connector: `authTimeout`, `authRetries` and the back-off, read at each use. */
    private readonly context: { readonly options: { readonly authTimeout: number; readonly authRetries: number }; readonly resubscribeBackoff: Backoff },
    /** Send the subscribe request (again); it calls sent() once it went out. */
    private readonly send: () => void,
    private readonly report: (error: SubscriptionError) => void,
  ) {}

  /** A new round: subscribe(), retry() or a (re)connect. */
  start(): void {
    this.stop();
    this.attempt = this.resent = this.unanswered = 0;
    this.reported = this.ended = false;
    this.send();
  }

  /** The request went out. */
  sent(): void {
    this.attempt++;
    this.unanswered++;
  }

  /** The server acknowledges: a request without an answer after `authTimeout` has failed. */
  expectAck(): void {
    if (this.deadline === undefined && !this.ended) this.deadline = setTimeout(this.timedOut, this.context.options.authTimeout);
  }

  /** Subscribed (acknowledged, or for channels without an acknowledgement, sent). */
  succeeded(): void {
    this.stop();
    this.unanswered = 0;
  }

  /** subscription_error(channel, status); `status` null when the server got no answer (its status 0). */
  failed(status: number | null): void {
    if (this.ended) return;
    if (this.unanswered > 0) this.unanswered--;
    const transient = status === null || status >= 500;
    // Another request of this round is still out, or a re-send is due: that one decides.
    if (transient && (this.resendTimer !== undefined || this.unanswered > 0)) return;
    const message = `The server refused ${this.channel}` + (status ? ` (HTTP ${status}).` : '.');
    this.fail(subscriptionError(this.channel, status, message), transient && this.resendLater());
  }

  /** Nothing more is sent or reported in this round (left, disconnected, or done). */
  stop(): void {
    clearTimeout(this.resendTimer);
    clearTimeout(this.deadline);
    this.resendTimer = this.deadline = undefined;
  }

  private readonly timedOut = (): void => {
    this.deadline = undefined;
    // A late presence:subscribed still subscribes the channel; the SDK also asks again (the re-send arms the next deadline).
    const retrying = this.resendTimer !== undefined || this.resendLater();
    const message = `The server did not answer the subscription of ${this.channel} within ${this.context.options.authTimeout} ms.`;
    this.fail(subscriptionError(this.channel, null, message, 'timeout'), retrying);
  };

  private fail(error: SubscriptionError, retrying: boolean): void {
    if (!retrying) {
      this.stop();
      this.ended = true;
    } else if (this.reported) return;
    this.reported = true;
    this.report({ ...error, attempt: this.attempt || 1, retrying });
  }

  private resendLater(): boolean {
    if (this.resent >= this.context.options.authRetries) return false;
    this.resendTimer = setTimeout(() => {
      this.resendTimer = undefined;
      this.send();
    }, this.context.resubscribeBackoff(this.resent++));
    return true;
  }
}
