export { ConfigError, loadConfig } from "./config/load-config";
export {
  httpServiceConfigSchema,
  SERVICE_CONFIG,
  serviceConfigSchema,
  type PlatformConfig,
  type ServiceConfig,
} from "./config/service-config";
export { dataSourceOptions, type DatabaseSettings } from "./database/database.module";
export { PeakshopPgClient } from "./database/pg-client";
export { runMigrations } from "./database/run-migrations";
export { KafkaPort, type IncomingMessage, type OutgoingRecord, type TopicSpec } from "./kafka/kafka.port";
export { ensureTopicsAtStart, topicSpecsOf, type ServiceTopics } from "./kafka/service-topics";
export { incomingMessageOf } from "./kafka/incoming-message";
export { consumeTopic, type TopicConsumer } from "./kafka/kafka-topic-consumer";
export { KafkajsAdapter, type KafkaClientSettings } from "./kafka/kafkajs.adapter";
export { KafkaBatchContext, KafkaConsumerServer, kafkaConsumerServer } from "./kafka/kafka-consumer.server";
export { REQUEST_ID_HEADER } from "./logging/logging.module";
export { PlatformModule } from "./platform.module";
export { boundShutdown, startService, type StartOptions } from "./bootstrap/start-service";
export { probeKafkaRoundTrip } from "./kafka/kafka-probe";
export { readTopic, readTopicToEnd, type ReadRecord } from "./kafka/kafka-topic-reader";
export {
  ProblemDetailsFilter,
  ProblemException,
  problemFilterFor,
  problemType,
  type ProblemDetails,
  type ProblemFilterOptions,
} from "./http/problem-details.filter";
export { invalidRequest, parseRequest } from "./http/parse-request";
export { readPage, type Page } from "./http/pagination";
export {
  OutboundFailure,
  sendOutbound,
  type OutboundAnswer,
  type OutboundRequest,
} from "./http/outbound-http";
export { PollingWorker } from "./lifecycle/polling-worker";
export { SweepWorker } from "./lifecycle/sweep-worker";
export { WorkSignal, type SubscribeOptions, type WorkSubscription } from "./lifecycle/work-signal";
export {
  gaugeReadAtScrape,
  type GaugeReadAtScrapeOptions,
  type Reading,
} from "./metrics/gauge-read-at-scrape";
export {
  activeTraceIds,
  activeTraceparent,
  continueTrace,
  inSpan,
  tracingStarted,
  withTraceparent,
  type SpanOptions,
} from "./tracing/trace-context";
export { consumeTraced, publishTraced } from "./tracing/kafka-spans";
