// Build-time constants, replaced by the bundler (rollup.config.mjs) and defined by the vitest configs.

/**
 * True in the development build (full error messages) and false in the production build
 * (the `production` export condition: short coded messages, see README "Error codes").
 */
declare const __DEV__: boolean;
