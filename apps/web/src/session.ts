export interface Session {
  customerId: string;
  token: string;
}

/** A signed-in person kept across reloads (tokens expire; the gateway then answers 401 and they sign in again). */
function storedSession(key: string) {
  return {
    current(): Session | undefined {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as Session) : undefined;
    },
    save(value: Session): void {
      localStorage.setItem(key, JSON.stringify(value));
    },
    clear(): void {
      localStorage.removeItem(key);
    },
  };
}

/** The shopper. */
export const session = storedSession("peakshop.session");
/** The operator of the console, apart from any shopper signed in on the same browser. */
export const operatorSession = storedSession("peakshop.operator");
