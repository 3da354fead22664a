import type { FinishedOrder } from "./finished-order";

/** Told once per order that reached a final status, after that was committed (metrics). */
export abstract class FinishedOrders {
  abstract record(order: FinishedOrder): void;
}
