// The <script> build: the global `Echo` is the constructor itself (`new Echo({...})`), with the
// other exports attached to it; pusher-js and socket.io-client are found as window.Pusher / window.io.

import { Echo } from './echo';
import * as api from './index';

const { default: _default, Echo: _echo, ...named } = api;
void _default;
void _echo;

export default Object.assign(Echo, named);
