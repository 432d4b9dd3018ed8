// Debian's Chromium as every browser test here launches it: no download, loopback only. Without
// the background-networking flags Chromium keeps trying hosts this closed network refuses.
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
