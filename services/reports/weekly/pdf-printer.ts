// HTML to an A4 PDF by headless Chromium (Debian's package, driven by playwright-core, which downloads nothing):
// page numbers, the organisation and the period in every footer. The page may load nothing from the network: the
// report's HTML carries its styles and charts inline, so a request out is a mistake, refused.

export const CHROMIUM = '/usr/bin/chromium';
/** How Chromium runs headless on a server, here and in the browser tests (tools/web-browser.ts). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const LAUNCH_TIMEOUT_MS = 60_000;

export interface PdfFooter {
  /** Left in the footer, e.g. "Gemeente Huizen – situatierapport week 3 (18 t/m 24 januari 2021)". */
  text: string;
}

export type PdfPrinter = (html: string, footer: PdfFooter) => Promise<Buffer>;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function footerTemplate(footer: PdfFooter): string {
  return (
    "<div style=\"font-family: 'Noto Sans', 'DejaVu Sans', Arial, sans-serif; font-size: 8px; color: #4d4d4d; " +
    'width: 100%; margin: 0 16mm; display: flex; justify-content: space-between;">' +
    `<span>${escapeHtml(footer.text)}</span>` +
    '<span>pagina <span class="pageNumber"></span> van <span class="totalPages"></span></span></div>'
  );
}

/**
 * A printer that starts Chromium for each document and closes it after (a report a week needs no warm browser),
 * one document at a time so that two requests never run two browsers on a small machine.
 */
export function createPdfPrinter(executablePath = CHROMIUM): PdfPrinter {
  let queue: Promise<unknown> = Promise.resolve();
  return (html, footer) => {
    const run = queue.then(() => print(executablePath, html, footer));
    queue = run.catch(() => undefined);
    return run;
  };
}

async function print(executablePath: string, html: string, footer: PdfFooter): Promise<Buffer> {
  // Loaded on the first report, not at start: playwright-core adds about 80 MB to every process that imports it.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    timeout: LAUNCH_TIMEOUT_MS,
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort(),
    );
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footerTemplate(footer),
      margin: { top: '18mm', bottom: '20mm', left: '16mm', right: '16mm' },
      preferCSSPageSize: false,
      tagged: true,
    });
  } finally {
    await browser.close();
  }
}
