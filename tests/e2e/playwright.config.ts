// Browser tests of the widget and the agent workspace against a real Kefu server.
// Uses Debian's Chromium (/usr/bin/chromium); Playwright never downloads a browser here.

import { defineConfig } from '@playwright/test';
import { baseURL } from './server';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalSetup: './global-setup.ts',
  outputDir: './test-results',
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env['KEFU_CHROMIUM'] ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
