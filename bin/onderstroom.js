#!/usr/bin/env node
// The CLI runs the compiled code; `npm ci` builds it (the prepare script).
import('../dist/services/cli/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/services/cli')) {
    console.error(
      'Onderstroom is not built yet: run `npm ci` (or `npm run build`) in the project folder first.',
    );
    process.exit(1);
  }
  throw error;
});
