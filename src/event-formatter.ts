// Turns the event name given to listen() into the name on the wire (the specification's
// namespace and leading-dot rules).

/** Turns an event name given to listen() into its name on the wire, under the Echo option `namespace`. */
export class EventFormatter {
  constructor(private namespace: string | false | undefined) {}

  /**
   * `.server.created` and `\App\X` are used as written, without their first character;
   * anything else gets `namespace.` prepended and every `.` turned into `\`.
   */
  format(event: string): string {
    const first = event.charAt(0);
    if (first === '.' || first === '\\') return event.slice(1);
    const qualified = this.namespace ? this.namespace + '.' + event : event;
    return qualified.replace(/\./g, '\\');
  }

  /** The reverse, for listenToAll: `App\Events\OrderShipped` → `OrderShipped`; names outside the namespace get a leading dot. */
  unformat(wireName: string): string {
    const prefix = this.format('').replace(/\\?$/, '\\');
    return prefix !== '\\' && wireName.startsWith(prefix) ? wireName.slice(prefix.length).replace(/\\/g, '.') : '.' + wireName;
  }

  setNamespace(namespace: string | false | undefined): void {
    this.namespace = namespace;
  }
}
