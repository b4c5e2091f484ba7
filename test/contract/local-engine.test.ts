/** The embedded engine (SQLite, in-process) through the engine contract suite. */
import { startTestApp } from '../helpers/test-app.js';
import { describeJobEngineContract } from './job-engine.contract.js';

describeJobEngineContract('local (SQLite, in-process)', (options) => startTestApp(options));
