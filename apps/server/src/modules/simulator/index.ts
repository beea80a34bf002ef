// The live simulator's entrance: the demo's moving units and 110 calls, and the benchmarks' load.
export { createSimulator, SIM_TAG, type SimulatorDeps, type SimulatorOptions } from './simulator.ts';
