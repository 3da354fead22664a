import type { Charge, Refund } from "./report";

interface LedgerCharge {
  chargeId: string;
  reference: string;
  status: "captured" | "declined";
  amountCents: number;
}

interface Ledger {
  charges: LedgerCharge[];
  refunds: { chargeId: string; amountCents: number }[];
}

/** The bank simulator's test controls (shared/API.md): its faults and its ledger. */
export class BankControl {
  constructor(private readonly baseUrl: string) {}

  /** Replaces the bank's faults; `{}` makes it healthy. */
  async setFaults(faults: { outage?: boolean; latencyMs?: number; errorRate?: number }): Promise<void> {
    const response = await fetch(`${this.baseUrl}/v1/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(faults),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`the bank simulator refused its faults: HTTP ${response.status}`);
  }

  /** The ledger's charges and refunds for these orders (a charge's reference is its order's id). */
  async ledgerFor(orderIds: Iterable<string>): Promise<{ charges: Charge[]; refunds: Refund[] }> {
    const charges: Charge[] = [];
    const refunds: Refund[] = [];
    for (const orderId of orderIds) {
      const url = `${this.baseUrl}/v1/ledger?reference=${encodeURIComponent(orderId)}`;
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`the bank simulator's ledger answered HTTP ${response.status}`);
      const ledger = (await response.json()) as Ledger;
      const ours = new Set(ledger.charges.map((charge) => charge.chargeId));
      charges.push(
        ...ledger.charges.map(({ reference, status, amountCents }) => ({ reference, status, amountCents })),
      );
      refunds.push(
        ...ledger.refunds
          .filter((refund) => ours.has(refund.chargeId))
          .map((refund) => ({ chargeReference: orderId, amountCents: refund.amountCents })),
      );
    }
    return { charges, refunds };
  }
}
