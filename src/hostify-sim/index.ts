/** Public surface of the Hostify simulator. */

export { type GeneratedSimData, generateSimData, type SimDataOptions } from './generate.js';
export {
  type HostifySim,
  type HostifySimOptions,
  type SimRequestLogEntry,
  type SimRuntimeOptions,
  type SimScriptStep,
  type SimStats,
  startHostifySim,
} from './server.js';
export type { SimData, SimFacts, SimId, SimListing, SimMoney, SimReservation, SimUser } from './types.js';
