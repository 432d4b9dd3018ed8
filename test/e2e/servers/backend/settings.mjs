// Runtime-switchable backend behaviour (POST /control/config to change, /control/reset to restore).
const defaults = () => ({
  // Royalcms 7.x (Laravel <= 8.15): /broadcasting/auth is CSRF-checked. Royalcms 8.x/9.x exempt it: set false.
  csrfOnBroadcastAuth: process.env.BACKEND_CSRF_ON_AUTH !== '0',
  // Laravel 9 + pusher-php-server 7 send the presence user_id as a string; 'number' for older stacks.
  presenceIdType: process.env.BACKEND_PRESENCE_ID_TYPE === 'number' ? 'number' : 'string',
});

export const settings = defaults();

export function resetSettings() { Object.assign(settings, defaults()); }

export function updateSettings(patch) {
  if (typeof patch.csrfOnBroadcastAuth === 'boolean') settings.csrfOnBroadcastAuth = patch.csrfOnBroadcastAuth;
  if (patch.presenceIdType === 'string' || patch.presenceIdType === 'number') settings.presenceIdType = patch.presenceIdType;
  return settings;
}
