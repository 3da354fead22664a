const STORAGE_KEY = "peakshop.session";

export interface Session {
  customerId: string;
  token: string;
}

/** The signed-in shopper, kept across reloads (tokens expire; the gateway then answers 401 and the shopper signs in again). */
export const session = {
  current(): Session | undefined {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  },
  save(value: Session): void {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
  },
  clear(): void {
    localStorage.removeItem(STORAGE_KEY);
  },
};
