// The Vue page of test/e2e/browser/adapters.spec.ts, built by Vite into .tmp/pages/vue, served
// at /build/vue/. The application chooses pusher-js and the Pusher-only entry; the composables
// come from royalcms-echo/vue and share the core with it.
import { createApp } from 'vue';
import Pusher from 'pusher-js';
import Echo from 'royalcms-echo/pusher';
import { EchoPlugin } from 'royalcms-echo/vue';
import { installControl, soketiPort } from '../adapter-control';
import App from './App.vue';

const echo = new Echo({ broadcaster: 'reverb', Pusher, key: 'app-key', wsHost: '127.0.0.1', wsPort: soketiPort(), forceTLS: false, enabledTransports: ['ws'] });
const control = installControl('vue', echo);

createApp(App, { control }).use(EchoPlugin, echo).mount('#app');
