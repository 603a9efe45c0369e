// DAISY Ace (npm run test:a11y) drives Chromium through puppeteer. Never download a browser
// during npm install: the machine's network is closed, and Debian's chromium is used instead
// (PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium).
module.exports = { skipDownload: true };
