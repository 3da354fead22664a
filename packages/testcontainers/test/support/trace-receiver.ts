import { readFileSync } from "node:fs";
import { GenericContainer, Wait, type StartedNetwork, type StartedTestContainer } from "testcontainers";

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  service?: string;
}

const SCRIPT = readFileSync(new URL("./otlp-receiver.mjs", import.meta.url), "utf8");

/**
 * The OTLP receiver (otlp-receiver.mjs) in a container on the services'
 * network, as `otlp`, run by the Node.js of a service image.
 */
export class TraceReceiver {
  /** What the services' OTEL_* variables must say to send their spans here. */
  static readonly serviceEnvironment = {
    OTEL_TRACES_EXPORTER: "otlp",
    OTEL_EXPORTER_OTLP_ENDPOINT: "http://otlp:4318",
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    // Spans leave within a fifth of a second rather than the default 5 s.
    OTEL_BSP_SCHEDULE_DELAY: "200",
  };

  private constructor(private readonly container: StartedTestContainer) {}

  static async start(network: StartedNetwork, nodeImage: string): Promise<TraceReceiver> {
    const container = await new GenericContainer(nodeImage)
      .withNetwork(network)
      .withNetworkAliases("otlp")
      .withCopyContentToContainer([{ content: SCRIPT, target: "/tmp/otlp-receiver.mjs" }])
      .withCommand(["node", "/tmp/otlp-receiver.mjs"])
      .withExposedPorts(4318)
      .withWaitStrategy(Wait.forLogMessage(/otlp receiver listening/))
      .start();
    return new TraceReceiver(container);
  }

  async spans(traceId: string): Promise<ReceivedSpan[]> {
    const url = `http://${this.container.getHost()}:${this.container.getMappedPort(4318)}/spans?traceId=${traceId}`;
    return (await (await fetch(url)).json()) as ReceivedSpan[];
  }

  stop(): Promise<unknown> {
    return this.container.stop();
  }
}
