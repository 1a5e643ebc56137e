// One Content-Security-Policy for the renderer: sent as a header by the main process and baked into index.html.

export type PolicyMode = 'production' | 'development';

const PRODUCTION: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'media-src': ["'self'", 'blob:', 'mediastream:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** Dev adds what Vite's dev server needs: its HMR websocket and the style tags it injects. */
const DEVELOPMENT_EXTRAS: Record<string, string[]> = {
  'style-src': ["'unsafe-inline'"],
  'connect-src': ['ws://localhost:*', 'ws://127.0.0.1:*'],
};

export function contentSecurityPolicy(mode: PolicyMode): string {
  const directives = Object.entries(PRODUCTION).map(([name, sources]) => {
    const extra = mode === 'development' ? (DEVELOPMENT_EXTRAS[name] ?? []) : [];
    return `${name} ${[...sources, ...extra].join(' ')}`;
  });
  return directives.join('; ');
}
