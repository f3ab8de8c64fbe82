/**
 * The preview's HTTP server (node:http, bound to 127.0.0.1 only): serves the HTML edition from memory,
 * the font slices from their npm packages, and an event stream (Server-Sent Events) that tells open
 * pages to reload and carries the check messages for the overlay. The small client script is injected
 * into pages only here, never into the built edition.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { Diagnostic } from '../book/types.ts';
import { HTML_TEMPLATES } from '../render/html/styles.ts';
import type { Site } from '../render/html/site.ts';

export const EVENTS_PATH = '/__folio/events';
export const CLIENT_PATH = '/__folio/preview.js';
const CLIENT_FILE = join(HTML_TEMPLATES, 'preview.js');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

export interface ReloadEvent {
  pages: string[];
  ms: number;
}

export interface PreviewServer {
  port: number;
  url: string;
  /** Tells every open page to reload. */
  reload(event: ReloadEvent): void;
  /** Sends the current check messages to every open page's overlay (when no page changed). */
  notify(diagnostics: Diagnostic[]): void;
  close(): Promise<void>;
}

export interface ServerSource {
  site(): Site;
  diagnostics(): Diagnostic[];
}

export async function startServer(source: ServerSource, port: number): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => handle(request, response));

  function handle(request: IncomingMessage, response: ServerResponse) {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'GET only');
    if (path === EVENTS_PATH) return openStream(response);
    if (path === CLIENT_PATH) return stream(response, CLIENT_FILE);
    const name = path === '/' ? 'index.html' : path.slice(1);
    const site = source.site();
    const text = site.files.get(name) ?? site.onRequest.get(name)?.();
    if (text !== undefined) return send(response, 200, TYPES[extname(name)] ?? 'application/octet-stream', name.endsWith('.html') ? inject(text) : text);
    const copy = site.copies.get(name);
    if (copy) return stream(response, copy);
    send(response, 404, 'text/plain; charset=utf-8', `Not found: ${name}`);
  }

  function openStream(response: ServerResponse) {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(`event: diagnostics\ndata: ${JSON.stringify(source.diagnostics())}\n\n`);
    clients.add(response);
    response.on('close', () => clients.delete(response));
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/`,
    reload(event) {
      for (const client of clients) client.write(`event: reload\ndata: ${JSON.stringify(event)}\n\n`);
    },
    notify(diagnostics) {
      for (const client of clients) client.write(`event: diagnostics\ndata: ${JSON.stringify(diagnostics)}\n\n`);
    },
    async close() {
      for (const client of clients) client.end();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}

function send(response: ServerResponse, status: number, type: string, body: string) {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

function stream(response: ServerResponse, file: string) {
  response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).on('error', () => response.destroy()).pipe(response);
}

/** The reload-and-overlay client, in preview pages only. */
function inject(html: string): string {
  return html.replace('</head>', `<script src="${CLIENT_PATH}" defer></script></head>`);
}
