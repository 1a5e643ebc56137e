import { z } from 'zod';

// The CSP forbids eval, and zod probes `new Function` when a schema is built (the probe is reported as a
// violation even though it is caught). Imported first in main.ts so it runs before any schema is created.
z.config({ jitless: true });
