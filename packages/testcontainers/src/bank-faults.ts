/** The bank simulator's faults (its PUT /v1/faults); what is left out is off. */
export interface BankFaults {
  latencyMs: number;
  errorRate: number;
  outage: boolean;
  capacity: number | null;
  lostResponseRate: number;
  declineRate: number;
}

/** The bank simulator with every fault off. */
export const NO_BANK_FAULTS: BankFaults = {
  latencyMs: 0,
  errorRate: 0,
  outage: false,
  capacity: null,
  lostResponseRate: 0,
  declineRate: 0,
};

/** Replaces the faults of the bank simulator at `bankUrl` (those left out are off); throws unless it took them. */
export async function putBankFaults(bankUrl: string, faults: Partial<BankFaults>): Promise<void> {
  const response = await fetch(`${bankUrl}/v1/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...NO_BANK_FAULTS, ...faults }),
  });
  if (response.status !== 200)
    throw new Error(
      `the bank simulator refused the faults: HTTP ${response.status} ${await response.text()}`,
    );
}
