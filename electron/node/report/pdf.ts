// HTML report → PDF through headless Chromium (playwright-core driving the system's Chromium).
// The command line's way; the desktop app would use Electron's printToPDF (not wired yet).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'];

/** The browser to print with: DBSHIFT_CHROMIUM, else a usual install location. */
export function findChromium(): string | undefined {
  const env = process.env.DBSHIFT_CHROMIUM;
  if (env) return existsSync(env) ? env : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

export const PDF_UNAVAILABLE = 'PDF needs Chromium and the playwright-core package: install Chromium (Debian: apt-get install chromium) '
  + 'or set DBSHIFT_CHROMIUM to its path, and npm install playwright-core; the HTML report prints to PDF from any browser meanwhile';

/**
 * Prints each HTML file to the .pdf next to it. Every request the page makes is refused (the
 * reports load nothing; this makes sure of it). Returns the PDFs, or why it could not.
 */
export async function htmlFilesToPdf(htmlFiles: string[]): Promise<{ pdfs: string[] } | { unavailable: string }> {
  const exe = findChromium();
  if (!exe) return { unavailable: PDF_UNAVAILABLE };
  let pw: typeof import('playwright-core');
  try {
    pw = await import('playwright-core');
  } catch {
    return { unavailable: PDF_UNAVAILABLE };
  }
  const browser = await pw.chromium.launch({
    executablePath: exe,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    const pdfs: string[] = [];
    for (const f of htmlFiles) {
      await page.setContent(await readFile(f, 'utf8'), { waitUntil: 'load' });
      const out = f.replace(/\.html$/, '.pdf');
      await page.pdf({ path: out, format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
      pdfs.push(out);
    }
    return { pdfs };
  } finally {
    await browser.close();
  }
}
