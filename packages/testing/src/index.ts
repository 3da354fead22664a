import "./use-reaper-image";
import type {} from "./provided-context";

export { resolveImages, type ImageNames } from "./images";
export { startInfrastructure, type Infrastructure, type InfrastructureSettings } from "./infrastructure";
export { startKafka, type KafkaEndpoint, type KafkaOptions } from "./kafka";
export { startPostgres, type PostgresEndpoint } from "./postgres";
export { testContext } from "./test-context";
export { waitFor, type WaitOptions } from "./wait-for";
export { startTcpRelay, type TcpRelay } from "./tcp-relay";
