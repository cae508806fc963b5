import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The last link of each hash chain (`audit`, and any other append-only log that chains its rows). Appenders lock this
 * row in their transaction (chain/head.ts), which serialises appends across processes; a verifier compares the end
 * of the chain with it, so rows removed from the end are noticed too.
 */
export const ChainHead = defineEntity({
  name: 'ChainHead',
  tableName: 'chain_heads',
  properties: {
    name: p.string().length(40).primary(),
    seq: p.integer(),
    lastHash: p.string().length(64),
  },
});
export type IChainHead = InferEntity<typeof ChainHead>;
