import { z } from "zod";

/**
 * The bank gateway's id. There is one bank, so the id is a constant; that puts all gateway
 * health events on one partition, in order. A second bank would be a schema change.
 */
export const BankGatewayId = z.literal("bank").describe('Gateway id; always "bank".');
