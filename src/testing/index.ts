// royalcms-echo/testing: a fake Echo for your application's tests (any test runner). Use it
// wherever a real instance goes: <EchoProvider echo={fake}>, app.use(EchoPlugin, fake), or
// configureEcho(fake).

export { FakeEcho, type FakeEchoOptions } from './fake-echo';
export { FakeConnector, FakeEchoAssertionError, type FakeEchoRecord, type FakeWhisper } from './fake-connector';
export { FakeChannel, FakeEncryptedPrivateChannel, FakePresenceChannel, FakePrivateChannel } from './fake-channel';
