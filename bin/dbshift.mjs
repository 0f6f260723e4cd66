#!/usr/bin/env node
// `npx dbshift …` / `npm run dbshift -- …`: runs the TypeScript CLI through tsx without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/node/cli/main.ts');
await runCli(process.argv.slice(2));
