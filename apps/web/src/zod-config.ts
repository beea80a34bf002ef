import { z } from 'zod';

// The server's Content-Security-Policy allows no eval: zod must not probe for `new Function` (it would fall
// back anyway, but the probe is reported as a violation). Imported first by main.tsx, so this runs before any
// module that builds a schema at load (the contracts' constants pull in their module's schemas).
z.config({ jitless: true });
