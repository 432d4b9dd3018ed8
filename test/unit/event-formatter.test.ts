import { describe, expect, it } from 'vitest';
import { EventFormatter } from '../../src/event-formatter';

describe('EventFormatter (the specification examples)', () => {
  const defaults = new EventFormatter('App.Events');

  it("prefixes the default App.Events namespace: 'ShippingStatusUpdated' → 'App\\Events\\ShippingStatusUpdated'", () => {
    expect(defaults.format('ShippingStatusUpdated')).toBe('App\\Events\\ShippingStatusUpdated');
  });

  it("uses a broadcastAs name with a leading dot as written: '.server.created' → 'server.created'", () => {
    expect(defaults.format('.server.created')).toBe('server.created');
  });

  it("keeps a dotted fully-qualified name after a leading dot: '.Namespace.Event.Class' → 'Namespace.Event.Class'", () => {
    expect(defaults.format('.Namespace.Event.Class')).toBe('Namespace.Event.Class');
  });

  it("uses a custom namespace 'App.Other.Namespace' with backslashes", () => {
    expect(new EventFormatter('App.Other.Namespace').format('OrderShipped')).toBe('App\\Other\\Namespace\\OrderShipped');
  });

  it('turns the dots of a nested event name into backslashes', () => {
    expect(defaults.format('Orders.Shipped')).toBe('App\\Events\\Orders\\Shipped');
  });

  it('adds no namespace when the namespace is false (dots still become backslashes)', () => {
    expect(new EventFormatter(false).format('Users.Created')).toBe('Users\\Created');
  });

  it('drops a leading backslash and keeps the rest verbatim', () => {
    expect(defaults.format('\\App\\Events\\OrderShipped')).toBe('App\\Events\\OrderShipped');
  });

  it('setNamespace() changes the prefix of later names', () => {
    const formatter = new EventFormatter('App.Events');
    formatter.setNamespace('Shop.Events');
    expect(formatter.format('Paid')).toBe('Shop\\Events\\Paid');
  });
});
