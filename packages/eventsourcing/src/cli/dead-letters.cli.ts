#!/usr/bin/env node
// Operators' tool: `peakshop-dead-letters list <consumer>` and
// `peakshop-dead-letters replay <consumer> [partition:offset ...]`, against the
// brokers in KAFKA_BROKERS.
import { parseArgs } from "node:util";
import { KafkajsAdapter } from "@peakshop/platform-nest";
import { listDeadLetters, replayDeadLetters } from "./dead-letters";

const USAGE = `usage:
  peakshop-dead-letters list <consumer>                      list dead letters (JSON lines)
  peakshop-dead-letters replay <consumer> [partition:offset...]  put them back on their topics (all if none given)
environment: KAFKA_BROKERS=host:port[,host:port]`;

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true });
  const [command, consumer, ...positions] = positionals;
  const brokers = (process.env.KAFKA_BROKERS ?? "").split(",").filter(Boolean);
  if (!command || !consumer || brokers.length === 0 || !["list", "replay"].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === "list") {
    for (const letter of await listDeadLetters(brokers, consumer))
      process.stdout.write(`${JSON.stringify(letter)}\n`);
    return 0;
  }
  const kafka = new KafkajsAdapter({
    brokers,
    clientId: "peakshop-dead-letters",
    service: "cli",
    logLevel: "warn",
  });
  try {
    const count = await replayDeadLetters(brokers, kafka, consumer, positions.length ? positions : undefined);
    process.stdout.write(`replayed ${count} dead letter(s) of ${consumer}\n`);
    return 0;
  } finally {
    await kafka.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
