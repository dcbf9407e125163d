// Scenario building blocks for the fake AWS: the builder, real AWS documents, time helpers and the
// named scenarios (one per cause family).
export * from './builder.ts';
export * from './documents.ts';
export * from './named/index.ts';
export * from './time.ts';
