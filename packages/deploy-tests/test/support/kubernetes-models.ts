// Offline validation of rendered objects against the Kubernetes API schemas
// (and the operators' CRD schemas) that kubernetes-models compiles. A kind
// without a model is an error: an object nobody checked must not pass.
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1";
import { ScaledObject, TriggerAuthentication } from "@kubernetes-models/keda/keda.sh/v1alpha1";
import {
  PrometheusRule,
  ServiceMonitor,
} from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import { KafkaTopic as KafkaTopicV1 } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1";
import { KafkaTopic as KafkaTopicV1beta2 } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1beta2";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Job } from "kubernetes-models/batch/v1";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Service, ServiceAccount } from "kubernetes-models/v1";
import type { Manifest } from "./manifests";

type ModelClass = (new (data: never) => { validate(): void }) & { apiVersion: string; kind: string };

const MODELS: readonly ModelClass[] = [
  ConfigMap,
  Service,
  ServiceAccount,
  Deployment,
  Job,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
  NetworkPolicy,
  Ingress,
  HTTPRoute,
  ServiceMonitor,
  PrometheusRule,
  ScaledObject,
  TriggerAuthentication,
  KafkaTopicV1beta2,
  KafkaTopicV1,
] as unknown as ModelClass[];

const BY_TYPE = new Map(MODELS.map((model) => [`${model.apiVersion}/${model.kind}`, model]));

/** Throws, naming the object, when it breaks its API schema or its kind has no model. */
export function validateManifest(manifest: Manifest): void {
  const type = `${manifest.apiVersion}/${manifest.kind}`;
  const model = BY_TYPE.get(type);
  if (!model) throw new Error(`${type} ${manifest.metadata.name}: no schema to validate it against`);
  try {
    new model(manifest as never).validate();
  } catch (error) {
    throw new Error(`${type} ${manifest.metadata.name}: ${(error as Error).message}`, { cause: error });
  }
}
