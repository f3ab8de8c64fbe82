/**
 * The one headless Chromium of a build (Debian's /usr/bin/chromium driven by puppeteer), shared by the
 * editions that need it (PDF pages, the EPUB cover, browser tests). It may load only the build's own
 * files: every other request (http, https, ws, file:// outside the allowed folders) is aborted and
 * reported, so a manuscript can never reach the network.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { trackBrowser } from './live-browsers.ts';

export const CHROMIUM = process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium';

// puppeteer 24 makes a new `debug` logger for every protocol message, and each one asks whether stderr
// is a terminal unless DEBUG_COLORS is set: ~0.5 s of CPU in a book's PDF build. No logger is enabled.
process.env.DEBUG_COLORS ??= 'no';

const FLAGS = [
  '--no-sandbox', // root in CI and containers; the pages are folio's own sanitised output
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--font-render-hinting=none',
  // Chromium 156 loads the address bar's popup (a WebUI page) into every window, headless or not: ~1 s
  // of CPU a window, spent while the build's own windows paginate (13% of the PDF build's time).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,PreloadTopChromeWebUI',
];

/**
 * Everything that still tries the network (WebSockets are not seen by request interception) goes to a
 * proxy that does not exist, loopback included: a build's pages reach no server at all.
 */
const OFFLINE = ['--proxy-server=127.0.0.1:9', '--proxy-bypass-list=<-loopback>'];

export interface FolioBrowser {
  browser: Browser;
  /**
   * A page that may load only files under `allowedDirs` (plus data: and about:). `hidden`: a background
   * tab, never painted and given no animation frames (its scripts must not wait for one).
   */
  newPage(allowedDirs: string[], options?: { hidden?: boolean }): Promise<Page>;
  /** Requests that were blocked, for the build's report. */
  blocked: string[];
  close(): Promise<void>;
}

/** `loopback: true` (browsing the preview server, tests) lets pages reach 127.0.0.1; builds never set it. */
export async function launchBrowser(options: { loopback?: boolean } = {}): Promise<FolioBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'folio-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: options.loopback ? FLAGS : [...FLAGS, ...OFFLINE],
    userDataDir: join(profile, 'profile'),
    env: { ...process.env, HOME: profile, XDG_CACHE_HOME: join(profile, 'cache'), XDG_CONFIG_HOME: join(profile, 'config'), TMPDIR: profile },
    protocolTimeout: 600_000,
    // Over a pipe, Chromium exits by itself when folio dies (even on kill -9): no orphaned browsers.
    pipe: true,
  });
  const blocked: string[] = [];
  const [front] = await browser.pages();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    untrack();
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    await rm(profile, { recursive: true, force: true });
  };
  const untrack = trackBrowser(close);
  return {
    browser,
    blocked,
    close,
    async newPage(allowedDirs, options = {}) {
      const page = await browser.newPage();
      // A new tab comes to the front; the blank tab Chromium starts with goes back there.
      if (options.hidden) await front?.bringToFront();
      await page.setRequestInterception(true);
      // WebSockets bypass request interception (the proxy flags above stop them): record each attempt.
      const cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
      cdp.on('Network.webSocketCreated', (event) => blocked.push(event.url));
      page.on('request', (request) => {
        const url = request.url();
        if (isAllowed(url, allowedDirs)) {
          void request.continue();
        } else {
          blocked.push(url);
          void request.abort('blockedbyclient');
        }
      });
      return page;
    },
  };
}

function isAllowed(url: string, allowedDirs: string[]): boolean {
  if (url.startsWith('data:') || url.startsWith('about:') || url.startsWith('blob:')) return true;
  if (!url.startsWith('file://')) return false;
  let path: string;
  try {
    path = resolve(fileURLToPath(url));
  } catch {
    return false;
  }
  return allowedDirs.some((dir) => path === resolve(dir) || path.startsWith(resolve(dir) + sep));
}

/** Runs `work` with a browser that is always closed afterwards, whatever happens. */
export async function withBrowser<T>(work: (browser: FolioBrowser) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await work(browser);
  } finally {
    await browser.close();
  }
}
