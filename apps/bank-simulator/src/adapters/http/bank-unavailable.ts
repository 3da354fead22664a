/** A simulated failure of the bank: answered 503, and nothing was committed. */
export class BankUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BankUnavailable";
  }
}
