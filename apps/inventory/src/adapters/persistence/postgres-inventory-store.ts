import type { InventoryStore } from "../../application/inventory-store.port";
import { holdLines } from "./bucket-allocator";
import { findProduct, listProducts, upsertProduct } from "./products.repository";
import {
  claimDueHolds,
  findReservation,
  insertReservation,
  recordMessage,
  replaceAllocations,
  saveTransitions,
} from "./reservations.repository";
import { commitmentsOf, lockAllBuckets, refillBuckets, returnAllocations } from "./stock-buckets.repository";

/** The inventory store in inventory's PostgreSQL database. */
export const postgresInventoryStore: InventoryStore = {
  findReservation,
  insertReservation,
  saveTransitions,
  recordMessage,
  replaceAllocations,
  claimDueHolds,
  holdLines,
  returnAllocations,
  lockAllBuckets,
  commitmentsOf,
  refillBuckets,
  upsertProduct,
  listProducts,
  findProduct,
};
