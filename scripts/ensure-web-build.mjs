#!/usr/bin/env node
// Builds the web app into dist/web when it is missing or older than its sources, so `npm start`
// always serves the current app without a separate build step.
import { spawnSync } from 'node:child_process';
import { isStale } from './build-freshness.mjs';

const output = 'dist/web/index.html';
const sources = [
  'web',
  'src/contract',
  'src/domain',
  'src/auth/roles.ts',
  'src/model',
  'vite.config.ts',
  'package-lock.json',
];

if (!isStale({ stamp: output, sources }) && process.argv[2] !== '--force') process.exit(0);

console.error('building the web app (dist/web)…');
const run = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
