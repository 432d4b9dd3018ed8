// The chat room, the specification's presence-channel example: Echo.join(`chat.${roomId}`) with
// here/joining/leaving for the member list, listen('NewMessage') for other people's messages,
// whisper/listenForWhisper('typing') for "… is typing", and messages posted with toOthers() so
// the sender's own copy comes from the HTTP response only.
import { h, bi, biText, avatar, clock, codeSample } from './ui.js';

const TYPING_SEND_EVERY_MS = 1200;
const TYPING_SHOW_MS = 3000;

export function chatView(root, { room, echo, user, log, rooms }) {
  const channelName = `chat.${room}`;
  const members = new Map(); // user id → {id, name}
  const typing = new Map(); // user id → {name, timer}
  let lastWhisper = 0;
  let left = false;

  const memberList = h('ul', { class: 'members', testid: 'members' });
  const memberCount = h('span', { class: 'member-count', testid: 'member-count' }, '0');
  const messages = h('ol', { class: 'messages', testid: 'messages' });
  const typingLine = h('p', { class: 'typing', testid: 'typing', 'aria-live': 'polite' });
  const input = h('input', { class: 'chat-input', testid: 'chat-input', maxlength: 500, autocomplete: 'off', placeholder: biText('输入消息，回车发送', 'Type a message, Enter to send') });
  const toOthers = h('input', { type: 'checkbox', testid: 'chat-to-others', checked: true });
  const sendButton = h('button', { class: 'button primary', type: 'submit', testid: 'chat-send' }, bi('发送', 'Send'));
  const composer = h('form', { class: 'composer', testid: 'composer' },
    input,
    sendButton,
    h('label', { class: 'to-others', title: biText('关掉它，发送者会收到自己消息的第二份（来自广播）', 'Switch it off and the sender gets a second copy of each message (from the broadcast)') },
      toOthers, h('code', null, 'toOthers()'), bi('不把消息广播回给自己', 'don\'t broadcast my message back to me')),
  );

  root.replaceChildren(
    h('nav', { class: 'room-tabs', 'aria-label': 'Rooms' },
      Object.entries(rooms).map(([id, name]) => h('a', { href: `#/chat/${id}`, class: id === String(room) ? 'active' : '', testid: `room-${id}` }, `# ${name.zh}`, h('small', null, name.en))),
    ),
    h('section', { class: 'card chat', testid: 'chat', dataset: { room: String(room) } },
      h('aside', { class: 'chat-members' },
        h('h2', null, bi('在线成员', 'Online'), memberCount),
        memberList,
        h('p', { class: 'muted small' }, h('code', null, `presence-chat.${room}`)),
      ),
      h('div', { class: 'chat-main' }, messages, typingLine, composer),
    ),
    codeSample(biText('代码', 'Code'), `Echo.join(\`chat.\${roomId}\`)
    .here((users) => { /* everyone in the room */ })
    .joining((user) => console.log(user.name))
    .leaving((user) => console.log(user.name))
    .listen('NewMessage', (e) => { /* others' messages */ })
    .listenForWhisper('typing', (e) => console.log(e.name));

Echo.join(\`chat.\${roomId}\`).whisper('typing', { name: user.name });

// PHP: broadcast(new NewMessage($message))->toOthers();
// axios sends X-Socket-ID (Echo.socketId()) with every request.`),
  );

  const renderMembers = () => {
    const list = [...members.values()].sort((a, b) => a.id - b.id);
    memberCount.textContent = String(list.length);
    memberList.replaceChildren(...list.map((m) =>
      h('li', { class: 'member', testid: 'member', dataset: { userId: String(m.id) } },
        avatar(m, 'sm'), h('span', null, m.name), m.id === user.id ? h('small', { class: 'muted' }, bi('你', 'you')) : null,
        typing.has(m.id) ? h('span', { class: 'typing-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')) : null,
      )));
  };

  const renderTyping = () => {
    const names = [...typing.values()].map((t) => t.name);
    typingLine.replaceChildren(names.length ? bi(`${names.join('、')} 正在输入…`, `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} typing…`) : '');
    typingLine.classList.toggle('visible', names.length > 0);
    renderMembers();
  };

  const stopTyping = (id) => {
    const entry = typing.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    typing.delete(id);
    renderTyping();
  };

  const scrollDown = () => { messages.scrollTop = messages.scrollHeight; };

  const systemLine = (zh, en) => {
    messages.append(h('li', { class: 'system', testid: 'system-line' }, bi(zh, en)));
    scrollDown();
  };

  /** source: 'history' | 'response' (my own POST) | 'broadcast' (NewMessage) */
  const messageElement = (message, source) => {
    const mine = message.user.id === user.id;
    return h('li', { class: `message${mine ? ' mine' : ''}`, testid: 'message', dataset: { messageId: String(message.id), source, userId: String(message.user.id) } },
      mine ? null : avatar(message.user, 'sm'),
      h('div', { class: 'bubble' },
        h('div', { class: 'message-meta' },
          h('strong', null, message.user.name),
          h('time', null, clock(message.sent_at)),
          mine && source !== 'history' ? h('span', { class: `via via-${source}` }, source === 'response' ? 'HTTP' : biText('广播', 'broadcast')) : null,
        ),
        h('p', { testid: 'message-body' }, message.body),
      ),
    );
  };

  const appendMessage = (message, source) => {
    messages.querySelector('.system.empty')?.remove();
    messages.append(messageElement(message, source));
    scrollDown();
  };

  // The specification's example, live:
  const channel = echo.join(channelName);
  log.watch(channel);
  channel
    .here((users) => {
      members.clear();
      for (const u of users) members.set(u.id, u);
      renderMembers();
      log.presence(channel.name, 'here', [`${users.length} 人在线`, `${users.length} online`], users);
    })
    .joining((u) => {
      members.set(u.id, u);
      renderMembers();
      systemLine(`${u.name} 加入了聊天室`, `${u.name} joined`);
      log.presence(channel.name, 'joining', [`${u.name} 加入`, `${u.name} joined`], u);
    })
    .leaving((u) => {
      members.delete(u.id);
      stopTyping(u.id);
      renderMembers();
      systemLine(`${u.name} 离开了聊天室`, `${u.name} left`);
      log.presence(channel.name, 'leaving', [`${u.name} 离开`, `${u.name} left`], u);
    })
    .listen('NewMessage', (e) => {
      stopTyping(e.message.user.id);
      appendMessage(e.message, 'broadcast');
    })
    .listenForWhisper('typing', (e) => {
      if (!e || e.id === user.id) return;
      const entry = typing.get(e.id);
      if (entry) clearTimeout(entry.timer);
      if (e.typing === false) { stopTyping(e.id); return; }
      typing.set(e.id, { name: e.name, timer: setTimeout(() => stopTyping(e.id), TYPING_SHOW_MS) });
      renderTyping();
    });

  input.addEventListener('input', () => {
    const now = Date.now();
    if (!input.value.trim() || now - lastWhisper < TYPING_SEND_EVERY_MS) return;
    lastWhisper = now;
    channel.whisper('typing', { id: user.id, name: user.name });
  });

  composer.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = input.value.trim();
    if (!body) return;
    sendButton.disabled = true;
    try {
      const { data } = await window.axios.post(`/chat/${room}/messages`, { body, to_others: toOthers.checked });
      input.value = '';
      lastWhisper = 0;
      channel.whisper('typing', { id: user.id, name: user.name, typing: false });
      appendMessage(data.message, 'response');
    } catch (error) {
      systemLine(`发送失败：${error.response?.status ?? error.message}`, `Sending failed: ${error.response?.data?.message ?? error.message}`);
    } finally {
      sendButton.disabled = false;
      input.focus();
    }
  });

  window.axios.get(`/chat/${room}/messages`).then(({ data }) => {
    if (left) return;
    messages.prepend(...(data.messages.length
      ? data.messages.map((m) => messageElement(m, 'history'))
      : [h('li', { class: 'system empty' }, bi('还没有消息。打个招呼吧！', 'No messages yet. Say hello!'))]));
    scrollDown();
  });

  return () => {
    left = true;
    for (const entry of typing.values()) clearTimeout(entry.timer);
    echo.leave(channelName);
  };
}
