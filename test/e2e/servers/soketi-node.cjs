// soketi 1.6.1 as a node of the soketi cluster, with one fix: it listens only once its redis adapter has
// subscribed. soketi's RedisAdapter.init() sends (P)SUBSCRIBE without waiting for them and the server
// listens as soon as init() resolves; a client that arrived in between (1–64 ms after the first HTTP
// answer, measured here) got a presence list of its own node only, because the cluster-wide read asks
// as many nodes as redis counts on the adapter's request channel. Used by scripts/servers.mjs.
const { RedisAdapter } = require('@soketi/soketi/dist/adapters/redis-adapter');

const init = RedisAdapter.prototype.init;
RedisAdapter.prototype.init = async function initThenWaitForSubscriptions() {
  const adapter = await init.call(this);
  await this.subClient.ping(); // answered on the same connection after the subscriptions sent before it
  return adapter;
};

require('@soketi/soketi/bin/server.js');
