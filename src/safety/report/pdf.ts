// SPDX-License-Identifier: GPL-3.0-or-later
// Incident reports as PDF: the HTML report printed by Chromium (playwright-core driving the system's chromium,
// no browser download). One browser serves a batch of reports.

import { existsSync } from 'node:fs';

/** Chromium's flags: headless, and nothing that reaches out to the network on its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export interface PdfJob {
  html: string;
  path: string;
}

/** Prints each HTML page to its PDF file (A4). Throws an Error naming the problem when Chromium cannot start. */
export async function writePdfs(jobs: readonly PdfJob[], chromiumPath = process.env.JOINTSKY_CHROMIUM ?? DEFAULT_CHROMIUM): Promise<void> {
  if (jobs.length === 0) return;
  if (!existsSync(chromiumPath)) throw new Error(`PDF needs Chromium: '${chromiumPath}' not found (set JOINTSKY_CHROMIUM)`);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new Error('PDF needs the playwright-core package (npm install playwright-core)');
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    for (const job of jobs) {
      await page.setContent(job.html, { waitUntil: 'load' });
      await page.pdf({ path: job.path, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    }
  } finally {
    await browser.close();
  }
}
