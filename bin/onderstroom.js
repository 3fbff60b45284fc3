#!/usr/bin/env -S node --max-old-space-size=1024
// The heap cap matters: without it V8 lets garbage grow to several times the live heap on a large machine (an
// import of a million rows peaked at 435 MB RSS without it and at 269-274 MB with it, measured with
// `npm run bench:ingest`). npm start and the onderstroom script (the clone's command and the image's entrypoint)
// pass the same flag; the script also gives `start --role api` its small young generation (see the script).
// The CLI runs the compiled code; `npm ci` builds it (the prepare script).
// The entry is workers/main.ts: the CLI of services/cli, with `start` given the roles of workers/.
import('../dist/workers/main.js').then(
  (entry) => entry.run(),
  (error) => {
    if (
      error &&
      error.code === 'ERR_MODULE_NOT_FOUND' &&
      String(error.message).includes('dist/workers/main.js')
    ) {
      console.error(
        'Onderstroom is not built yet: run `npm ci` (or `npm run build`) in the project folder first.',
      );
      process.exit(1);
    }
    throw error;
  },
);
