export { dropres } from './dropres.js';
export type { DropresMode, DropresOptions } from './dropres.js';
export { discreteNode } from './discreteNode.js';
export type { DiscreteNodeOptions, DiscreteNodeResult } from './discreteNode.js';
