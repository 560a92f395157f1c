export { readOptional } from './read-optional.js';
export { writeIfChanged } from './write-if-changed.js';
