import { ContractViolation } from "../message/contract-violation";

/** A header value as Kafka clients hand it over: text, bytes, or repeated (kafkajs gives arrays). */
export type KafkaHeaderValue = string | Uint8Array | readonly (string | Uint8Array)[] | undefined;

export type KafkaHeaders = Readonly<Record<string, KafkaHeaderValue>>;

// fatal: a header or value that is not UTF-8 is corrupt, and silently replacing bytes would hide it.
export const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Reads header values as text, failing with ContractViolation on the first missing or garbled one. */
export class KafkaHeadersReader {
  constructor(
    private readonly headers: KafkaHeaders,
    /** The message the headers belong to, once known; named in every error. */
    readonly subject: { readonly messageType?: string; readonly messageVersion?: number } = {},
  ) {}

  /** The reader for the same headers, with the message type and version named in errors. */
  about(messageType: string, messageVersion?: number): KafkaHeadersReader {
    return new KafkaHeadersReader(this.headers, { messageType, messageVersion });
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw this.violation("missing-header", name, `missing Kafka header ${name}`);
    return value;
  }

  optional(name: string): string | undefined {
    const raw = this.headers[name];
    if (raw === undefined) return undefined;
    if (typeof raw === "string" || raw instanceof Uint8Array) return this.decode(name, raw);
    const [single, ...rest] = raw;
    if (single === undefined) return undefined;
    // Two values for one CloudEvents attribute leave no way to tell which one is meant.
    if (rest.length > 0) {
      throw this.violation("invalid-header", name, `Kafka header ${name} appears ${raw.length} times`);
    }
    return this.decode(name, single);
  }

  violation(reason: "missing-header" | "invalid-header", name: string, summary: string): ContractViolation {
    return new ContractViolation({ reason, field: name, ...this.subject }, summary);
  }

  private decode(name: string, value: string | Uint8Array): string {
    if (typeof value === "string") return value;
    try {
      return utf8.decode(value);
    } catch {
      throw this.violation("invalid-header", name, `Kafka header ${name} is not UTF-8`);
    }
  }
}
